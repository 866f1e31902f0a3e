#include "event_reader.hpp"

#include <algorithm>
#include <stdexcept>

#include "protocol/records.hpp"
#include "read_transaction.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/journal.hpp"
#include "store/statement.hpp"

namespace speedmeet::server {

std::string hex(const std::vector<unsigned char>& bytes) { return protocol::key_hex(bytes); }

protocol::EventInfo read_event_info(store::Database& db) {
  store::EventStore events(db);
  const auto event = events.load_event_row();
  if (!event) throw std::runtime_error(db.path() + " holds no event; create it with speedmeet init");
  return protocol::event_info(*event, hex(events.public_key()));
}

std::int64_t head_cursor(store::Database& db) {
  auto st = db.prepare("SELECT coalesce(max(cursor), 0) FROM change_log");
  return st.step() ? st.int64(0) : 0;
}

protocol::Snapshot build_snapshot(store::Database& db) {
  const ReadTransaction read(db);
  store::EventStore events(db);
  const auto event = events.load_event();
  if (!event) throw std::runtime_error(db.path() + " holds no event; create it with speedmeet init");
  protocol::Snapshot s;
  s.event = protocol::event_info(*event, hex(events.public_key()));
  s.cursor = head_cursor(db);
  for (const Round& r : event->rounds) s.rounds.push_back(protocol::round_info(r));
  for (const Table& t : event->tables) s.tables.push_back(protocol::table_info(t));

  std::vector<store::ParticipantRecord> people = events.participants();
  std::sort(people.begin(), people.end(), [](const auto& a, const auto& b) { return a.num < b.num; });
  s.participants.reserve(people.size());
  for (const auto& r : people) {
    s.participants.push_back(protocol::participant_info(r));
    if (r.badge_serial > 1) s.revocations.push_back({r.participant.id, r.num, r.badge_serial});
  }
  // With the stood-up meetings re-matches replaced: kiosks keep them too,
  // presence carries over from them.
  const std::vector<store::MeetingRecord> meetings = events.meeting_records();
  s.meetings.reserve(meetings.size());
  for (const auto& m : meetings) s.meetings.push_back(protocol::meeting_info(m));

  auto journal = db.prepare(std::string("SELECT ") + store::kJournalColumns + " FROM journal ORDER BY rowid");
  while (journal.step()) s.journal.push_back(store::read_journal_row(journal, 0));
  return s;
}

}  // namespace speedmeet::server
