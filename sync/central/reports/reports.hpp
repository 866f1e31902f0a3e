#pragma once
// `speedmeet report`: CSV files for after the session, from the central
// database's journal, roster and schedule.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/time.hpp"
#include "protocol/messages.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::server {

enum class EntranceFlag { first, double_entry, repeat };
std::string to_string(EntranceFlag flag);

// Pure: flags each accepted entrance row. Per participant, the earliest row
// (device time, then receive time, then uuid) is `first`; a later one from
// another device is `double_entry` (two kiosks admitted the same badge), a
// later one from the same device `repeat`. Rows not entrances are ignored.
std::vector<EntranceFlag> flag_entrances(const std::vector<protocol::JournalRow>& entrances);

enum class MeetingStatus { held, one_side_only, no_show, scheduled };
std::string to_string(MeetingStatus status);

struct ReportSummary {
  int participants = 0, checked_in = 0, double_entries = 0;
  int held = 0, one_side_only = 0, no_show = 0, scheduled = 0;
  int rejected_scans = 0, devices = 0, journal_rows = 0;
  std::vector<std::string> files;
  std::string text() const;
};

// Writes attendance.csv, meetings.csv, rejected_scans.csv, devices.csv and
// entrances.csv into `dir` (created if needed). Meetings of rounds that start
// after `now` are `scheduled`, not no-shows.
ReportSummary write_reports(store::Database& db, const std::string& dir, Instant now);

}  // namespace speedmeet::server
