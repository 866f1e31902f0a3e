#pragma once
// Inside the protocol library only (and its tests): typed, bounded reading
// of one JSON object's members, for the JSON-tree readers and the one-pass
// (SAX) readers alike, and the checks of every message's fields. A field
// that fails throws FieldError naming it.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "json_tree.hpp"
#include "protocol_error.hpp"

namespace speedmeet::protocol::fields {

// A bad field: 400 invalid_field, remembering which field for per-row reasons.
class FieldError : public ProtocolError {
 public:
  FieldError(std::string field, const std::string& message)
      : ProtocolError(400, "invalid_field", message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

inline bool has_control_char(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

inline bool all_of_charset(std::string_view s, std::string_view extra, bool upper) {
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (upper && c >= 'A' && c <= 'Z') ||
           extra.find(c) != std::string_view::npos;
  });
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
inline const Json* member(const Json& object, const std::string& key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}
inline const FlatValue* member(const FlatObject& object, const std::string& key) { return object.find(key); }
inline bool is_null(const Json& v) { return v.is_null(); }
inline bool is_null(const FlatValue& v) { return v.kind == FlatValue::Kind::null; }
inline const std::string* text_of(const Json& v) { return v.is_string() ? &v.get_ref<const std::string&>() : nullptr; }
inline const std::string* text_of(const FlatValue& v) { return v.kind == FlatValue::Kind::string ? &v.text : nullptr; }
inline const bool* boolean_of(const Json& v) { return v.is_boolean() ? v.get_ptr<const bool*>() : nullptr; }
inline const bool* boolean_of(const FlatValue& v) { return v.kind == FlatValue::Kind::boolean ? &v.boolean : nullptr; }
// A whole number as int64 (`above` when it is an unsigned one beyond int64),
// nullopt when the value is not a whole number.
inline std::optional<std::int64_t> whole_number(const Json& v, std::uint64_t& unsigned_value, bool& is_unsigned) {
  if (!v.is_number_integer()) return std::nullopt;
  is_unsigned = v.is_number_unsigned();
  if (is_unsigned) unsigned_value = v.get<std::uint64_t>();
  return v.get<std::int64_t>();
}
inline std::optional<std::int64_t> whole_number(const FlatValue& v, std::uint64_t& unsigned_value, bool& is_unsigned) {
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

  // Absent reads as false.
  bool boolean_or_false(const std::string& key) const { return find(key) && boolean(key); }

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
  if (!is_uuid(r.uuid)) f.fail("uuid", "not a lower-case UUID");
  r.device = f.text("device", kMaxDeviceName);
  if (!is_device_name(r.device)) f.fail("device", "not a device name");
  r.seq = f.integer("seq", 1, kMaxSafeInteger);
  r.device_time_ms = f.integer("device_time", 0, kMaxDeviceTimeMs);
  r.corrected_time_ms = f.integer_or_null("corrected_time", 0, kMaxDeviceTimeMs);
  const auto kind = parse_journal_kind(f.text("kind", 16));
  if (!kind) f.fail("kind", "unknown value");
  r.kind = *kind;
  r.participant = f.text_or_null("participant", kMaxParticipantId);
  if (has_control_char(r.participant)) f.fail("participant", "contains a control character");
  r.meeting_id = f.integer_or_null("meeting_id", 1, kMaxSafeInteger);
  r.outcome = f.text("outcome", kMaxOutcome, false);
  if (!all_of_charset(r.outcome, "_", false)) f.fail("outcome", "only a-z, 0-9 and _");
  r.reason = f.text_or_null("reason", kMaxReason);
  if (!all_of_charset(r.reason, "_", false)) f.fail("reason", "only a-z, 0-9 and _");
  r.code = f.text_or_null("code", kMaxCode);
  r.received_at_ms = f.integer_or_null("received_at", 0, kMaxSafeInteger);
  r.staff = f.text_or_null("staff", kMaxParticipantId);
  if (has_control_char(r.staff)) f.fail("staff", "contains a control character");
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
  m.replaced = f.boolean_or_false("replaced");
  return m;
}

template <class F>
Revocation read_revocation(const F& f) {
  return {f.text("participant", kMaxParticipantId, false), f.integer("num", 1, kMaxSafeInteger),
          f.integer("badge_serial", 1, kMaxSafeInteger)};
}

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

}  // namespace speedmeet::protocol::fields
