#pragma once
// Making text fit a box: measure, shrink, wrap onto a few lines, and only
// when the minimum size is reached, ellipsize — never clip. Pure: the fonts
// are behind TextMeasurer (TTF in the SDL backend, a fake in tests).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ui/display_list.hpp"

namespace speedmeet::ui {

struct TextExtent {
  int width = 0;
  int height = 0;  // the font's line height at this size
};

class TextMeasurer {
 public:
  virtual ~TextMeasurer() = default;
  // The width of `text` (UTF-8, one line) set at `px`, and the line height.
  virtual TextExtent measure(std::string_view text, int px, FontWeight weight) = 0;
};

struct FitRules {
  FontWeight weight = FontWeight::regular;
  int max_px = 0;     // 0: as large as the box height allows
  int min_px = 0;     // shrink no further, ellipsize instead (clamped to what the box allows)
  int max_lines = 1;  // wrap at spaces onto at most this many lines
};

struct FittedText {
  std::vector<std::string> lines;  // never empty strings; empty when nothing fits
  std::vector<int> widths;         // measured width of each line
  std::vector<int> heights;        // measured height of each line (≤ line_height)
  int px = 0;
  int line_height = 0;             // the pitch of the lines: fits every line of this text
  bool ellipsized = false;
};

// The largest size (≤ max_px, ≥ min_px) at which `text` fits `box` on at
// most max_lines lines; at min_px, the last line is ellipsized.
FittedText fit_text(TextMeasurer& measurer, std::string_view text, Size box, const FitRules& rules);

// The longest prefix of `text` (cut at a code point boundary, trailing spaces
// dropped) that fits `max_width` with "…" appended; `text` itself if it fits;
// "" if not even "…" fits.
std::string ellipsize(TextMeasurer& measurer, std::string_view text, int px, FontWeight weight, int max_width);

// The largest font size whose line height is at most `height` (at least 1).
int px_for_line_height(TextMeasurer& measurer, FontWeight weight, int height);

// Byte offset of the code point boundary at or before `i` (UTF-8: skips back
// over continuation bytes).
std::size_t utf8_boundary_before(std::string_view text, std::size_t i);

}  // namespace speedmeet::ui
