#pragma once
// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above
// U+10FFFF. Used to refuse and to repair text from scanners and databases,
// and to keep names free of characters that hide or reorder text.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace speedmeet::badge {

// Length of the valid UTF-8 sequence starting at text[i] (1..4), or 0 when
// the bytes there are not valid UTF-8. Requires i < text.size().
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept;
// The code point of the valid sequence of `length` bytes at text[i].
char32_t utf8_code_point(std::string_view text, std::size_t i, std::size_t length) noexcept;

// Unicode general category Cc: C0 (U+0000..U+001F), DEL (U+007F) and C1
// (U+0080..U+009F, among them U+0085 NEXT LINE and U+009B CSI).
constexpr bool is_control_character(char32_t cp) noexcept { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }
// Bidirectional embeddings and overrides (U+202A..U+202E) and isolates
// (U+2066..U+2069): they reorder what is shown around them, so a name could
// display as something else than it says.
constexpr bool is_bidi_control(char32_t cp) noexcept {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

struct CodePointAt {
  std::size_t offset = 0;  // byte offset in the text
  char32_t code_point = 0;  // U+FFFD for bytes that are not valid UTF-8
};
// The first code point of `text` for which refused(cp) holds, or for which
// the bytes are not valid UTF-8; nullopt when there is none.
std::optional<CodePointAt> find_code_point(std::string_view text, bool (*refused)(char32_t) noexcept) noexcept;

// "U+0085", as people look characters up.
std::string code_point_label(char32_t cp);

// Valid UTF-8 without control characters (C0, DEL, C1).
bool is_printable_utf8(std::string_view text) noexcept;

}  // namespace speedmeet::badge
