#include "local_database.hpp"

#include <algorithm>
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

std::optional<SavedClock> load_saved_clock(store::Database& db) {
  auto st = db.prepare("SELECT offset_ms, rtt_ms, boot_id, boot_epoch, confirmed_by FROM kiosk_clock WHERE id = 1");
  if (!st.step()) return std::nullopt;
  SavedClock c;
  if (!st.is_null(0)) c.offset_ms = st.int64(0);
  c.rtt_ms = st.is_null(1) ? 0 : st.int64(1);
  c.boot_id = st.text(2);
  if (!st.is_null(3)) c.boot_epoch_ms = st.int64(3);
  c.confirmed_by = st.text(4);
  return c;
}

void save_clock(store::Database& db, const SavedClock& c) {
  auto st = db.prepare(
      "INSERT INTO kiosk_clock (id, offset_ms, rtt_ms, boot_id, boot_epoch, confirmed_by) VALUES (1, ?, ?, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET offset_ms = excluded.offset_ms, rtt_ms = excluded.rtt_ms, "
      "boot_id = excluded.boot_id, boot_epoch = excluded.boot_epoch, confirmed_by = excluded.confirmed_by");
  if (c.offset_ms) st.bind(1, *c.offset_ms); else st.bind_null(1);
  st.bind(2, c.rtt_ms).bind(3, c.boot_id);
  if (c.boot_epoch_ms) st.bind(4, *c.boot_epoch_ms); else st.bind_null(4);
  st.bind(5, c.confirmed_by);
  st.run();
}

JournalRow JournalRecorder::record(const JournalRow& row) {
  if (!clock_ || !clock_->corrects()) {
    last_ = journal_.append(row);
    return last_;
  }
  JournalRow both = row;
  both.corrected_time_ms = row.device_time_ms;
  both.device_time_ms = std::max<std::int64_t>(0, row.device_time_ms - clock_->offset_now_ms());
  last_ = journal_.append(both);
  return last_;
}

}  // namespace speedmeet::kiosk
