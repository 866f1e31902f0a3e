// The messages as nlohmann JSON values (json_tree.hpp).
#include "json_tree.hpp"

#include "fields.hpp"

namespace speedmeet::protocol {
namespace {

using fields::Fields;
using fields::kMaxSmall;
using fields::kMaxText;
using fields::require_one_of;

template <class T, class F>
std::vector<T> read_array(const Json& array, F parse_one) {
  std::vector<T> out;
  out.reserve(array.size());
  for (const Json& item : array) out.push_back(parse_one(item));
  return out;
}

template <class T>
Json json_array(const std::vector<T>& items) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

Json nullable(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json nullable(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// --- encoders ----------------------------------------------------------------

Json to_json(const JournalRow& r) {
  Json j = {{"uuid", r.uuid},          {"device", r.device},   {"seq", r.seq},         {"device_time", r.device_time_ms},
            {"kind", to_string(r.kind)},          {"participant", nullable(r.participant)},        {"meeting_id", nullable(r.meeting_id)},
            {"outcome", r.outcome},    {"reason", r.reason},   {"code", r.code}};
  if (r.received_at_ms) j["received_at"] = *r.received_at_ms;
  if (!r.staff.empty()) j["staff"] = r.staff;  // absent for a badge scan: rows stay as they were
  if (r.corrected_time_ms) j["corrected_time"] = *r.corrected_time_ms;  // absent: no measured offset
  return j;
}

Json to_json(const EventInfo& e) {
  return {{"id", e.id},
          {"name", e.name},
          {"venue", e.venue},
          {"timezone", e.timezone},
          {"default_language", e.default_language},
          {"first_start", e.first_start},
          {"round_minutes", e.round_minutes},
          {"break_minutes", e.break_minutes},
          {"checkin_window_minutes", e.checkin_window_minutes},
          {"grace_minutes", e.grace_minutes},
          {"public_key", e.public_key_hex}};
}

Json to_json(const RoundInfo& r) { return {{"number", r.number}, {"starts_at", r.starts_at}, {"ends_at", r.ends_at}}; }
Json to_json(const TableInfo& t) { return {{"number", t.number}, {"label", t.label}}; }

Json to_json(const ParticipantInfo& p) {
  return {{"id", p.id},
          {"num", p.num},
          {"name", p.name},
          {"organization", p.organization},
          {"role", p.role},
          {"language", p.language},
          {"badge_code", nullable(p.badge_code)},
          {"badge_serial", p.badge_serial},
          {"arrives", nullable(p.arrives)},
          {"leaves", nullable(p.leaves)}};
}

Json to_json(const MeetingInfo& m) {
  Json j = {{"id", m.id}, {"round", m.round}, {"table", m.table}, {"a", m.a}, {"b", m.b}, {"origin", m.origin}};
  if (m.replaced) j["replaced"] = true;  // absent means false: meetings in play stay as they were
  return j;
}

Json to_json(const Revocation& r) {
  return {{"participant", r.participant}, {"num", r.num}, {"badge_serial", r.badge_serial}};
}

Json to_json(const Snapshot& s) {
  return {{"api", kApiVersion},
          {"event", to_json(s.event)},
          {"rounds", json_array(s.rounds)},
          {"tables", json_array(s.tables)},
          {"participants", json_array(s.participants)},
          {"meetings", json_array(s.meetings)},
          {"revocations", json_array(s.revocations)},
          {"journal", json_array(s.journal)},
          {"cursor", s.cursor}};
}

Json to_json(const ChangeData& data) {
  return std::visit(
      [](const auto& value) -> Json {
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::monostate>)
          return nullptr;
        else
          return to_json(value);
      },
      data);
}

Json to_json(const ChangesPage& page) {
  Json changes = Json::array();
  for (const Change& c : page.changes) {
    Json j = {{"cursor", c.cursor}, {"entity", to_string(c.entity)}, {"op", c.is_delete ? "delete" : "upsert"},
              {"key", c.key}};
    if (!c.is_delete) j["data"] = to_json(c.data);
    changes.push_back(std::move(j));
  }
  return {{"api", kApiVersion},
          {"event_id", page.event_id},
          {"public_key", page.public_key_hex},
          {"changes", std::move(changes)},
          {"next_cursor", page.next_cursor},
          {"more", page.more}};
}

Json to_json(const Health& h) {
  return {{"status", "ok"}, {"api", kApiVersion}, {"event_id", h.event_id}, {"server_time", h.server_time_ms}};
}

Json journal_results_json(const std::vector<RowOutcome>& outcomes) {
  Json results = Json::array();
  for (const RowOutcome& o : outcomes) {
    Json j = {{"uuid", o.uuid}, {"result", to_string(o.result)}};
    if (o.result == RowResult::rejected) j["reason"] = o.reason;
    results.push_back(std::move(j));
  }
  const auto counts = count_results(outcomes);
  return {{"results", std::move(results)}, {"stored", counts[0]}, {"duplicate", counts[1]}, {"rejected", counts[2]}};
}

// --- readers -------------------------------------------------------------

JournalRow parse_journal_row(const Json& j) { return fields::read_row(Fields(j, "journal row")); }

EventInfo parse_event(const Json& j) { return fields::read_event(Fields(j, "event")); }

RoundInfo parse_round(const Json& j) { return fields::read_round(Fields(j, "round")); }

TableInfo parse_table(const Json& j) { return fields::read_table(Fields(j, "table")); }

ParticipantInfo parse_participant(const Json& j) { return fields::read_participant(Fields(j, "participant")); }

MeetingInfo parse_meeting(const Json& j) { return fields::read_meeting(Fields(j, "meeting")); }

Revocation parse_revocation(const Json& j) { return fields::read_revocation(Fields(j, "revocation")); }

Snapshot parse_snapshot(const Json& j) {
  const Fields f(j, "snapshot");
  if (f.integer("api", 0, kMaxSmall) != kApiVersion) f.fail("api", "unsupported API version");
  Snapshot s;
  s.event = parse_event(f.object("event"));
  s.rounds = read_array<RoundInfo>(f.array("rounds"), parse_round);
  s.tables = read_array<TableInfo>(f.array("tables"), parse_table);
  s.participants = read_array<ParticipantInfo>(f.array("participants"), parse_participant);
  s.meetings = read_array<MeetingInfo>(f.array("meetings"), parse_meeting);
  s.revocations = read_array<Revocation>(f.array("revocations"), parse_revocation);
  s.journal = read_array<JournalRow>(f.array("journal"), parse_journal_row);
  s.cursor = f.integer("cursor", 0, kMaxSafeInteger);
  return s;
}

ChangeData parse_change_data(Entity entity, const Json& j) {
  switch (entity) {
    case Entity::event: return parse_event(j);
    case Entity::round: return parse_round(j);
    case Entity::table: return parse_table(j);
    case Entity::participant: return parse_participant(j);
    case Entity::revocation: return parse_revocation(j);
    case Entity::meeting: return parse_meeting(j);
    case Entity::journal: return parse_journal_row(j);
  }
  return std::monostate{};
}

ChangesPage parse_changes_page(const Json& j) {
  const Fields f(j, "changes page");
  ChangesPage page;
  page.event_id = f.text("event_id", kMaxText, false);
  page.public_key_hex = f.text("public_key", 64);
  page.next_cursor = f.integer("next_cursor", 0, kMaxSafeInteger);
  page.more = f.boolean("more");
  for (const Json& item : f.array("changes")) {
    const Fields c(item, "change");
    Change change;
    change.cursor = c.integer("cursor", 1, kMaxSafeInteger);
    const auto entity = parse_entity(c.text("entity", 16));
    if (!entity) c.fail("entity", "unknown entity");
    change.entity = *entity;
    const std::string op = c.text("op", 8);
    require_one_of(c, "op", op, {"upsert", "delete"});
    change.is_delete = op == "delete";
    change.key = c.text("key", kMaxText, false);
    if (!change.is_delete) change.data = parse_change_data(change.entity, c.object("data"));
    page.changes.push_back(std::move(change));
  }
  return page;
}

Health parse_health(const Json& j) {
  const Fields f(j, "health");
  return {f.text("event_id", kMaxText), f.integer("server_time", 0, kMaxSafeInteger)};
}

std::vector<RowOutcome> parse_journal_results(const Json& j, std::size_t sent) {
  const Fields f(j, "journal response");
  const Json& results = f.array("results");
  if (results.size() != sent) f.fail("results", "one result per row expected");
  std::vector<RowOutcome> out;
  for (const Json& item : results) {
    const Fields r(item, "result");
    RowOutcome o;
    o.uuid = r.text("uuid", 64);
    const std::string result = r.text("result", 16);
    if (result == "stored") o.result = RowResult::stored;
    else if (result == "duplicate") o.result = RowResult::duplicate;
    else if (result == "rejected") o.result = RowResult::rejected;
    else r.fail("result", "unknown value");
    o.reason = r.text_or_null("reason", 256);
    out.push_back(std::move(o));
  }
  return out;
}

RowParse read_uploaded_row(const Json& j) { return fields::uploaded_row(j); }

}  // namespace speedmeet::protocol
