#pragma once
// One row of the append-only journal: a scan as a kiosk recorded it. The
// same value on a kiosk's database, on the wire and in the central
// database; presence, reports and sync all read this one type.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace speedmeet {

// entrance: the first scan of a person's day; meeting: a check-in for a
// meeting (meeting_id); scan: any other read (rejected, repeat, staff...).
enum class JournalKind { entrance, meeting, scan };
std::string_view to_string(JournalKind kind);
std::optional<JournalKind> parse_journal_kind(std::string_view text);

struct JournalRow {
  std::string uuid;  // UUID v4, made by the device
  std::string device;
  std::int64_t seq = 0;  // per device, from 1
  std::int64_t device_time_ms = 0;  // the device's wall clock, unix milliseconds
  JournalKind kind = JournalKind::scan;
  std::string participant;  // empty: the scan named nobody
  std::optional<std::int64_t> meeting_id;  // the meeting this row checks its participant in for
  std::string outcome;  // welcome, next, late, done, rejected, staff, ...
  std::string reason;
  std::string code;  // the scanned text, kept for rejected scans only
  std::optional<std::int64_t> received_at_ms;  // set by the server; empty where the row was made
  std::string staff;  // a check-in made by hand on the staff panel: the staff member's id; empty for a scan
  // The device's time corrected by its measured offset to the server
  // (docs/CHECKIN.md, "The kiosk's clock"); empty when the device had no
  // measured offset and its own clock was all it knew.
  std::optional<std::int64_t> corrected_time_ms;
  bool operator==(const JournalRow&) const = default;
  // When the scan happened as far as anyone can tell: the corrected time,
  // else the device's. Presence and reports read this one.
  std::int64_t event_time_ms() const { return corrected_time_ms.value_or(device_time_ms); }
};

// A UUID as speedmeet writes them: 36 characters, lower-case hex and dashes.
bool is_uuid(std::string_view text);

}  // namespace speedmeet
