#include "views.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "badge/badge_code.hpp"
#include "presence/presence.hpp"
#include "reports/report_model.hpp"
#include "server/device_registry.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/journal.hpp"

namespace speedmeet::console {
namespace {

using nlohmann::json;

struct Day {
  Event event;
  std::vector<store::ParticipantRecord> people;
  std::map<std::string, const Participant*> by_id;
  std::vector<Meeting> schedule;
  std::vector<Meeting> replaced;
  std::vector<JournalRow> arrivals;
  presence::Presence presence;
};

Day read_day(store::Database& db) {
  store::EventStore events(db);
  Day day;
  const auto event = events.load_event();
  if (!event) throw std::runtime_error("the database holds no event");
  day.event = *event;
  day.people = events.participants();
  for (const auto& r : day.people) day.by_id[r.participant.id] = &r.participant;
  day.schedule = events.meetings();
  day.replaced = events.replaced_meetings();
  std::vector<Meeting> every = day.schedule;
  every.insert(every.end(), day.replaced.begin(), day.replaced.end());
  day.arrivals = store::read_arrival_rows(db);
  day.presence = presence::Presence(every, day.arrivals);
  return day;
}

int default_round(const Event& event, Instant now) {
  for (const Round& r : event.rounds)
    if (r.ends_at > now) return r.number;
  return event.rounds.empty() ? 0 : event.rounds.back().number;
}

const Round* find_round(const Event& event, int number) {
  for (const Round& r : event.rounds)
    if (r.number == number) return &r;
  return nullptr;
}

json person_brief(const Day& day, const std::string& id) {
  const auto found = day.by_id.find(id);
  if (found == day.by_id.end()) return {{"id", id}, {"name", id}, {"organization", ""}};
  const Participant& p = *found->second;
  return {{"id", p.id}, {"name", p.name}, {"organization", p.organization}, {"role", to_string(p.role)}};
}

std::string table_state(const Meeting* meeting, bool a_here, bool b_here, bool grace_over) {
  if (!meeting) return "free";
  if (a_here && b_here) return "complete";
  if (a_here || b_here) return "waiting";
  return grace_over ? "no_show" : "empty";
}

json table_json(const Day& day, const Table& table, const Meeting* meeting, int round, bool grace_over) {
  json t = {{"number", table.number}, {"label", table.label}};
  bool a_here = false, b_here = false;
  if (meeting) {
    a_here = day.presence.present_in_round(meeting->a, round);
    b_here = day.presence.present_in_round(meeting->b, round);
    json a = person_brief(day, meeting->a), b = person_brief(day, meeting->b);
    a["present"] = a_here;
    a["at_venue"] = day.presence.at_venue(meeting->a);
    b["present"] = b_here;
    b["at_venue"] = day.presence.at_venue(meeting->b);
    t["meeting"] = {{"id", meeting->id}, {"rematch", meeting->rematch}, {"a", a}, {"b", b}};
  }
  t["state"] = table_state(meeting, a_here, b_here, grace_over);
  return t;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

std::set<std::string> departed(store::Database& db) {
  std::set<std::string> ids;
  auto st = db.prepare("SELECT participant_id FROM departures");
  while (st.step()) ids.insert(st.text(0));
  return ids;
}

json board_json(store::Database& db, std::optional<int> wanted, Instant now) {
  const Day day = read_day(db);
  const int round = wanted.value_or(default_round(day.event, now));
  const Round* r = find_round(day.event, round);
  json out = {{"event", {{"id", day.event.id}, {"name", day.event.name}, {"timezone", day.event.timezone}}},
              {"server_time", to_unix(now)},
              {"rounds", day.event.round_count()},
              {"round", nullptr}};
  if (!r) return out;
  const bool grace_over = now >= r->starts_at + day.event.grace;
  out["round"] = {{"number", r->number},
                  {"starts_at", to_unix(r->starts_at)},
                  {"ends_at", to_unix(r->ends_at)},
                  {"grace_ends_at", to_unix(r->starts_at + day.event.grace)}};
  if (const Round* next = find_round(day.event, round + 1)) out["next_starts_at"] = to_unix(next->starts_at);
  std::map<int, const Meeting*> at_table;
  for (const Meeting& m : day.schedule)
    if (m.round == round) at_table[m.table] = &m;
  json tables = json::array();
  std::map<std::string, int> counts;
  for (const Table& t : day.event.tables) {
    const auto found = at_table.find(t.number);
    json table = table_json(day, t, found == at_table.end() ? nullptr : found->second, round, grace_over);
    counts[table["state"].get<std::string>()]++;
    tables.push_back(std::move(table));
  }
  out["tables"] = std::move(tables);
  out["counts"] = counts;
  json standby = json::array();
  if (grace_over) {
    std::set<std::string> skip = departed(db);
    for (const auto& p : day.people)
      if (p.participant.role == Role::staff) skip.insert(p.participant.id);
    for (const auto& s : presence::find_standby(round, day.schedule, day.presence, skip)) {
      if (skip.contains(s.participant)) continue;
      json who = person_brief(day, s.participant);
      who["table"] = s.meeting.table;
      standby.push_back(std::move(who));
    }
  }
  out["standby"] = std::move(standby);
  return out;
}

json attendance_json(store::Database& db, Instant now) {
  const Day day = read_day(db);
  json rounds = json::array();
  for (const Round& r : day.event.rounds) {
    std::set<std::string> expected;
    for (const Meeting& m : day.schedule)
      if (m.round == r.number) expected.insert({m.a, m.b});
    int present = 0;
    for (const auto& id : expected) present += day.presence.present_in_round(id, r.number) ? 1 : 0;
    rounds.push_back({{"number", r.number}, {"starts_at", to_unix(r.starts_at)}, {"expected", expected.size()},
                      {"present", present}});
  }
  // Arrivals over time: first accepted check-in per person, by quarter hour.
  std::map<std::int64_t, int> per_quarter;
  for (const auto& p : day.people)
    if (const auto at = day.presence.arrived_at(p.participant.id)) per_quarter[to_unix(*at) / 900 * 900]++;
  json arrivals = json::array();
  int total = 0;
  for (const auto& [at, n] : per_quarter) {
    total += n;
    arrivals.push_back({{"at", at}, {"arrived", n}, {"total", total}});
  }
  // Missing for the next round: scheduled in it, not at the venue yet.
  json missing = json::array();
  const int next = default_round(day.event, now);
  for (const Meeting& m : day.schedule)
    if (m.round == next)
      for (const std::string& id : {m.a, m.b})
        if (!day.presence.at_venue(id)) {
          json who = person_brief(day, id);
          who["table"] = m.table;
          missing.push_back(std::move(who));
        }
  // Doubles: entrance rows the report flags double_entry (two kiosks
  // admitted the same badge), by the report's own rule.
  std::vector<JournalRow> entrances;
  for (const JournalRow& row : day.arrivals)
    if (row.kind == JournalKind::entrance && presence::places_someone(row)) entrances.push_back(row);
  const auto flags = reports::flag_entrances(entrances);
  std::map<std::string, std::set<std::string>> doubled;
  for (std::size_t i = 0; i < entrances.size(); ++i)
    if (flags[i] == reports::EntranceFlag::double_entry) doubled[entrances[i].participant].insert(entrances[i].device);
  json doubles = json::array();
  for (const auto& [id, devices] : doubled) {
    json who = person_brief(day, id);
    who["devices"] = devices;
    doubles.push_back(std::move(who));
  }
  return {{"server_time", to_unix(now)}, {"timezone", day.event.timezone}, {"rounds", rounds},
          {"arrivals", arrivals},        {"at_venue", day.presence.venue_count()},
          {"people", day.people.size()}, {"next_round", next},
          {"missing", missing},          {"doubles", doubles}};
}

json people_json(store::Database& db, const std::string& query) {
  store::EventStore events(db);
  const std::string needle = lower(query);
  std::optional<std::int64_t> badge_num;
  if (const auto parsed = badge::parse_badge(query)) badge_num = parsed->payload.num;
  json out = json::array();
  for (const auto& r : events.participants()) {
    const Participant& p = r.participant;
    const bool hit = needle.empty() || lower(p.id).find(needle) != std::string::npos ||
                     lower(p.name).find(needle) != std::string::npos ||
                     lower(p.organization).find(needle) != std::string::npos ||
                     (!p.badge_code.empty() && p.badge_code == query) || (badge_num && *badge_num == r.num);
    if (!hit) continue;
    out.push_back({{"id", p.id}, {"name", p.name}, {"organization", p.organization}, {"role", to_string(p.role)}});
    if (out.size() == 50) break;
  }
  return out;
}

std::optional<json> person_json(store::Database& db, const std::string& id, Instant now) {
  const Day day = read_day(db);
  const auto found = day.by_id.find(id);
  if (found == day.by_id.end()) return std::nullopt;
  const Participant& p = *found->second;
  std::int64_t serial = 1;
  for (const auto& r : day.people)
    if (r.participant.id == id) serial = r.badge_serial;
  auto revoked = db.prepare("SELECT revoked_at FROM revoked_badges WHERE participant_id = ?");
  revoked.bind(1, id);
  auto gone = db.prepare("SELECT left_at, staff FROM departures WHERE participant_id = ?");
  gone.bind(1, id);
  json person = {{"id", p.id},
                 {"name", p.name},
                 {"organization", p.organization},
                 {"role", to_string(p.role)},
                 {"language", to_string(p.language)},
                 {"email", p.email},
                 {"badge_serial", serial},
                 {"badge_revoked", revoked.step()},
                 {"at_venue", day.presence.at_venue(id)},
                 {"left", gone.step()}};
  json agenda = json::array();
  for (const Meeting& m : day.schedule) {
    if (!m.involves(id)) continue;
    const Round* r = find_round(day.event, m.round);
    std::string label;
    for (const Table& t : day.event.tables)
      if (t.number == m.table) label = t.label;
    agenda.push_back({{"round", m.round},
                      {"starts_at", r ? to_unix(r->starts_at) : 0},
                      {"table", m.table},
                      {"label", label},
                      {"rematch", m.rematch},
                      {"partner", person_brief(day, m.partner_of(id))},
                      {"present", day.presence.present_in_round(id, m.round)}});
  }
  std::sort(agenda.begin(), agenda.end(), [](const json& x, const json& y) { return x["round"] < y["round"]; });
  json scans = json::array();
  auto st = db.prepare(std::string("SELECT ") + store::kJournalColumns +
                       " FROM journal WHERE participant_id = ? ORDER BY device_time, device, seq");
  st.bind(1, id);
  while (st.step()) {
    const JournalRow row = store::read_journal_row(st);
    scans.push_back({{"device", row.device},
                     {"time", row.device_time_ms},
                     {"kind", to_string(row.kind)},
                     {"outcome", row.outcome},
                     {"reason", row.reason},
                     {"staff", row.staff}});
  }
  return json{{"server_time", to_unix(now)}, {"timezone", day.event.timezone}, {"person", person},
              {"agenda", agenda},             {"scans", scans}};
}

json devices_json(store::Database& db) {
  json out = json::array();
  for (const auto& d : server::DeviceRegistry(db).list())
    out.push_back({{"name", d.name},
                   {"created_at", d.created_at_ms},
                   {"revoked_at", d.revoked_at_ms ? json(*d.revoked_at_ms) : json(nullptr)},
                   {"last_seen_at", d.last_seen_at_ms ? json(*d.last_seen_at_ms) : json(nullptr)},
                   {"rows_received", d.rows_received},
                   {"seq_conflicts", d.seq_conflicts},
                   {"clock_offset_ms", d.clock_offset_ms ? json(*d.clock_offset_ms) : json(nullptr)},
                   {"clock_rtt_ms", d.clock_rtt_ms ? json(*d.clock_rtt_ms) : json(nullptr)}});
  return out;
}

}  // namespace speedmeet::console
