#include "utf8.hpp"

#include <cstdint>
#include <cstdio>

namespace speedmeet::badge {

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07u;
  } else {
    return 0;  // continuation byte, C0/C1 overlong lead, or beyond U+10FFFF
  }
  if (length > s.size() - i) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  const bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF) return 0;
  return length;
}

char32_t utf8_code_point(std::string_view s, std::size_t i, std::size_t length) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  static constexpr unsigned char kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t cp = byte(i) & kLeadMask[length];
  for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  return cp;
}

std::optional<CodePointAt> find_code_point(std::string_view text, bool (*refused)(char32_t) noexcept) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) return CodePointAt{i, 0xFFFD};
    const char32_t cp = utf8_code_point(text, i, n);
    if (refused(cp)) return CodePointAt{i, cp};
    i += n;
  }
  return std::nullopt;
}

std::string code_point_label(char32_t cp) {
  char label[16];
  std::snprintf(label, sizeof label, "U+%04X", static_cast<unsigned>(cp));
  return label;
}

bool is_printable_utf8(std::string_view text) noexcept {
  return !find_code_point(text, [](char32_t cp) noexcept { return is_control_character(cp); });
}

}  // namespace speedmeet::badge
