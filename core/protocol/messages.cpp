// The small messages' text: what the rest of speedmeet calls (messages.hpp).
#include "messages.hpp"

#include <algorithm>

#include "fields.hpp"
#include "json_tree.hpp"
#include "protocol_error.hpp"

namespace speedmeet::protocol {

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
  return !text.empty() && text.size() <= kMaxDeviceName && fields::all_of_charset(text, "._-", true);
}

bool is_public_key_hex(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::array<int, 3> count_results(const std::vector<RowOutcome>& outcomes) {
  std::array<int, 3> counts{};
  for (const RowOutcome& o : outcomes) ++counts[static_cast<std::size_t>(o.result)];
  return counts;
}

std::string changes_page_json(const ChangesPage& page) { return dump(to_json(page)); }

std::string health_json(const Health& health) { return dump(to_json(health)); }

std::string change_notice_json(std::int64_t cursor, const std::vector<std::string>& entities) {
  return dump(Json{{"cursor", cursor}, {"entities", entities}});
}

std::string error_json(const std::string& code, const std::string& message) {
  return dump(Json{{"error", code}, {"message", message}});
}

std::string read_error_code(std::string_view text) {
  const auto j = Json::parse(text, nullptr, false);
  if (j.is_object() && j.contains("error") && j["error"].is_string()) return j["error"].get<std::string>();
  return {};
}

ChangesPage read_changes_page(std::string_view text, int max_depth) {
  return parse_changes_page(parse_json(text, max_depth));
}

Health read_health(std::string_view text, int max_depth) { return parse_health(parse_json(text, max_depth)); }

std::vector<RowOutcome> read_journal_results(std::string_view text, std::size_t sent, int max_depth) {
  return parse_journal_results(parse_json(text, max_depth), sent);
}

ChangeData read_change_data(Entity entity, std::string_view text, int max_depth) {
  return parse_change_data(entity, parse_json(text, max_depth));
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

std::optional<ClockSample> parse_clock_report(const std::optional<std::string>& offset_ms,
                                              const std::optional<std::string>& rtt_ms) {
  if (!offset_ms && !rtt_ms) return std::nullopt;
  if (!offset_ms || !rtt_ms)
    throw ProtocolError(400, "invalid_query", "clock_offset_ms and clock_rtt_ms go together");
  const auto read = [](const std::string& name, const std::string& text, std::int64_t min, std::int64_t max) {
    const std::size_t digits_from = !text.empty() && text[0] == '-' ? 1 : 0;
    const bool number = text.size() > digits_from && text.size() <= 16 &&
                        std::all_of(text.begin() + static_cast<std::ptrdiff_t>(digits_from), text.end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
    if (!number) throw ProtocolError(400, "invalid_query", name + " must be a whole number");
    const std::int64_t n = std::stoll(text);
    if (n < min || n > max)
      throw ProtocolError(400, "invalid_query", name + " must be between " + std::to_string(min) + " and " +
                                                    std::to_string(max));
    return n;
  };
  return ClockSample{read("clock_offset_ms", *offset_ms, -kMaxClockOffsetMs, kMaxClockOffsetMs),
                     read("clock_rtt_ms", *rtt_ms, 0, kMaxClockRttMs)};
}

}  // namespace speedmeet::protocol
