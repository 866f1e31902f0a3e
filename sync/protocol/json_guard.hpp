#pragma once
// Parsing untrusted JSON safely: depth is checked by a linear scan before
// nlohmann-json builds anything (its values are recursive), and every failure
// becomes a ProtocolError with status 400.
#include <nlohmann/json.hpp>
#include <string_view>

namespace speedmeet::protocol {

// Deepest nesting of arrays/objects in `text`, scanning no further than
// needed to see it exceed `limit` (strings and escapes are skipped).
int json_depth(std::string_view text, int limit);

// Parses `text` as one JSON value no deeper than `max_depth`. Invalid UTF-8,
// syntax errors and trailing bytes throw ProtocolError(400, "malformed_json").
nlohmann::json parse_json(std::string_view text, int max_depth);

}  // namespace speedmeet::protocol
