#pragma once
// Fitting text into boxes with pango on cairo and DejaVu Sans: the largest
// size that fits, word wrapping, and a last resort that breaks words (between
// grapheme clusters) and ends with "…". Text never leaves its box. Every line
// is shaped by HarfBuzz (Arabic letters joined), ordered by the Unicode bidi
// algorithm (FriBidi: right-to-left runs read right to left, a name in Arabic
// or Hebrew starts at the right of a left-aligned box), and glyphs DejaVu
// lacks (emoji, symbols) come from a fallback font fontconfig finds
// (Symbola, fonts-symbola). docs/BADGES.md, "Fonts for every name".
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
  bool right_to_left = false;      // the paragraph reads right to left (its first strong character)
};

// Chooses the size and line breaks for text in a box of width x height.
// Selects the font on cr (inside a save/restore).
TextLayout fit_text(cairo_t* cr, std::string_view text, const TextStyle& style, double width, double height);

// Draws a layout from the top of box, clipped to the box.
void draw_text(cairo_t* cr, const TextLayout& layout, const TextStyle& style, const TextBox& box);

// The advance of text on one line at size, shaped as draw_text shapes it.
double text_width(cairo_t* cr, std::string_view text, const TextStyle& style, double size);

// What shaping made of one line: for tests and checks of a name.
struct ShapedRun {
  double width = 0;
  int glyphs = 0;          // after shaping (ligatures and joined forms)
  int missing_glyphs = 0;  // drawn as empty boxes: no installed font has them
  int right_to_left_runs = 0;
  bool right_to_left = false;          // the paragraph's direction
  std::vector<unsigned> glyph_ids;     // in visual order, left to right
};
ShapedRun shape_line(cairo_t* cr, std::string_view text, const TextStyle& style, double size);

// fit_text + draw_text; returns the layout (its height tells where the next block can start).
TextLayout draw_fitted_text(cairo_t* cr, std::string_view text, const TextStyle& style, const TextBox& box);

}  // namespace speedmeet::print
