#include "local_database.hpp"

#include <stdexcept>

#include "badge/utf8.hpp"
#include "store/event_store.hpp"

namespace speedmeet::kiosk {
namespace {

constexpr std::size_t kMaxStoredCode = 200;

JournalKind kind_of(RowKind row) {
  switch (row) {
    case RowKind::entrance: return JournalKind::entrance;
    case RowKind::meeting: return JournalKind::meeting;
    default: return JournalKind::scan;
  }
}

// Rejected codes are kept for staff, bounded and only as printable text.
std::string storable_code(const std::string& code) {
  if (code.size() > kMaxStoredCode || !badge::is_printable_utf8(code))
    // append(), not "<" + string: GCC 12 warns falsely (-Wrestrict) on the latter at -O2.
    return std::string("<").append(std::to_string(code.size())).append(" bytes, not shown>");
  return code;
}

}  // namespace

std::shared_ptr<const KioskData> load_kiosk_data(store::Database& db) {
  store::EventStore events(db);
  auto event = events.load_event();
  if (!event) throw std::runtime_error(db.path() + " holds no event yet: load a snapshot or let the kiosk sync first");
  std::vector<RosterPerson> people;
  for (auto& rec : events.participants())
    people.push_back({std::move(rec.participant), static_cast<std::uint32_t>(rec.num), rec.badge_serial});
  return std::make_shared<const KioskData>(std::move(*event), std::move(people), events.meetings(),
                                           events.public_key());
}

Attendance load_attendance(store::Database& db) {
  Attendance attendance;
  auto st = db.prepare(
      "SELECT participant_id, kind, meeting_id FROM journal "
      "WHERE participant_id IS NOT NULL AND (kind = 'entrance' OR meeting_id IS NOT NULL)");
  while (st.step()) {
    CheckinRow row{st.text(0), st.text(1) == "entrance", std::nullopt};
    if (!st.is_null(2)) row.meeting_id = st.int64(2);
    attendance.add(row);
  }
  return attendance;
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

std::string JournalRecorder::record(const Decision& d, const std::optional<std::string>& code, KioskTime now) {
  JournalRow e;
  e.device_time_ms = now.time_since_epoch().count();
  e.kind = kind_of(d.row);
  if (d.participant) e.participant = d.participant->id;
  if (d.meeting_checkin && d.meeting) e.meeting_id = d.meeting->meeting_id;
  e.outcome = std::string(to_string(d.outcome));
  e.reason = std::string(to_string(d.reason));
  if (d.outcome == Outcome::rejected && code) e.code = storable_code(*code);
  last_ = journal_.append(std::move(e));
  return last_.uuid;
}

}  // namespace speedmeet::kiosk
