#include "messages.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <type_traits>

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

// One member of a JSON object as the snapshot's streaming reader keeps it:
// scalars only (a nested array or object is only marked, and skipped).
struct FlatValue {
  enum class Kind { null, boolean, integer, unsigned_integer, floating, string, nested };
  Kind kind = Kind::null;
  bool boolean = false;
  std::int64_t integer = 0;
  std::uint64_t unsigned_integer = 0;
  std::string text;
};

// The members of one JSON object whose values are scalars. Its buffers are
// reused from one array item to the next, so reading 50,000 participants and
// meetings allocates almost nothing.
class FlatObject {
 public:
  void clear() { size_ = 0; }
  FlatValue& add(const std::string& key) {
    if (size_ == members_.size()) members_.emplace_back();
    auto& m = members_[size_++];
    m.first = key;
    m.second.kind = FlatValue::Kind::null;
    return m.second;
  }
  // The last member of that name, as nlohmann's DOM keeps the last one too.
  const FlatValue* find(const std::string& key) const {
    for (std::size_t i = size_; i-- > 0;)
      if (members_[i].first == key) return &members_[i].second;
    return nullptr;
  }

 private:
  std::vector<std::pair<std::string, FlatValue>> members_;
  std::size_t size_ = 0;
};

// The few questions Fields asks of a value, for both kinds of object.
const Json* member(const Json& object, const std::string& key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}
const FlatValue* member(const FlatObject& object, const std::string& key) { return object.find(key); }
bool is_null(const Json& v) { return v.is_null(); }
bool is_null(const FlatValue& v) { return v.kind == FlatValue::Kind::null; }
const std::string* text_of(const Json& v) { return v.is_string() ? &v.get_ref<const std::string&>() : nullptr; }
const std::string* text_of(const FlatValue& v) { return v.kind == FlatValue::Kind::string ? &v.text : nullptr; }
const bool* boolean_of(const Json& v) { return v.is_boolean() ? v.get_ptr<const bool*>() : nullptr; }
// A whole number as int64 (`above` when it is an unsigned one beyond int64),
// nullopt when the value is not a whole number.
std::optional<std::int64_t> whole_number(const Json& v, std::uint64_t& unsigned_value, bool& is_unsigned) {
  if (!v.is_number_integer()) return std::nullopt;
  is_unsigned = v.is_number_unsigned();
  if (is_unsigned) unsigned_value = v.get<std::uint64_t>();
  return v.get<std::int64_t>();
}
std::optional<std::int64_t> whole_number(const FlatValue& v, std::uint64_t& unsigned_value, bool& is_unsigned) {
  is_unsigned = v.kind == FlatValue::Kind::unsigned_integer;
  if (is_unsigned) {
    unsigned_value = v.unsigned_integer;
    return static_cast<std::int64_t>(v.unsigned_integer);
  }
  if (v.kind == FlatValue::Kind::integer) return v.integer;
  return std::nullopt;
}

// Typed, bounded access to the members of one JSON object: a nlohmann value
// (Json) or an object the streaming reader collected (FlatObject).
template <class Object>
class BasicFields {
 public:
  BasicFields(const Object& j, std::string what) : j_(j), what_(std::move(what)) {
    if constexpr (std::is_same_v<Object, Json>)
      if (!j_.is_object()) throw FieldError(what_, what_ + " must be a JSON object");
  }

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw FieldError(key, "field \"" + key + "\" of " + what_ + ": " + problem);
  }

  const auto* find(const std::string& key) const { return member(j_, key); }

  std::string text(const std::string& key, std::size_t max_bytes, bool allow_empty = true) const {
    const auto* v = find(key);
    if (!v) fail(key, "missing");
    return checked_text(key, *v, max_bytes, allow_empty);
  }

  // Absent or null reads as empty.
  std::string text_or_null(const std::string& key, std::size_t max_bytes) const {
    const auto* v = find(key);
    if (!v || is_null(*v)) return {};
    return checked_text(key, *v, max_bytes, true);
  }

  std::int64_t integer(const std::string& key, std::int64_t min, std::int64_t max) const {
    const auto* v = find(key);
    if (!v) fail(key, "missing");
    return checked_integer(key, *v, min, max);
  }

  std::optional<std::int64_t> integer_or_null(const std::string& key, std::int64_t min, std::int64_t max) const {
    const auto* v = find(key);
    if (!v || is_null(*v)) return std::nullopt;
    return checked_integer(key, *v, min, max);
  }

  bool boolean(const std::string& key) const {
    const auto* v = find(key);
    const bool* b = v ? boolean_of(*v) : nullptr;
    if (!b) fail(key, "must be true or false");
    return *b;
  }

  // Nested values: nlohmann objects only.
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
  template <class Value>
  std::string checked_text(const std::string& key, const Value& v, std::size_t max_bytes, bool allow_empty) const {
    const std::string* s = text_of(v);
    if (!s) fail(key, "must be a string");
    if (s->size() > max_bytes) fail(key, "longer than " + std::to_string(max_bytes) + " bytes");
    if (!allow_empty && s->empty()) fail(key, "must not be empty");
    return *s;
  }

  template <class Value>
  std::int64_t checked_integer(const std::string& key, const Value& v, std::int64_t min, std::int64_t max) const {
    std::uint64_t unsigned_value = 0;
    bool is_unsigned = false;
    const auto n = whole_number(v, unsigned_value, is_unsigned);
    if (!n) fail(key, "must be a whole number");
    if (is_unsigned && unsigned_value > static_cast<std::uint64_t>(max)) fail(key, "out of range");
    if (*n < min || *n > max) fail(key, "out of range " + std::to_string(min) + ".." + std::to_string(max));
    return *n;
  }

  const Object& j_;
  std::string what_;
};
using Fields = BasicFields<Json>;
using FlatFields = BasicFields<FlatObject>;

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

template <class F>
void require_one_of(const F& f, const std::string& key, const std::string& value,
                    std::initializer_list<std::string_view> allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) f.fail(key, "unknown value");
}

template <class F>
JournalRow read_row(const F& f) {
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

template <class F>
EventInfo read_event(const F& f) {
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

template <class F>
RoundInfo read_round(const F& f) {
  RoundInfo r{f.integer("number", 1, kMaxSmall), f.integer("starts_at", 0, kMaxSafeInteger),
              f.integer("ends_at", 0, kMaxSafeInteger)};
  if (r.ends_at <= r.starts_at) f.fail("ends_at", "not after starts_at");
  return r;
}

template <class F>
TableInfo read_table(const F& f) {
  return {f.integer("number", 1, kMaxSmall), f.text("label", kMaxText)};
}

template <class F>
ParticipantInfo read_participant(const F& f) {
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

template <class F>
MeetingInfo read_meeting(const F& f) {
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

template <class F>
Revocation read_revocation(const F& f) {
  return {f.text("participant", kMaxParticipantId, false), f.integer("num", 1, kMaxSafeInteger),
          f.integer("badge_serial", 1, kMaxSafeInteger)};
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

namespace {

// Compact JSON text written straight from the structs, for the snapshot's
// long arrays: building nlohmann values for 50,000 rows only to dump them
// costs several times the dump itself. The output is byte for byte what
// to_json(...).dump() writes (nlohmann orders keys alphabetically), which the
// protocol tests check.
class TextWriter {
 public:
  explicit TextWriter(std::string& out) : out_(out) {}

  TextWriter& raw(std::string_view text) {
    out_ += text;
    return *this;
  }
  // "key": — keys are constant identifiers, never escaped.
  TextWriter& key(std::string_view k) {
    out_ += '"';
    out_ += k;
    out_ += "\":";
    return *this;
  }
  TextWriter& integer(std::int64_t v) {
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    out_.append(buf, end);
    return *this;
  }
  TextWriter& text(std::string_view s) {
    // Printable ASCII without quote or backslash is written as it is, as
    // nlohmann would; anything else goes through nlohmann's own escaping
    // (control characters, UTF-8 checked and replaced).
    const bool plain = std::all_of(s.begin(), s.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x80 && c != '"' && c != '\\';
    });
    if (plain) {
      out_ += '"';
      out_ += s;
      out_ += '"';
    } else {
      out_ += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    return *this;
  }
  TextWriter& text_or_null(std::string_view s) { return s.empty() ? raw("null") : text(s); }
  TextWriter& integer_or_null(const std::optional<std::int64_t>& v) { return v ? integer(*v) : raw("null"); }
  TextWriter& json(const Json& j) { return raw(j.dump(-1, ' ', false, Json::error_handler_t::replace)); }

  template <class T, class F>
  TextWriter& array(const std::vector<T>& items, F write_one) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out_ += ',';
      write_one(items[i]);
    }
    out_ += ']';
    return *this;
  }

 private:
  std::string& out_;
};

enum class ReceivedAt { write, leave_out };

void write_row(TextWriter& w, const JournalRow& r, ReceivedAt received_at = ReceivedAt::write) {
  w.raw("{").key("code").text(r.code).raw(",").key("device").text(r.device).raw(",").key("device_time");
  w.integer(r.device_time_ms).raw(",").key("kind").text(r.kind).raw(",").key("meeting_id");
  w.integer_or_null(r.meeting_id).raw(",").key("outcome").text(r.outcome).raw(",").key("participant");
  w.text_or_null(r.participant).raw(",").key("reason").text(r.reason).raw(",");
  if (r.received_at_ms && received_at == ReceivedAt::write) w.key("received_at").integer(*r.received_at_ms).raw(",");
  w.key("seq").integer(r.seq).raw(",").key("uuid").text(r.uuid).raw("}");
}

void write_participant(TextWriter& w, const ParticipantInfo& p) {
  w.raw("{").key("arrives").integer_or_null(p.arrives).raw(",").key("badge_code").text_or_null(p.badge_code);
  w.raw(",").key("badge_serial").integer(p.badge_serial).raw(",").key("id").text(p.id).raw(",").key("language");
  w.text(p.language).raw(",").key("leaves").integer_or_null(p.leaves).raw(",").key("name").text(p.name).raw(",");
  w.key("num").integer(p.num).raw(",").key("organization").text(p.organization).raw(",").key("role").text(p.role);
  w.raw("}");
}

void write_meeting(TextWriter& w, const MeetingInfo& m) {
  w.raw("{").key("a").text(m.a).raw(",").key("b").text(m.b).raw(",").key("id").integer(m.id).raw(",").key("origin");
  w.text(m.origin).raw(",").key("round").integer(m.round).raw(",").key("table").integer(m.table).raw("}");
}

}  // namespace

std::string snapshot_json(const Snapshot& s) {
  std::string out;
  // About 100 bytes a meeting and 200 a participant: one allocation, mostly.
  out.reserve(4096 + s.meetings.size() * 100 + s.participants.size() * 200 + s.journal.size() * 250);
  TextWriter w(out);
  w.raw("{").key("api").integer(kApiVersion).raw(",").key("cursor").integer(s.cursor).raw(",");
  w.key("event").json(to_json(s.event)).raw(",");
  w.key("journal").array(s.journal, [&](const JournalRow& r) { write_row(w, r); }).raw(",");
  w.key("meetings").array(s.meetings, [&](const MeetingInfo& m) { write_meeting(w, m); }).raw(",");
  w.key("participants").array(s.participants, [&](const ParticipantInfo& p) { write_participant(w, p); }).raw(",");
  w.key("revocations").json(json_array(s.revocations)).raw(",");
  w.key("rounds").json(json_array(s.rounds)).raw(",");
  w.key("tables").json(json_array(s.tables)).raw("}");
  return out;
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

std::array<int, 3> count_results(const std::vector<RowOutcome>& outcomes) {
  std::array<int, 3> counts{};
  for (const RowOutcome& o : outcomes) ++counts[static_cast<std::size_t>(o.result)];
  return counts;
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

std::string journal_results_text(const std::vector<RowOutcome>& outcomes) {
  std::string out;
  out.reserve(64 + outcomes.size() * 64);
  TextWriter w(out);
  const auto counts = count_results(outcomes);
  w.raw("{").key("duplicate").integer(counts[1]).raw(",").key("rejected").integer(counts[2]).raw(",").key("results");
  w.array(outcomes, [&](const RowOutcome& o) {
    w.raw("{");
    if (o.result == RowResult::rejected) w.key("reason").text(o.reason).raw(",");
    w.key("result").text(to_string(o.result)).raw(",").key("uuid").text(o.uuid).raw("}");
  });
  w.raw(",").key("stored").integer(counts[0]).raw("}");
  return out;
}

std::string make_journal_batch(const std::string& event_id, const std::vector<JournalRow>& rows) {
  // Written like the snapshot, straight from the structs: a kiosk sends
  // batches of 1,000 rows, and building the JSON values first tripled the
  // cost. The server's clock decides received_at, so it is never sent.
  std::string out;
  out.reserve(64 + rows.size() * 256);
  TextWriter w(out);
  w.raw("{").key("event_id").text(event_id).raw(",").key("rows");
  w.array(rows, [&](const JournalRow& r) { write_row(w, r, ReceivedAt::leave_out); }).raw("}");
  return out;
}

Json error_json(const std::string& code, const std::string& message) {
  return {{"error", code}, {"message", message}};
}

// --- readers -------------------------------------------------------------

JournalRow parse_journal_row(const Json& j) { return read_row(Fields(j, "journal row")); }

EventInfo parse_event(const Json& j) { return read_event(Fields(j, "event")); }

RoundInfo parse_round(const Json& j) { return read_round(Fields(j, "round")); }

TableInfo parse_table(const Json& j) { return read_table(Fields(j, "table")); }

ParticipantInfo parse_participant(const Json& j) { return read_participant(Fields(j, "participant")); }

MeetingInfo parse_meeting(const Json& j) { return read_meeting(Fields(j, "meeting")); }

Revocation parse_revocation(const Json& j) { return read_revocation(Fields(j, "revocation")); }

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

namespace {

// The SAX callbacks both one-pass readers share: every scalar reaches the
// reader's scalar(set_flat, value) with a setter that stores it in a
// FlatValue, containers reach open(is_array) and close(), and a syntax error
// is a 400 malformed_json.
template <class Reader>
class FlatSax : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return self().scalar([](FlatValue& v) { v.kind = FlatValue::Kind::null; }, nullptr); }
  bool boolean(bool b) override {
    return self().scalar([&](FlatValue& v) { v.kind = FlatValue::Kind::boolean; v.boolean = b; }, b);
  }
  bool number_integer(number_integer_t n) override {
    return self().scalar([&](FlatValue& v) { v.kind = FlatValue::Kind::integer; v.integer = n; }, n);
  }
  bool number_unsigned(number_unsigned_t n) override {
    return self().scalar([&](FlatValue& v) { v.kind = FlatValue::Kind::unsigned_integer; v.unsigned_integer = n; }, n);
  }
  bool number_float(number_float_t n, const string_t&) override {
    return self().scalar([](FlatValue& v) { v.kind = FlatValue::Kind::floating; }, n);
  }
  bool string(string_t& text) override {
    return self().scalar([&](FlatValue& v) { v.kind = FlatValue::Kind::string; v.text.swap(text); }, text);
  }
  bool binary(binary_t&) override { return true; }  // never produced by the JSON lexer

  bool start_object(std::size_t) override { return self().open(false); }
  bool start_array(std::size_t) override { return self().open(true); }
  bool end_object() override { return self().close(); }
  bool end_array() override { return self().close(); }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    throw_malformed(e);
  }

 private:
  Reader& self() { return static_cast<Reader&>(*this); }
};

// GET /snapshot's answer read in one pass with nlohmann's SAX interface,
// straight into the structs: no JSON value is built for the 50,000 rows
// (building and freeing that tree cost more than the reading). Every item
// goes through the same read_* checks as parse_snapshot; unknown members are
// skipped at any depth. `enveloped`: the text is a bundle, an object that
// holds the snapshot under "snapshot"; its other scalar members are kept in
// envelope() for the bundle's format checks.
class SnapshotReader : public FlatSax<SnapshotReader> {
 public:
  SnapshotReader(int max_depth, bool enveloped)
      : max_depth_(max_depth), enveloped_(enveloped), snapshot_depth_(enveloped ? 2 : 1) {}

  // After a successful parse: the snapshot, or nullopt for an envelope
  // without one.
  std::optional<Snapshot> take() {
    if (!snapshot_done_) return std::nullopt;
    return std::move(snapshot_);
  }
  Json& envelope() { return envelope_; }

  bool key(string_t& k) override {
    if (skip_ == 0) key_.swap(k);
    return true;
  }

 private:
  friend class FlatSax<SnapshotReader>;  // calls scalar, open and close

  enum class Section { none, rounds, tables, participants, meetings, revocations, journal };
  enum class Collecting { nothing, event, item };

  static Section section_of(const std::string& key) {
    if (key == "rounds") return Section::rounds;
    if (key == "tables") return Section::tables;
    if (key == "participants") return Section::participants;
    if (key == "meetings") return Section::meetings;
    if (key == "revocations") return Section::revocations;
    if (key == "journal") return Section::journal;
    return Section::none;
  }
  static const char* item_name(Section s) {
    switch (s) {
      case Section::rounds: return "round";
      case Section::tables: return "table";
      case Section::participants: return "participant";
      case Section::meetings: return "meeting";
      case Section::revocations: return "revocation";
      case Section::journal: return "journal row";
      case Section::none: break;
    }
    return "value";
  }

  // Depth of the values being read, relative to the snapshot object: 0 its
  // members, 1 the items of its arrays (or the event's members), 2 the
  // members of those items.
  int level() const { return depth_ - snapshot_depth_; }
  bool in_snapshot() const { return snapshot_open_ && level() >= 0; }

  template <class SetFlat, class Value>
  bool scalar(SetFlat set_flat, Value&& value) {
    if (skip_ > 0) return true;
    if (collecting_ != Collecting::nothing) {
      set_flat(flat_.add(key_));
    } else if (in_snapshot() && level() == 0) {
      set_flat(members_.add(key_));
    } else if (in_snapshot() && level() == 1 && section_ != Section::none) {
      not_an_object(item_name(section_));
    } else if (enveloped_ && depth_ == 1) {
      envelope_[key_] = Json(std::forward<Value>(value));
    } else if (depth_ == 0 && !enveloped_) {
      not_an_object("snapshot");
    }
    return true;
  }

  [[noreturn]] static void not_an_object(const std::string& what) {
    throw FieldError(what, what + " must be a JSON object");
  }

  bool open(bool array) {
    if (++depth_ > max_depth_)
      throw ProtocolError(400, "too_deep", "JSON nested deeper than " + std::to_string(max_depth_) + " levels");
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    if (collecting_ != Collecting::nothing) {  // a nested value inside a row: marked, not read
      flat_.add(key_).kind = FlatValue::Kind::nested;
      skip_ = 1;
      return true;
    }
    if (!snapshot_open_) {
      const bool is_snapshot = enveloped_ ? depth_ == 2 && key_ == "snapshot" : depth_ == 1;
      if (is_snapshot) {
        if (array || snapshot_done_) not_an_object("snapshot");
        snapshot_open_ = true;
      } else if (enveloped_ && depth_ == 1 && !array) {
        envelope_ = Json::object();
      } else {
        if (!enveloped_) not_an_object("snapshot");
        skip_ = 1;  // anything else in an envelope
      }
      return true;
    }
    if (level() == 1) {  // a member of the snapshot
      const Section section = section_of(key_);
      if (section != Section::none || key_ == "event") {
        if (!seen_.insert(key_).second) throw FieldError(key_, "field \"" + key_ + "\" of snapshot: given twice");
        if (array != (section != Section::none)) {
          skip_ = 1;  // the wrong kind: reported as missing when the snapshot ends
          return true;
        }
        if (array) {
          section_ = section;
          found_.insert(key_);
        } else {
          collecting_ = Collecting::event;
          flat_.clear();
        }
      } else {
        skip_ = 1;  // unknown member
      }
      return true;
    }
    if (level() == 2 && section_ != Section::none) {  // one item of an array
      if (array) not_an_object(item_name(section_));
      collecting_ = Collecting::item;
      flat_.clear();
      return true;
    }
    skip_ = 1;
    return true;
  }

  bool close() {
    --depth_;
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    if (collecting_ == Collecting::item) {
      finish_item();
      collecting_ = Collecting::nothing;
    } else if (collecting_ == Collecting::event) {
      snapshot_.event = read_event(FlatFields(flat_, "event"));
      found_.insert("event");
      collecting_ = Collecting::nothing;
    } else if (snapshot_open_ && level() == 0 && section_ != Section::none) {
      section_ = Section::none;
    } else if (snapshot_open_ && level() == -1) {
      finish_snapshot();
    }
    return true;
  }

  void finish_item() {
    const FlatFields f(flat_, item_name(section_));
    switch (section_) {
      case Section::rounds: snapshot_.rounds.push_back(read_round(f)); break;
      case Section::tables: snapshot_.tables.push_back(read_table(f)); break;
      case Section::participants: snapshot_.participants.push_back(read_participant(f)); break;
      case Section::meetings: snapshot_.meetings.push_back(read_meeting(f)); break;
      case Section::revocations: snapshot_.revocations.push_back(read_revocation(f)); break;
      case Section::journal: snapshot_.journal.push_back(read_row(f)); break;
      case Section::none: break;
    }
  }

  void finish_snapshot() {
    snapshot_open_ = false;
    snapshot_done_ = true;
    const FlatFields f(members_, "snapshot");
    if (f.integer("api", 0, kMaxSmall) != kApiVersion) f.fail("api", "unsupported API version");
    if (!found_.count("event")) f.fail("event", "must be an object");
    for (const char* key : {"rounds", "tables", "participants", "meetings", "revocations", "journal"})
      if (!found_.count(key)) f.fail(key, "must be an array");
    snapshot_.cursor = f.integer("cursor", 0, kMaxSafeInteger);
  }

  int max_depth_;
  bool enveloped_;
  int snapshot_depth_;  // container depth of the snapshot object's members
  int depth_ = 0;       // containers open
  int skip_ = 0;        // > 0: inside a value being skipped, that many containers deep
  bool snapshot_open_ = false, snapshot_done_ = false;
  Section section_ = Section::none;
  Collecting collecting_ = Collecting::nothing;
  std::string key_;
  FlatObject flat_;     // the row (or event) being read
  FlatObject members_;  // the snapshot's scalar members (api, cursor)
  std::set<std::string> seen_, found_;
  Snapshot snapshot_;
  Json envelope_;
};

std::optional<Snapshot> read_snapshot_stream(std::string_view text, int max_depth, bool enveloped, Json* envelope) {
  refuse_nul_bytes(text);
  SnapshotReader reader(max_depth, enveloped);
  Json::sax_parse(text.begin(), text.end(), &reader);  // strict: trailing bytes are an error
  if (envelope) *envelope = std::move(reader.envelope());
  return reader.take();
}

}  // namespace

Snapshot read_snapshot_text(std::string_view text, int max_depth) {
  auto s = read_snapshot_stream(text, max_depth, false, nullptr);
  if (!s) throw FieldError("snapshot", "snapshot must be a JSON object");
  return std::move(*s);
}

std::optional<Snapshot> read_enveloped_snapshot(std::string_view text, int max_depth, Json& envelope) {
  return read_snapshot_stream(text, max_depth, true, &envelope);
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

namespace {

// One uploaded row, from a JSON value or from the members the batch reader
// collected: the row when it passes every check, else the reason, and its
// uuid whenever one could be read (so the answer can name the row).
template <class Object>
RowParse uploaded_row(const Object& j) {
  RowParse out;
  try {
    const BasicFields<Object> f(j, "journal row");  // a JSON value that is not an object throws here
    if (const auto* id = f.find("uuid")) {
      const std::string* text = text_of(*id);
      if (text && text->size() <= 36) out.uuid = *text;
    }
    out.row = read_row(f);
    out.row->received_at_ms.reset();  // the server's clock decides
  } catch (const FieldError& e) {
    out.reason = "invalid:" + e.field();
  }
  return out;
}

// POST /journal's body read in one pass with nlohmann's SAX interface: each
// row straight into a RowParse, through the same checks as
// read_uploaded_row, without a JSON value per row (building and freeing
// those took most of the request's parse time). The whole text is read
// before any verdict, and the verdicts come in the order a JSON tree would
// give them, so a body gets the same answer either way.
class BatchReader : public FlatSax<BatchReader> {
 public:
  explicit BatchReader(std::size_t max_rows) : max_rows_(max_rows) {}

  JournalBatch take(const Limits& limits) {
    if (!body_is_object_) throw ProtocolError(400, "invalid_field", "the body must be a JSON object");
    if (!event_id_ok_) throw ProtocolError(400, "invalid_field", "field \"event_id\": must be the event's id");
    if (!rows_is_array_) throw ProtocolError(400, "invalid_field", "field \"rows\": must be an array");
    if (rows_seen_ > limits.max_rows_per_batch)
      throw ProtocolError(413, "too_many_rows",
                          "at most " + std::to_string(limits.max_rows_per_batch) + " rows per batch");
    return std::move(batch_);
  }

  bool string(string_t& text) override {
    if (depth_ == 1 && key_ == "event_id") {
      event_id_ok_ = !text.empty() && text.size() <= kMaxText;
      batch_.event_id = text;
      return true;
    }
    return FlatSax::string(text);
  }

  bool key(string_t& k) override {
    if (depth_ == 1 || depth_ == 3) key_.swap(k);
    return true;
  }

 private:
  friend class FlatSax<BatchReader>;  // calls scalar, open and close

  // Depth 1: the body's members; 2: items of "rows"; 3: a row's members.
  bool in_rows() const { return reading_rows_ && depth_ >= 2; }

  template <class SetFlat, class Value>
  bool scalar(SetFlat set_flat, Value&&) {
    if (depth_ == 1) member_not_as_expected();
    else if (in_rows() && depth_ == 2) not_a_row();  // a scalar where a row should be
    else if (in_rows() && depth_ == 3) set_flat(row_.add(key_));
    return true;
  }

  bool open(bool array) {
    ++depth_;
    if (depth_ == 1) {
      body_is_object_ = !array;
    } else if (depth_ == 2) {
      member_not_as_expected();
      if (key_ == "rows" && array) start_rows();  // the last "rows" counts, as in a JSON tree
    } else if (in_rows() && depth_ == 3) {
      row_open_ = !array;
      if (array) not_a_row();
      else row_.clear();
    } else if (in_rows() && depth_ == 4) {
      row_.add(key_).kind = FlatValue::Kind::nested;  // read as the wrong type by the row's checks
    }
    return true;
  }

  bool close() {
    if (in_rows() && depth_ == 3 && row_open_) finish_row();
    if (depth_ == 3) row_open_ = false;
    if (depth_ == 2 && reading_rows_) reading_rows_ = false;
    --depth_;
    return true;
  }

  // A member of the body whose value is not what the name needs (until
  // start_rows or string() says otherwise): the last value of a name
  // decides, as in a JSON tree.
  void member_not_as_expected() {
    if (key_ == "event_id") event_id_ok_ = false;
    if (key_ == "rows") rows_is_array_ = false;
  }

  void start_rows() {
    rows_is_array_ = true;
    reading_rows_ = true;
    rows_seen_ = 0;
    batch_.rows.clear();
  }

  void not_a_row() {
    if (++rows_seen_ <= max_rows_) batch_.rows.push_back(RowParse{std::nullopt, "", "invalid:journal row"});
  }

  void finish_row() {
    if (++rows_seen_ <= max_rows_) batch_.rows.push_back(uploaded_row(row_));
  }

  std::size_t max_rows_;
  int depth_ = 0;
  bool body_is_object_ = false, event_id_ok_ = false, rows_is_array_ = false, reading_rows_ = false;
  bool row_open_ = false;
  std::size_t rows_seen_ = 0;  // counted past the limit, stored up to it
  std::string key_;
  FlatObject row_;
  JournalBatch batch_;
};

}  // namespace

RowParse read_uploaded_row(const Json& j) { return uploaded_row(j); }

JournalBatch parse_journal_batch(std::string_view body, const Limits& limits) {
  if (body.size() > limits.max_body_bytes)
    throw ProtocolError(413, "too_large", "body larger than " + std::to_string(limits.max_body_bytes) + " bytes");
  check_depth(body, limits.max_json_depth);
  refuse_nul_bytes(body);
  BatchReader reader(limits.max_rows_per_batch);
  Json::sax_parse(body.begin(), body.end(), &reader);  // strict: trailing bytes are an error
  return reader.take(limits);
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
