#include "local_database.hpp"

#include <stdexcept>

#include "store/event_store.hpp"
#include "store/journal.hpp"

namespace speedmeet::kiosk {

std::shared_ptr<const KioskData> load_kiosk_data(store::Database& db) {
  store::EventStore events(db);
  auto event = events.load_event();
  if (!event) throw std::runtime_error(db.path() + " holds no event yet: load a snapshot or let the kiosk sync first");
  std::vector<RosterPerson> people;
  for (auto& rec : events.participants())
    people.push_back({std::move(rec.participant), static_cast<std::uint32_t>(rec.num), rec.badge_serial});
  return std::make_shared<const KioskData>(std::move(*event), std::move(people), events.meetings(),
                                           events.public_key(), events.replaced_meetings());
}

presence::Presence load_presence(store::Database& db, const KioskData& data) {
  return presence::Presence(data.every_meeting(), store::read_arrival_rows(db));
}

StaffCounts load_staff_counts(store::Database& db, const std::string& device) {
  StaffCounts c;
  auto st = db.prepare(
      "SELECT count(*), coalesce(sum(kind = 'entrance'), 0), coalesce(sum(meeting_id IS NOT NULL), 0), "
      "coalesce(sum(outcome = 'rejected'), 0) FROM journal WHERE device = ?");
  st.bind(1, device);
  if (st.step()) {
    c.journal_rows = st.integer(0);
    c.entrance_checkins = st.integer(1);
    c.meeting_checkins = st.integer(2);
    c.rejected_scans = st.integer(3);
  }
  return c;
}

JournalRow JournalRecorder::record(const JournalRow& row) {
  last_ = journal_.append(row);
  return last_;
}

}  // namespace speedmeet::kiosk
