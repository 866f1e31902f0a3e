#pragma once
// Fitting text into boxes with cairo's toy font API and DejaVu Sans: the
// largest size that fits, word wrapping, and a last resort that breaks words
// and ends with "…". Text never leaves its box.
#include <cairo.h>

#include <string>
#include <string_view>
#include <vector>

namespace speedmeet::print {

inline constexpr const char* kFontFamily = "DejaVu Sans";  // fonts-dejavu-core; assets/fonts has a copy
// Ids, where 0 and O, 1 and l must differ (fonts-dejavu-core too).
inline constexpr const char* kMonoFontFamily = "DejaVu Sans Mono";

// Valid UTF-8 with control characters turned into spaces and invalid bytes
// into U+FFFD: cairo refuses invalid UTF-8 by putting the context in an error
// state for good, so nothing reaches it unsanitised.
std::string sanitize_utf8(std::string_view text);

enum class Align { left, centre, right };

struct TextStyle {
  bool bold = false;
  double max_size = 12;  // points
  double min_size = 6;   // below this, words are broken and the text ellipsised
  int max_lines = 1;
  Align align = Align::left;
  double line_height = 1.18;  // in font sizes
  const char* family = kFontFamily;
};

struct TextBox {
  double x = 0, y = 0, width = 0, height = 0;
};

struct TextLayout {
  double size = 0;                 // chosen font size, points
  std::vector<std::string> lines;  // already sanitised
  double line_advance = 0;         // distance between baselines
  double height = 0;               // height of the whole block
  bool truncated = false;          // the text did not fit even at min_size
};

// Chooses the size and line breaks for text in a box of width x height.
// Selects the font on cr (inside a save/restore).
TextLayout fit_text(cairo_t* cr, std::string_view text, const TextStyle& style, double width, double height);

// Draws a layout from the top of box, clipped to the box.
void draw_text(cairo_t* cr, const TextLayout& layout, const TextStyle& style, const TextBox& box);

// fit_text + draw_text; returns the layout (its height tells where the next block can start).
TextLayout draw_fitted_text(cairo_t* cr, std::string_view text, const TextStyle& style, const TextBox& box);

}  // namespace speedmeet::print
