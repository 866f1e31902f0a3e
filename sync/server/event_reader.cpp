#include "event_reader.hpp"

#include <stdexcept>

#include "read_transaction.hpp"
#include "store/journal.hpp"
#include "store/database.hpp"
#include "store/statement.hpp"

namespace speedmeet::server {

std::string hex(const std::vector<unsigned char>& bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 0x0F];
  }
  return out;
}

protocol::EventInfo read_event_info(store::Database& db) {
  auto st = db.prepare(
      "SELECT id, name, venue, timezone, default_language, first_start, round_minutes, break_minutes, "
      "checkin_window_minutes, grace_minutes, public_key FROM event");
  if (!st.step()) throw std::runtime_error(db.path() + " holds no event; create it with speedmeet init");
  protocol::EventInfo e;
  e.id = st.text(0);
  e.name = st.text(1);
  e.venue = st.text(2);
  e.timezone = st.text(3);
  e.default_language = st.text(4);
  e.first_start = st.int64(5);
  e.round_minutes = st.int64(6);
  e.break_minutes = st.int64(7);
  e.checkin_window_minutes = st.int64(8);
  e.grace_minutes = st.int64(9);
  e.public_key_hex = hex(st.blob(10));
  return e;
}

std::int64_t head_cursor(store::Database& db) {
  auto st = db.prepare("SELECT coalesce(max(cursor), 0) FROM change_log");
  return st.step() ? st.int64(0) : 0;
}

protocol::Snapshot build_snapshot(store::Database& db) {
  const ReadTransaction read(db);
  protocol::Snapshot s;
  s.event = read_event_info(db);
  s.cursor = head_cursor(db);

  auto rounds = db.prepare("SELECT number, starts_at, ends_at FROM rounds ORDER BY number");
  while (rounds.step()) s.rounds.push_back({rounds.int64(0), rounds.int64(1), rounds.int64(2)});
  auto tables = db.prepare("SELECT number, label FROM tables ORDER BY number");
  while (tables.step()) s.tables.push_back({tables.int64(0), tables.text(1)});

  // No e-mail column: kiosks never receive addresses.
  auto people = db.prepare(
      "SELECT id, num, name, organization, role, language, badge_code, badge_serial, arrives, leaves "
      "FROM participants ORDER BY num");
  while (people.step()) {
    protocol::ParticipantInfo p;
    p.id = people.text(0);
    p.num = people.int64(1);
    p.name = people.text(2);
    p.organization = people.text(3);
    p.role = people.text(4);
    p.language = people.text(5);
    p.badge_code = people.text(6);
    p.badge_serial = people.int64(7);
    if (!people.is_null(8)) p.arrives = people.int64(8);
    if (!people.is_null(9)) p.leaves = people.int64(9);
    if (p.badge_serial > 1) s.revocations.push_back({p.id, p.num, p.badge_serial});
    s.participants.push_back(std::move(p));
  }

  auto meetings = db.prepare("SELECT id, round, table_no, a, b, origin FROM meetings ORDER BY round, table_no");
  while (meetings.step())
    s.meetings.push_back({meetings.int64(0), meetings.int64(1), meetings.int64(2), meetings.text(3), meetings.text(4),
                          meetings.text(5)});
  // Kiosks keep the stood-up meetings re-matches replaced: presence carries
  // over from them.
  auto replaced = db.prepare("SELECT id, round, table_no, a, b, origin FROM replaced_meetings ORDER BY round, table_no, id");
  while (replaced.step())
    s.meetings.push_back({replaced.int64(0), replaced.int64(1), replaced.int64(2), replaced.text(3), replaced.text(4),
                          replaced.text(5), true});

  auto journal = db.prepare(std::string("SELECT ") + store::kJournalColumns + " FROM journal ORDER BY rowid");
  while (journal.step()) s.journal.push_back(store::read_journal_row(journal, 0));
  return s;
}

}  // namespace speedmeet::server
