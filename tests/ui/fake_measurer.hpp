#pragma once
// A deterministic stand-in for the TTF measurer: every code point is 0.6 em
// wide (0.65 in bold), lines are 1.2 em. Counts its calls.
#include <cmath>
#include <string_view>

#include "ui/text_fit.hpp"

namespace speedmeet::ui::test {

class FakeMeasurer final : public TextMeasurer {
 public:
  TextExtent measure(std::string_view text, int px, FontWeight weight) override {
    ++calls;
    std::size_t points = 0;
    for (unsigned char c : text) points += (c & 0xC0) != 0x80;
    const double em = weight == FontWeight::bold ? 0.65 : 0.6;
    return {static_cast<int>(std::ceil(static_cast<double>(points) * px * em)), static_cast<int>(std::ceil(px * 1.2))};
  }
  long calls = 0;
};

// Strict UTF-8 check (no overlongs, surrogates or values above U+10FFFF).
inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3Fu);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n;
  }
  return true;
}

}  // namespace speedmeet::ui::test
