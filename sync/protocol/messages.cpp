#include "messages.hpp"

#include <algorithm>
#include <array>

#include "json_guard.hpp"
#include "protocol_error.hpp"

namespace speedmeet::protocol {
namespace {

// A bad field: 400 invalid_field, remembering which field for per-row reasons.
class FieldError : public ProtocolError {
 public:
  FieldError(std::string field, const std::string& message)
      : ProtocolError(400, "invalid_field", message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

bool has_control_char(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

bool all_of_charset(std::string_view s, std::string_view extra, bool upper) {
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (upper && c >= 'A' && c <= 'Z') ||
           extra.find(c) != std::string_view::npos;
  });
}

bool is_uuid_text(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Typed, bounded access to the members of one JSON object.
class Fields {
 public:
  Fields(const Json& j, std::string what) : j_(j), what_(std::move(what)) {
    if (!j_.is_object()) throw FieldError(what_, what_ + " must be a JSON object");
  }

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw FieldError(key, "field \"" + key + "\" of " + what_ + ": " + problem);
  }

  const Json* find(const std::string& key) const {
    const auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }

  std::string text(const std::string& key, std::size_t max_bytes, bool allow_empty = true) const {
    const Json* v = find(key);
    if (!v) fail(key, "missing");
    return checked_text(key, *v, max_bytes, allow_empty);
  }

  // Absent or null reads as empty.
  std::string text_or_null(const std::string& key, std::size_t max_bytes) const {
    const Json* v = find(key);
    if (!v || v->is_null()) return {};
    return checked_text(key, *v, max_bytes, true);
  }

  std::int64_t integer(const std::string& key, std::int64_t min, std::int64_t max) const {
    const Json* v = find(key);
    if (!v) fail(key, "missing");
    return checked_integer(key, *v, min, max);
  }

  std::optional<std::int64_t> integer_or_null(const std::string& key, std::int64_t min, std::int64_t max) const {
    const Json* v = find(key);
    if (!v || v->is_null()) return std::nullopt;
    return checked_integer(key, *v, min, max);
  }

  bool boolean(const std::string& key) const {
    const Json* v = find(key);
    if (!v || !v->is_boolean()) fail(key, "must be true or false");
    return v->get<bool>();
  }

  const Json& array(const std::string& key) const {
    const Json* v = find(key);
    if (!v || !v->is_array()) fail(key, "must be an array");
    return *v;
  }

  const Json& object(const std::string& key) const {
    const Json* v = find(key);
    if (!v || !v->is_object()) fail(key, "must be an object");
    return *v;
  }

 private:
  std::string checked_text(const std::string& key, const Json& v, std::size_t max_bytes, bool allow_empty) const {
    if (!v.is_string()) fail(key, "must be a string");
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() > max_bytes) fail(key, "longer than " + std::to_string(max_bytes) + " bytes");
    if (!allow_empty && s.empty()) fail(key, "must not be empty");
    return s;
  }

  std::int64_t checked_integer(const std::string& key, const Json& v, std::int64_t min, std::int64_t max) const {
    if (!v.is_number_integer()) fail(key, "must be a whole number");
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max))
      fail(key, "out of range");
    const auto n = v.get<std::int64_t>();
    if (n < min || n > max) fail(key, "out of range " + std::to_string(min) + ".." + std::to_string(max));
    return n;
  }

  const Json& j_;
  std::string what_;
};

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

constexpr std::size_t kMaxText = 1024;  // names, organizations, labels, ids in snapshots
constexpr std::int64_t kMaxSmall = 1'000'000;

void require_one_of(const Fields& f, const std::string& key, const std::string& value,
                    std::initializer_list<std::string_view> allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) f.fail(key, "unknown value");
}

JournalRow read_row(const Fields& f) {
  JournalRow r;
  r.uuid = f.text("uuid", 36);
  if (!is_uuid_text(r.uuid)) f.fail("uuid", "not a lower-case UUID");
  r.device = f.text("device", kMaxDeviceName);
  if (!is_device_name(r.device)) f.fail("device", "not a device name");
  r.seq = f.integer("seq", 1, kMaxSafeInteger);
  r.device_time_ms = f.integer("device_time", 0, kMaxDeviceTimeMs);
  r.kind = f.text("kind", 16);
  require_one_of(f, "kind", r.kind, {"entrance", "meeting", "scan"});
  r.participant = f.text_or_null("participant", kMaxParticipantId);
  if (has_control_char(r.participant)) f.fail("participant", "contains a control character");
  r.meeting_id = f.integer_or_null("meeting_id", 1, kMaxSafeInteger);
  r.outcome = f.text("outcome", kMaxOutcome, false);
  if (!all_of_charset(r.outcome, "_", false)) f.fail("outcome", "only a-z, 0-9 and _");
  r.reason = f.text_or_null("reason", kMaxReason);
  if (!all_of_charset(r.reason, "_", false)) f.fail("reason", "only a-z, 0-9 and _");
  r.code = f.text_or_null("code", kMaxCode);
  r.received_at_ms = f.integer_or_null("received_at", 0, kMaxSafeInteger);
  return r;
}

}  // namespace

std::string to_string(Entity entity) {
  switch (entity) {
    case Entity::event: return "event";
    case Entity::round: return "round";
    case Entity::table: return "table";
    case Entity::participant: return "participant";
    case Entity::revocation: return "revocation";
    case Entity::meeting: return "meeting";
    case Entity::journal: return "journal";
  }
  return "event";
}

std::optional<Entity> parse_entity(std::string_view text) {
  static constexpr std::array<Entity, 7> all = {Entity::event,      Entity::round,   Entity::table,  Entity::participant,
                                                Entity::revocation, Entity::meeting, Entity::journal};
  for (Entity e : all)
    if (to_string(e) == text) return e;
  return std::nullopt;
}

std::string to_string(RowResult result) {
  switch (result) {
    case RowResult::stored: return "stored";
    case RowResult::duplicate: return "duplicate";
    case RowResult::rejected: return "rejected";
  }
  return "rejected";
}

bool is_device_name(std::string_view text) {
  return !text.empty() && text.size() <= kMaxDeviceName && all_of_charset(text, "._-", true);
}

bool is_public_key_hex(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// --- encoders ----------------------------------------------------------------

Json to_json(const JournalRow& r) {
  Json j = {{"uuid", r.uuid},          {"device", r.device},   {"seq", r.seq},         {"device_time", r.device_time_ms},
            {"kind", r.kind},          {"participant", nullable(r.participant)},        {"meeting_id", nullable(r.meeting_id)},
            {"outcome", r.outcome},    {"reason", r.reason},   {"code", r.code}};
  if (r.received_at_ms) j["received_at"] = *r.received_at_ms;
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
  return {{"id", m.id}, {"round", m.round}, {"table", m.table}, {"a", m.a}, {"b", m.b}, {"origin", m.origin}};
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

Json to_json(const ChangesPage& page) {
  Json changes = Json::array();
  for (const Change& c : page.changes) {
    Json j = {{"cursor", c.cursor}, {"entity", to_string(c.entity)}, {"op", c.is_delete ? "delete" : "upsert"},
              {"key", c.key}};
    if (!c.is_delete) j["data"] = c.data;
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
  std::array<int, 3> counts{};
  for (const RowOutcome& o : outcomes) {
    Json j = {{"uuid", o.uuid}, {"result", to_string(o.result)}};
    if (o.result == RowResult::rejected) j["reason"] = o.reason;
    results.push_back(std::move(j));
    ++counts[static_cast<std::size_t>(o.result)];
  }
  return {{"results", std::move(results)}, {"stored", counts[0]}, {"duplicate", counts[1]}, {"rejected", counts[2]}};
}

std::string make_journal_batch(const std::string& event_id, const std::vector<JournalRow>& rows) {
  Json batch = {{"event_id", event_id}, {"rows", Json::array()}};
  for (const JournalRow& r : rows) {
    Json j = to_json(r);
    j.erase("received_at");
    batch["rows"].push_back(std::move(j));
  }
  return batch.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json error_json(const std::string& code, const std::string& message) {
  return {{"error", code}, {"message", message}};
}

// --- readers -------------------------------------------------------------

JournalRow parse_journal_row(const Json& j) { return read_row(Fields(j, "journal row")); }

EventInfo parse_event(const Json& j) {
  const Fields f(j, "event");
  EventInfo e;
  e.id = f.text("id", kMaxText, false);
  e.name = f.text("name", kMaxText);
  e.venue = f.text("venue", kMaxText);
  e.timezone = f.text("timezone", 64, false);
  e.default_language = f.text("default_language", 2);
  require_one_of(f, "default_language", e.default_language, {"fr", "en", "de"});
  e.first_start = f.integer("first_start", 0, kMaxDeviceTimeMs / 1000);
  e.round_minutes = f.integer("round_minutes", 1, 24 * 60);
  e.break_minutes = f.integer("break_minutes", 0, 24 * 60);
  e.checkin_window_minutes = f.integer("checkin_window_minutes", 0, 24 * 60);
  e.grace_minutes = f.integer("grace_minutes", 0, 24 * 60);
  e.public_key_hex = f.text("public_key", 64);
  if (!is_public_key_hex(e.public_key_hex)) f.fail("public_key", "not 64 lower-case hex digits");
  return e;
}

RoundInfo parse_round(const Json& j) {
  const Fields f(j, "round");
  RoundInfo r{f.integer("number", 1, kMaxSmall), f.integer("starts_at", 0, kMaxSafeInteger),
              f.integer("ends_at", 0, kMaxSafeInteger)};
  if (r.ends_at <= r.starts_at) f.fail("ends_at", "not after starts_at");
  return r;
}

TableInfo parse_table(const Json& j) {
  const Fields f(j, "table");
  return {f.integer("number", 1, kMaxSmall), f.text("label", kMaxText)};
}

ParticipantInfo parse_participant(const Json& j) {
  const Fields f(j, "participant");
  ParticipantInfo p;
  p.id = f.text("id", kMaxParticipantId, false);
  p.num = f.integer("num", 1, kMaxSafeInteger);
  p.name = f.text("name", kMaxText, false);
  p.organization = f.text("organization", kMaxText);
  p.role = f.text("role", 16);
  require_one_of(f, "role", p.role, {"company", "project", "staff"});
  p.language = f.text("language", 2);
  require_one_of(f, "language", p.language, {"fr", "en", "de"});
  p.badge_code = f.text_or_null("badge_code", kMaxText);
  p.badge_serial = f.integer("badge_serial", 1, kMaxSafeInteger);
  p.arrives = f.integer_or_null("arrives", 1, kMaxSmall);
  p.leaves = f.integer_or_null("leaves", 1, kMaxSmall);
  return p;
}

MeetingInfo parse_meeting(const Json& j) {
  const Fields f(j, "meeting");
  MeetingInfo m;
  m.id = f.integer("id", 1, kMaxSafeInteger);
  m.round = f.integer("round", 1, kMaxSmall);
  m.table = f.integer("table", 1, kMaxSmall);
  m.a = f.text("a", kMaxParticipantId, false);
  m.b = f.text("b", kMaxParticipantId, false);
  m.origin = f.text("origin", 16);
  require_one_of(f, "origin", m.origin, {"import", "schedule", "rematch"});
  return m;
}

Revocation parse_revocation(const Json& j) {
  const Fields f(j, "revocation");
  return {f.text("participant", kMaxParticipantId, false), f.integer("num", 1, kMaxSafeInteger),
          f.integer("badge_serial", 1, kMaxSafeInteger)};
}

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
    if (!change.is_delete) change.data = c.object("data");
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

RowParse read_uploaded_row(const Json& j) {
  RowParse out;
  if (j.is_object()) {
    const auto it = j.find("uuid");
    if (it != j.end() && it->is_string() && it->get_ref<const std::string&>().size() <= 36) out.uuid = it->get<std::string>();
  }
  try {
    out.row = parse_journal_row(j);
    out.row->received_at_ms.reset();  // the server's clock decides
  } catch (const FieldError& e) {
    out.reason = "invalid:" + e.field();
  }
  return out;
}

JournalBatch parse_journal_batch(std::string_view body, const Limits& limits) {
  if (body.size() > limits.max_body_bytes)
    throw ProtocolError(413, "too_large", "body larger than " + std::to_string(limits.max_body_bytes) + " bytes");
  const Json j = parse_json(body, limits.max_json_depth);
  if (!j.is_object()) throw ProtocolError(400, "invalid_field", "the body must be a JSON object");
  const auto event = j.find("event_id");
  if (event == j.end() || !event->is_string() || event->get_ref<const std::string&>().empty() ||
      event->get_ref<const std::string&>().size() > kMaxText)
    throw ProtocolError(400, "invalid_field", "field \"event_id\": must be the event's id");
  const auto rows = j.find("rows");
  if (rows == j.end() || !rows->is_array()) throw ProtocolError(400, "invalid_field", "field \"rows\": must be an array");
  if (rows->size() > limits.max_rows_per_batch)
    throw ProtocolError(413, "too_many_rows",
                        "at most " + std::to_string(limits.max_rows_per_batch) + " rows per batch");
  JournalBatch batch;
  batch.event_id = event->get<std::string>();
  batch.rows.reserve(rows->size());
  for (const Json& row : *rows) batch.rows.push_back(read_uploaded_row(row));
  return batch;
}

ChangesQuery parse_changes_query(const std::optional<std::string>& since, const std::optional<std::string>& limit,
                                 const Limits& limits) {
  const auto read_number = [](const std::string& name, const std::string& text, std::int64_t max) {
    const bool digits = !text.empty() && text.size() <= 16 &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) throw ProtocolError(400, "invalid_query", name + " must be a whole number >= 0");
    const std::int64_t n = std::stoll(text);
    if (n > max) throw ProtocolError(400, "invalid_query", name + " must be at most " + std::to_string(max));
    return n;
  };
  ChangesQuery q;
  q.since = since ? read_number("since", *since, kMaxSafeInteger) : 0;
  q.limit = limits.default_changes_per_page;
  if (limit) {
    q.limit = static_cast<int>(read_number("limit", *limit, limits.max_changes_per_page));
    if (q.limit < 1) throw ProtocolError(400, "invalid_query", "limit must be at least 1");
  }
  return q;
}

}  // namespace speedmeet::protocol
