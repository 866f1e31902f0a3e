#include "reports.hpp"


#include <filesystem>
#include <map>

#include "domain/clock_offset.hpp"
#include "domain/local_time.hpp"
#include "files/private_file.hpp"
#include "reports/csv_writer.hpp"
#include "server/event_reader.hpp"
#include "server/log.hpp"

namespace speedmeet::reports {
namespace {

using server::CsvFile;

// Times as the venue reads them, with their offset.
class TimeFormat {
 public:
  explicit TimeFormat(const std::string& zone_name) {
    if (is_known_time_zone(zone_name)) zone_.emplace(zone_name);
  }
  std::string seconds(Instant t) const {
    if (!zone_) return server::format_utc_ms(to_unix(t) * 1000);
    return zone_->format_iso_local(t) + zone_->format_offset(t);
  }
  std::string ms(std::optional<std::int64_t> unix_ms) const {
    return unix_ms ? seconds(from_unix(*unix_ms / 1000)) : std::string{};
  }

 private:
  std::optional<LocalTimeZone> zone_;
};

std::string yes_no(bool b) { return b ? "yes" : "no"; }
std::string path_in(const std::string& dir, const char* name) { return (std::filesystem::path(dir) / name).string(); }

void write_entrances(const Report& r, const TimeFormat& time, const std::string& path) {
  CsvFile csv(path, {"uuid", "participant", "name", "device", "device_time", "corrected_time", "received_at", "flag",
                     "by_staff"});
  for (const EntranceLine& e : r.entrances)
    csv.row({e.row.uuid, e.row.participant, e.name, e.row.device, time.ms(e.row.device_time_ms),
             time.ms(e.row.corrected_time_ms), time.ms(e.row.received_at_ms), to_string(e.flag), e.row.staff});
  csv.close();
}

void write_meetings(const Report& r, const TimeFormat& time, const std::string& path) {
  CsvFile csv(path, {"meeting", "round", "table", "starts_at", "a", "a_name", "b", "b_name", "origin", "a_present",
                     "b_present", "status", "replaced"});
  for (const MeetingLine& m : r.meetings)
    csv.row({std::to_string(m.meeting.id), std::to_string(m.meeting.round), std::to_string(m.meeting.table),
             m.starts_at ? time.seconds(*m.starts_at) : "", m.meeting.a, m.a_name, m.meeting.b, m.b_name,
             m.meeting.origin, yes_no(m.a_present), yes_no(m.b_present), std::string(presence::to_string(m.status)),
             yes_no(m.meeting.replaced)});
  csv.close();
}

void write_attendance(const Report& r, const TimeFormat& time, const std::string& path) {
  CsvFile csv(path, {"id", "num", "name", "organization", "role", "checked_in", "first_entrance", "entrance_device",
                     "entrances", "double_entry", "meetings_scheduled", "meetings_attended"});
  for (const AttendanceLine& a : r.attendance)
    csv.row({a.person.id, std::to_string(a.person.num), a.person.name, a.person.organization, a.person.role,
             yes_no(a.checked_in), a.first_entrance ? time.ms(a.first_entrance->device_time_ms) : "",
             a.first_entrance ? a.first_entrance->device : "", std::to_string(a.entrances), yes_no(a.double_entry),
             std::to_string(a.meetings_scheduled), std::to_string(a.meetings_attended)});
  csv.close();
}

void write_rejected(const Report& r, const TimeFormat& time, const std::string& path) {
  CsvFile csv(path, {"uuid", "device", "seq", "device_time", "received_at", "kind", "participant", "reason", "code"});
  for (const JournalRow& j : r.rejected)
    csv.row({j.uuid, j.device, std::to_string(j.seq), time.ms(j.device_time_ms), time.ms(j.received_at_ms),
             std::string(to_string(j.kind)), j.participant, j.reason, j.code});
  csv.close();
}

void write_devices(const Report& r, const TimeFormat& time, const std::string& path) {
  CsvFile csv(path, {"device", "status", "enrolled_at", "last_seen", "rows_received", "journal_rows", "entrances",
                     "meeting_checkins", "rejected_scans", "double_entries", "clock_offset_ms", "clock_offset",
                     "clock_rtt_ms", "clock_reported_at"});
  for (const DeviceLine& d : r.devices) {
    const auto& e = d.enrolment;
    std::string offset, offset_text, rtt, reported;  // empty: the kiosk never reported its clock
    if (e && e->clock_offset_ms) {
      offset = std::to_string(*e->clock_offset_ms);
      offset_text = format_clock_offset(*e->clock_offset_ms);
      rtt = std::to_string(e->clock_rtt_ms.value_or(0));
      reported = time.ms(e->clock_reported_at_ms);
    }
    csv.row({d.name, d.status, e ? time.ms(e->created_at_ms) : "", e ? time.ms(e->last_seen_at_ms) : "",
             std::to_string(e ? e->rows_received : 0), std::to_string(d.journal_rows), std::to_string(d.entrances),
             std::to_string(d.meeting_checkins), std::to_string(d.rejected_scans), std::to_string(d.double_entries),
             offset, offset_text, rtt, reported});
  }
  csv.close();
}

}  // namespace

ReportData load_report_data(store::Database& db) {
  ReportData data;
  data.snapshot = server::build_snapshot(db);
  data.devices = server::DeviceRegistry(db).list();
  return data;
}

std::vector<std::string> report_files() {
  return {"entrances.csv", "meetings.csv", "attendance.csv", "rejected_scans.csv", "devices.csv"};
}

void write_report(const Report& report, const std::string& dir) {
  // Reports name people and what they did: a folder made here is 0700 (an
  // existing one keeps its mode), and every file in it 0600 (CsvFile).
  files::create_private_folders(dir);
  const TimeFormat time(report.timezone);
  write_entrances(report, time, path_in(dir, "entrances.csv"));
  write_meetings(report, time, path_in(dir, "meetings.csv"));
  write_attendance(report, time, path_in(dir, "attendance.csv"));
  write_rejected(report, time, path_in(dir, "rejected_scans.csv"));
  write_devices(report, time, path_in(dir, "devices.csv"));
}

Summary write_reports(store::Database& db, const std::string& dir, Instant as_of) {
  const ReportData data = load_report_data(db);
  const Report report = build_report(data.snapshot, data.devices, as_of);
  write_report(report, dir);
  return report.summary;
}

}  // namespace speedmeet::reports
