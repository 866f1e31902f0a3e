#include "json_guard.hpp"

#include "protocol_error.hpp"

namespace speedmeet::protocol {

int json_depth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

void check_depth(std::string_view text, int max_depth) {
  if (json_depth(text, max_depth) > max_depth)
    throw ProtocolError(400, "too_deep", "JSON nested deeper than " + std::to_string(max_depth) + " levels");
}

void refuse_nul_bytes(std::string_view text) {
  // JSON text never holds one; nlohmann would ignore whatever follows it.
  if (text.find('\0') != std::string_view::npos)
    throw ProtocolError(400, "malformed_json", "malformed JSON: NUL byte in the text");
}

void throw_malformed(const std::exception& parse_error) {
  // nlohmann's message names the byte offset and the problem (including
  // ill-formed UTF-8); it never echoes more than a few bytes of input.
  throw ProtocolError(400, "malformed_json", std::string("malformed JSON: ") + parse_error.what());
}

nlohmann::json parse_json(std::string_view text, int max_depth) {
  check_depth(text, max_depth);
  refuse_nul_bytes(text);
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    throw_malformed(e);
  }
}

}  // namespace speedmeet::protocol
