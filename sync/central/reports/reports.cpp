#include "reports.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <tuple>

#include "reports/csv_writer.hpp"
#include "server/device_registry.hpp"
#include "domain/local_time.hpp"
#include "server/event_reader.hpp"
#include "server/log.hpp"
#include "server/read_transaction.hpp"
#include "store/journal.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"

namespace speedmeet::server {
namespace {

bool counts_as_arrival(const protocol::JournalRow& r) { return !r.participant.empty() && r.outcome != "rejected"; }

struct Data {
  std::optional<Event> event;
  std::vector<store::ParticipantRecord> participants;
  std::vector<protocol::MeetingInfo> meetings;
  std::vector<protocol::MeetingInfo> replaced;  // stood-up meetings a re-match took out of the schedule
  std::vector<protocol::JournalRow> journal;
  std::vector<DeviceInfo> devices;
};

Data load(store::Database& db) {
  const ReadTransaction read(db);
  Data d;
  store::EventStore events(db);
  d.event = events.load_event();
  d.participants = events.participants();
  auto m = db.prepare("SELECT id, round, table_no, a, b, origin FROM meetings ORDER BY round, table_no");
  while (m.step()) d.meetings.push_back({m.int64(0), m.int64(1), m.int64(2), m.text(3), m.text(4), m.text(5)});
  auto r = db.prepare("SELECT id, round, table_no, a, b, origin FROM replaced_meetings ORDER BY round, table_no, id");
  while (r.step()) d.replaced.push_back({r.int64(0), r.int64(1), r.int64(2), r.text(3), r.text(4), r.text(5)});
  auto j = db.prepare(std::string("SELECT ") + store::kJournalColumns + " FROM journal ORDER BY device_time, uuid");
  while (j.step()) d.journal.push_back(store::read_journal_row(j, 0));
  d.devices = DeviceRegistry(db).list();
  return d;
}

class TimeFormat {
 public:
  explicit TimeFormat(const std::optional<Event>& event) {
    if (event && is_known_time_zone(event->timezone)) zone_.emplace(event->timezone);
  }
  std::string seconds(Instant t) const {
    if (!zone_) return format_utc_ms(to_unix(t) * 1000);
    return zone_->format_iso_local(t) + zone_->format_offset(t);
  }
  std::string ms(std::optional<std::int64_t> unix_ms) const {
    return unix_ms ? seconds(from_unix(*unix_ms / 1000)) : std::string{};
  }

 private:
  std::optional<LocalTimeZone> zone_;
};

std::string yes_no(bool b) { return b ? "yes" : "no"; }

}  // namespace

std::string to_string(EntranceFlag flag) {
  switch (flag) {
    case EntranceFlag::first: return "first";
    case EntranceFlag::double_entry: return "double_entry";
    case EntranceFlag::repeat: return "repeat";
  }
  return "first";
}

std::string to_string(MeetingStatus status) {
  switch (status) {
    case MeetingStatus::held: return "held";
    case MeetingStatus::one_side_only: return "one_side_only";
    case MeetingStatus::no_show: return "no_show";
    case MeetingStatus::scheduled: return "scheduled";
  }
  return "scheduled";
}

std::vector<EntranceFlag> flag_entrances(const std::vector<protocol::JournalRow>& rows) {
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const auto& a = rows[x];
    const auto& b = rows[y];
    return std::tie(a.participant, a.device_time_ms, a.received_at_ms, a.uuid) <
           std::tie(b.participant, b.device_time_ms, b.received_at_ms, b.uuid);
  });
  std::vector<EntranceFlag> flags(rows.size(), EntranceFlag::first);
  const protocol::JournalRow* first = nullptr;
  for (const std::size_t i : order) {
    if (!first || first->participant != rows[i].participant) {
      first = &rows[i];
      continue;
    }
    flags[i] = rows[i].device == first->device ? EntranceFlag::repeat : EntranceFlag::double_entry;
  }
  return flags;
}

std::string ReportSummary::text() const {
  std::ostringstream out;
  out << "Attendance: " << checked_in << " of " << participants << " participants checked in";
  out << (double_entries ? ", " + std::to_string(double_entries) + " double entries flagged" : std::string{}) << "\n";
  out << "Meetings: " << held << " held, " << one_side_only << " one side only, " << no_show << " no-show";
  if (scheduled) out << ", " << scheduled << " not yet played";
  out << "\n";
  out << "Journal: " << journal_rows << " rows, " << rejected_scans << " rejected scans\n";
  out << "Devices: " << devices << "\n";
  return out.str();
}

ReportSummary write_reports(store::Database& db, const std::string& dir, Instant now) {
  const Data d = load(db);
  const TimeFormat time(d.event);
  std::filesystem::create_directories(dir);
  ReportSummary s;
  s.journal_rows = static_cast<int>(d.journal.size());
  s.devices = static_cast<int>(d.devices.size());
  const auto path = [&](const char* name) {
    s.files.push_back(name);
    return (std::filesystem::path(dir) / name).string();
  };

  // Entrances, with their flags.
  std::vector<protocol::JournalRow> entrances;
  for (const auto& r : d.journal)
    if (r.kind == JournalKind::entrance && counts_as_arrival(r)) entrances.push_back(r);
  const auto flags = flag_entrances(entrances);
  std::map<std::string, std::string> name_of;
  for (const auto& p : d.participants) name_of[p.participant.id] = p.participant.name;
  std::map<std::string, std::vector<std::size_t>> entrances_of;
  std::map<std::string, int> double_entries_by_device;
  CsvFile entrance_csv(path("entrances.csv"),
                       {"uuid", "participant", "name", "device", "device_time", "received_at", "flag"});
  for (std::size_t i = 0; i < entrances.size(); ++i) {
    const auto& r = entrances[i];
    entrances_of[r.participant].push_back(i);
    if (flags[i] == EntranceFlag::double_entry) {
      ++s.double_entries;
      ++double_entries_by_device[r.device];
    }
    entrance_csv.row({r.uuid, r.participant, name_of[r.participant], r.device, time.ms(r.device_time_ms),
                      time.ms(r.received_at_ms), to_string(flags[i])});
  }
  entrance_csv.close();

  // Meeting check-ins: (meeting id, participant) pairs.
  std::set<std::pair<std::int64_t, std::string>> present;
  for (const auto& r : d.journal)
    if (r.kind == JournalKind::meeting && r.meeting_id && counts_as_arrival(r)) present.insert({*r.meeting_id, r.participant});
  std::map<std::int64_t, Instant> round_start;
  if (d.event)
    for (const Round& r : d.event->rounds) round_start[r.number] = r.starts_at;

  std::map<std::string, std::pair<int, int>> meetings_of;  // participant -> (scheduled, attended)
  CsvFile meeting_csv(path("meetings.csv"), {"meeting", "round", "table", "starts_at", "a", "a_name", "b", "b_name",
                                              "origin", "a_present", "b_present", "status", "replaced"});
  // The schedule as it stands plus the stood-up meetings re-matches
  // replaced, in round and table order: the day as it happened.
  std::vector<std::pair<protocol::MeetingInfo, bool>> day;
  for (const auto& m : d.meetings) day.emplace_back(m, false);
  for (const auto& m : d.replaced) day.emplace_back(m, true);
  std::stable_sort(day.begin(), day.end(), [](const auto& x, const auto& y) {
    return std::tie(x.first.round, x.first.table) < std::tie(y.first.round, y.first.table);
  });
  for (const auto& [m, replaced] : day) {
    const bool a = present.contains({m.id, m.a});
    const bool b = present.contains({m.id, m.b});
    const auto start = round_start.find(m.round);
    const bool future = start != round_start.end() && start->second > now;
    const MeetingStatus status = a && b ? MeetingStatus::held
                                 : a || b ? MeetingStatus::one_side_only
                                 : future ? MeetingStatus::scheduled
                                          : MeetingStatus::no_show;
    switch (status) {
      case MeetingStatus::held: ++s.held; break;
      case MeetingStatus::one_side_only: ++s.one_side_only; break;
      case MeetingStatus::no_show: ++s.no_show; break;
      case MeetingStatus::scheduled: ++s.scheduled; break;
    }
    for (const auto& [who, here] : {std::pair{m.a, a}, std::pair{m.b, b}}) {
      ++meetings_of[who].first;
      meetings_of[who].second += here ? 1 : 0;
    }
    meeting_csv.row({std::to_string(m.id), std::to_string(m.round), std::to_string(m.table),
                     start == round_start.end() ? "" : time.seconds(start->second), m.a, name_of[m.a], m.b,
                     name_of[m.b], m.origin, yes_no(a), yes_no(b), to_string(status), yes_no(replaced)});
  }
  meeting_csv.close();

  CsvFile attendance(path("attendance.csv"),
                     {"id", "num", "name", "organization", "role", "checked_in", "first_entrance", "entrance_device",
                      "entrances", "double_entry", "meetings_scheduled", "meetings_attended"});
  for (const auto& p : d.participants) {
    const auto it = entrances_of.find(p.participant.id);
    const bool in = it != entrances_of.end();
    s.participants += 1;
    s.checked_in += in ? 1 : 0;
    bool doubled = false;
    std::string first_time, first_device;
    if (in) {
      for (const std::size_t i : it->second) {
        doubled = doubled || flags[i] == EntranceFlag::double_entry;
        if (flags[i] == EntranceFlag::first) {
          first_time = time.ms(entrances[i].device_time_ms);
          first_device = entrances[i].device;
        }
      }
    }
    const auto counts = meetings_of[p.participant.id];
    attendance.row({p.participant.id, std::to_string(p.num), p.participant.name, p.participant.organization,
                    std::string(to_string(p.participant.role)), yes_no(in), first_time, first_device,
                    std::to_string(in ? it->second.size() : 0), yes_no(doubled), std::to_string(counts.first),
                    std::to_string(counts.second)});
  }
  attendance.close();

  std::map<std::string, std::array<int, 4>> per_device;  // rows, entrances, meeting check-ins, rejected
  CsvFile rejected(path("rejected_scans.csv"), {"uuid", "device", "seq", "device_time", "received_at", "kind",
                                                 "participant", "reason", "code"});
  for (const auto& r : d.journal) {
    auto& c = per_device[r.device];
    ++c[0];
    if (r.outcome == "rejected") {
      ++c[3];
      ++s.rejected_scans;
      rejected.row({r.uuid, r.device, std::to_string(r.seq), time.ms(r.device_time_ms), time.ms(r.received_at_ms),
                    std::string(to_string(r.kind)), r.participant, r.reason, r.code});
    } else if (r.kind == JournalKind::entrance) {
      ++c[1];
    } else if (r.kind == JournalKind::meeting) {
      ++c[2];
    }
  }
  rejected.close();

  CsvFile devices(path("devices.csv"), {"device", "status", "enrolled_at", "last_seen", "rows_received",
                                         "journal_rows", "entrances", "meeting_checkins", "rejected_scans",
                                         "double_entries"});
  std::set<std::string> listed;
  const auto device_row = [&](const std::string& name, const std::string& status, const std::string& enrolled,
                              const std::string& seen, const std::string& received) {
    const auto c = per_device[name];
    devices.row({name, status, enrolled, seen, received, std::to_string(c[0]), std::to_string(c[1]),
                 std::to_string(c[2]), std::to_string(c[3]), std::to_string(double_entries_by_device[name])});
    listed.insert(name);
  };
  for (const auto& dev : d.devices)
    device_row(dev.name, dev.revoked_at_ms ? "revoked" : "active", time.ms(dev.created_at_ms),
               time.ms(dev.last_seen_at_ms), std::to_string(dev.rows_received));
  // Kiosks never enrolled (journals imported from a USB stick) still count.
  for (const auto& [name, counts] : std::map(per_device))
    if (!listed.contains(name)) device_row(name, "not_enrolled", "", "", "0");
  devices.close();
  s.devices = static_cast<int>(listed.size());
  return s;
}

}  // namespace speedmeet::server
