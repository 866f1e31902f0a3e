#pragma once
// Inside the protocol library only: compact JSON text written straight from
// the structs.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_tree.hpp"

namespace speedmeet::protocol {

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

}  // namespace speedmeet::protocol
