#pragma once
// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above
// U+10FFFF. Used to refuse and to repair text from scanners and databases.
#include <cstddef>
#include <string_view>

namespace speedmeet::badge {

// Length of the valid UTF-8 sequence starting at text[i] (1..4), or 0 when
// the bytes there are not valid UTF-8. Requires i < text.size().
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept;

// Valid UTF-8 without C0 control characters or DEL.
bool is_printable_utf8(std::string_view text) noexcept;

}  // namespace speedmeet::badge
