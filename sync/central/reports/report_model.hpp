#pragma once
// The day's figures as `speedmeet report` writes them, computed from what
// the central database holds, as of one instant: a pure model (no files, no
// SQL), so the whole-day tests can compare it with the journal's truth.
// Presence is core/presence's, the same the kiosks and the re-match use.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/time.hpp"
#include "presence/presence.hpp"
#include "protocol/messages.hpp"
#include "server/device_registry.hpp"

namespace speedmeet::reports {

enum class EntranceFlag { first, double_entry, repeat };
std::string to_string(EntranceFlag flag);

// Flags each entrance row. Per participant, the earliest row (device time,
// then receive time, then uuid) is `first`; a later one from another device
// is `double_entry` (two kiosks admitted the same badge), a later one from
// the same device `repeat`.
std::vector<EntranceFlag> flag_entrances(const std::vector<JournalRow>& entrances);

struct EntranceLine {
  JournalRow row;
  std::string name;
  EntranceFlag flag = EntranceFlag::first;
};

struct MeetingLine {
  protocol::MeetingInfo meeting;
  std::optional<Instant> starts_at;
  std::string a_name, b_name;
  bool a_present = false, b_present = false;
  presence::MeetingStatus status = presence::MeetingStatus::scheduled;
};

struct AttendanceLine {
  protocol::ParticipantInfo person;
  bool checked_in = false;
  std::optional<JournalRow> first_entrance;
  int entrances = 0;
  bool double_entry = false;
  int meetings_scheduled = 0;  // in the schedule as it stands (replaced meetings not counted)
  int meetings_attended = 0;   // of those, the ones they were present for
};

struct DeviceLine {
  std::string name;
  std::string status;  // active | revoked | not_enrolled (journals brought on a USB stick)
  std::optional<server::DeviceInfo> enrolment;
  int journal_rows = 0, entrances = 0, meeting_checkins = 0, rejected_scans = 0, double_entries = 0;
};

struct Summary {
  int participants = 0, checked_in = 0;  // company and project people
  int staff = 0, staff_checked_in = 0;
  int double_entries = 0;
  int held = 0, one_side_only = 0, no_show = 0, scheduled = 0, replaced = 0;
  int rejected_scans = 0, devices = 0, journal_rows = 0;
  std::string text() const;
};

struct Report {
  Instant as_of;
  std::string timezone;  // the event's, for the times in the files
  Summary summary;
  std::vector<EntranceLine> entrances;
  std::vector<MeetingLine> meetings;  // the schedule and the meetings re-matches replaced, by round and table
  std::vector<AttendanceLine> attendance;
  std::vector<JournalRow> rejected;
  std::vector<DeviceLine> devices;
};

// Journal rows made after `as_of` (device time) are left out: the figures
// are those of that instant, whatever the machine's clock says. Meetings of
// rounds not over by then are `scheduled` unless both people were present.
Report build_report(const protocol::Snapshot& data, const std::vector<server::DeviceInfo>& devices, Instant as_of);

// When a report is as of by default: the end of the event, or `now` if
// earlier.
Instant default_report_time(const protocol::Snapshot& data, Instant now);

}  // namespace speedmeet::reports
