#include "report_model.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <tuple>

namespace speedmeet::reports {
namespace {

Meeting as_meeting(const protocol::MeetingInfo& m) {
  Meeting out{m.id, static_cast<int>(m.round), static_cast<int>(m.table), m.a, m.b};
  out.rematch = m.origin == "rematch";
  return out;
}

bool made_by(const JournalRow& row, Instant as_of) { return from_unix(row.event_time_ms() / 1000) <= as_of; }

std::vector<EntranceLine> entrance_lines(const std::vector<JournalRow>& journal,
                                         const std::map<std::string, std::string>& names) {
  std::vector<JournalRow> rows;
  for (const JournalRow& r : journal)
    if (r.kind == JournalKind::entrance && presence::places_someone(r)) rows.push_back(r);
  const auto flags = flag_entrances(rows);
  std::vector<EntranceLine> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto name = names.find(rows[i].participant);
    out.push_back({rows[i], name == names.end() ? std::string{} : name->second, flags[i]});
  }
  return out;
}

std::vector<MeetingLine> meeting_lines(const protocol::Snapshot& data, const presence::Presence& presence,
                                       const std::map<std::string, std::string>& names, Instant as_of) {
  std::map<std::int64_t, Round> rounds;
  for (const auto& r : data.rounds)
    rounds[r.number] = {static_cast<int>(r.number), from_unix(r.starts_at), from_unix(r.ends_at)};
  std::vector<MeetingLine> out;
  for (const protocol::MeetingInfo& info : data.meetings) {
    MeetingLine line;
    line.meeting = info;
    const Meeting m = as_meeting(info);
    const auto round = rounds.find(info.round);
    if (round != rounds.end()) line.starts_at = round->second.starts_at;
    const auto name = [&](const std::string& id) {
      const auto it = names.find(id);
      return it == names.end() ? std::string{} : it->second;
    };
    line.a_name = name(m.a);
    line.b_name = name(m.b);
    line.a_present = presence.checked_in(m, m.a);
    line.b_present = presence.checked_in(m, m.b);
    const Round when = round == rounds.end() ? Round{m.round, Instant::max(), Instant::max()} : round->second;
    line.status = presence::meeting_status(m, info.replaced, presence, when, as_of);
    out.push_back(std::move(line));
  }
  std::stable_sort(out.begin(), out.end(), [](const MeetingLine& x, const MeetingLine& y) {
    return std::tie(x.meeting.round, x.meeting.table, x.meeting.replaced, x.meeting.id) <
           std::tie(y.meeting.round, y.meeting.table, y.meeting.replaced, y.meeting.id);
  });
  return out;
}

void count(Summary& s, presence::MeetingStatus status) {
  switch (status) {
    case presence::MeetingStatus::held: ++s.held; break;
    case presence::MeetingStatus::one_side_only: ++s.one_side_only; break;
    case presence::MeetingStatus::no_show: ++s.no_show; break;
    case presence::MeetingStatus::scheduled: ++s.scheduled; break;
    case presence::MeetingStatus::replaced: ++s.replaced; break;
  }
}

std::vector<AttendanceLine> attendance_lines(const protocol::Snapshot& data, const std::vector<EntranceLine>& entrances,
                                             const std::vector<MeetingLine>& meetings,
                                             const presence::Presence& presence) {
  std::map<std::string, AttendanceLine> by_id;
  for (const auto& p : data.participants) by_id[p.id].person = p;
  for (const EntranceLine& e : entrances) {
    auto& line = by_id[e.row.participant];
    ++line.entrances;
    line.double_entry = line.double_entry || e.flag == EntranceFlag::double_entry;
    if (e.flag == EntranceFlag::first) line.first_entrance = e.row;
  }
  for (const MeetingLine& m : meetings) {
    if (m.meeting.replaced) continue;
    for (const auto& [who, here] : {std::pair{m.meeting.a, m.a_present}, std::pair{m.meeting.b, m.b_present}}) {
      auto& line = by_id[who];
      ++line.meetings_scheduled;
      line.meetings_attended += here ? 1 : 0;
    }
  }
  std::vector<AttendanceLine> out;
  for (const auto& p : data.participants) {
    AttendanceLine line = by_id[p.id];
    line.checked_in = presence.at_venue(p.id);
    out.push_back(std::move(line));
  }
  return out;
}

std::vector<DeviceLine> device_lines(const std::vector<JournalRow>& journal, const std::vector<EntranceLine>& entrances,
                                     const std::vector<server::DeviceInfo>& devices) {
  std::map<std::string, DeviceLine> by_name;
  for (const JournalRow& r : journal) {
    auto& d = by_name[r.device];
    ++d.journal_rows;
    if (r.outcome == "rejected") ++d.rejected_scans;
    else if (r.kind == JournalKind::entrance) ++d.entrances;
    else if (r.kind == JournalKind::meeting) ++d.meeting_checkins;
  }
  for (const EntranceLine& e : entrances)
    if (e.flag == EntranceFlag::double_entry) ++by_name[e.row.device].double_entries;
  std::vector<DeviceLine> out;
  std::set<std::string> listed;
  for (const server::DeviceInfo& info : devices) {
    DeviceLine line = by_name[info.name];
    line.name = info.name;
    line.status = info.revoked_at_ms ? "revoked" : "active";
    line.enrolment = info;
    out.push_back(std::move(line));
    listed.insert(info.name);
  }
  // Kiosks never enrolled (journals imported from a USB stick) still count.
  for (auto& [name, line] : by_name) {
    if (listed.contains(name)) continue;
    line.name = name;
    line.status = "not_enrolled";
    out.push_back(line);
  }
  return out;
}

}  // namespace

std::string to_string(EntranceFlag flag) {
  switch (flag) {
    case EntranceFlag::first: return "first";
    case EntranceFlag::double_entry: return "double_entry";
    case EntranceFlag::repeat: return "repeat";
  }
  return "first";
}

std::vector<EntranceFlag> flag_entrances(const std::vector<JournalRow>& rows) {
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const auto& a = rows[x];
    const auto& b = rows[y];
    const std::int64_t at_a = a.event_time_ms(), at_b = b.event_time_ms();
    return std::tie(a.participant, at_a, a.received_at_ms, a.uuid) < std::tie(b.participant, at_b, b.received_at_ms, b.uuid);
  });
  std::vector<EntranceFlag> flags(rows.size(), EntranceFlag::first);
  const JournalRow* first = nullptr;
  for (const std::size_t i : order) {
    if (!first || first->participant != rows[i].participant) {
      first = &rows[i];
      continue;
    }
    flags[i] = rows[i].device == first->device ? EntranceFlag::repeat : EntranceFlag::double_entry;
  }
  return flags;
}

std::string Summary::text() const {
  std::ostringstream out;
  out << "Attendance: " << checked_in << " of " << participants << " participants checked in";
  out << (double_entries ? ", " + std::to_string(double_entries) + " double entries flagged" : std::string{}) << "\n";
  if (staff) out << "Staff: " << staff_checked_in << " of " << staff << " checked in\n";
  out << "Meetings: " << held << " held, " << one_side_only << " one side only, " << no_show << " no-show";
  if (scheduled) out << ", " << scheduled << " not yet played";
  out << "\n";
  if (replaced) out << "Replaced by re-matches: " << replaced << " stood-up meetings\n";
  out << "Journal: " << journal_rows << " rows, " << rejected_scans << " rejected scans\n";
  out << "Devices: " << devices << "\n";
  return out.str();
}

Instant default_report_time(const protocol::Snapshot& data, Instant now) {
  std::int64_t end = 0;
  for (const auto& r : data.rounds) end = std::max(end, r.ends_at);
  return data.rounds.empty() ? now : std::min(now, from_unix(end));
}

Report build_report(const protocol::Snapshot& data, const std::vector<server::DeviceInfo>& devices, Instant as_of) {
  Report report;
  report.as_of = as_of;
  report.timezone = data.event.timezone;
  std::vector<JournalRow> journal;
  for (const JournalRow& r : data.journal)
    if (made_by(r, as_of)) journal.push_back(r);
  std::sort(journal.begin(), journal.end(), [](const JournalRow& a, const JournalRow& b) {
    const std::int64_t at_a = a.event_time_ms(), at_b = b.event_time_ms();
    return std::tie(at_a, a.uuid) < std::tie(at_b, b.uuid);
  });

  std::vector<Meeting> every;
  for (const auto& m : data.meetings) every.push_back(as_meeting(m));
  const presence::Presence presence(every, journal);
  std::map<std::string, std::string> names;
  for (const auto& p : data.participants) names[p.id] = p.name;

  report.entrances = entrance_lines(journal, names);
  report.meetings = meeting_lines(data, presence, names, as_of);
  report.attendance = attendance_lines(data, report.entrances, report.meetings, presence);
  for (const JournalRow& r : journal)
    if (r.outcome == "rejected") report.rejected.push_back(r);
  report.devices = device_lines(journal, report.entrances, devices);

  Summary& s = report.summary;
  for (const AttendanceLine& a : report.attendance) {
    const bool staff = a.person.role == "staff";
    (staff ? s.staff : s.participants) += 1;
    (staff ? s.staff_checked_in : s.checked_in) += a.checked_in ? 1 : 0;
  }
  for (const EntranceLine& e : report.entrances)
    if (e.flag == EntranceFlag::double_entry) ++s.double_entries;
  for (const MeetingLine& m : report.meetings) count(s, m.status);
  s.rejected_scans = static_cast<int>(report.rejected.size());
  s.journal_rows = static_cast<int>(journal.size());
  s.devices = static_cast<int>(report.devices.size());
  return report;
}

}  // namespace speedmeet::reports
