#pragma once
// Parsing untrusted JSON safely: depth is checked by a linear scan before
// nlohmann-json builds anything (its values are recursive), and every failure
// becomes a ProtocolError with status 400.
#include <nlohmann/json.hpp>
#include <exception>
#include <string_view>

namespace speedmeet::protocol {

// Deepest nesting of arrays/objects in `text`, scanning no further than
// needed to see it exceed `limit` (strings and escapes are skipped).
int json_depth(std::string_view text, int limit);

// The guards before any reading, for parse_json and the one-pass (SAX)
// readers alike: nesting deeper than `max_depth` throws
// ProtocolError(400, "too_deep"); a NUL byte, which nlohmann-json would take
// for the end of the input, throws ProtocolError(400, "malformed_json").
void check_depth(std::string_view text, int max_depth);
void refuse_nul_bytes(std::string_view text);
// nlohmann's parse error as ProtocolError(400, "malformed_json").
[[noreturn]] void throw_malformed(const std::exception& parse_error);

// Parses `text` as one JSON value no deeper than `max_depth`. Invalid UTF-8,
// syntax errors and trailing bytes throw ProtocolError(400, "malformed_json").
nlohmann::json parse_json(std::string_view text, int max_depth);

}  // namespace speedmeet::protocol
