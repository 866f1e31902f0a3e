#include "text_layout.hpp"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <cstdint>
#include <memory>

#include "badge/utf8.hpp"
#include "badge_render.hpp"

namespace speedmeet::print {
namespace {

// Whether this process laid text out with pango: release_font_caches()
// must not create pango's font map only to shut it down (that leaves
// fontconfig allocations behind, e.g. after a setup code drawn with cairo's
// own text only).
bool pango_in_use = false;

using badge::utf8_sequence_length;

constexpr double kReferenceSize = 100;  // words are measured once at this size and scaled
constexpr const char* kEllipsis = "\u2026";
constexpr const char* kReplacement = "\uFFFD";

struct ContextState {
  explicit ContextState(cairo_t* cr) : cr_(cr) { cairo_save(cr_); }
  ~ContextState() { cairo_restore(cr_); }
  ContextState(const ContextState&) = delete;
  ContextState& operator=(const ContextState&) = delete;
  cairo_t* cr_;
};

struct ObjectDeleter {
  void operator()(gpointer object) const { g_object_unref(object); }
};
struct FontDescriptionDeleter {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
struct FontOptionsDeleter {
  void operator()(cairo_font_options_t* o) const { cairo_font_options_destroy(o); }
};
struct FontMetricsDeleter {
  void operator()(PangoFontMetrics* m) const { pango_font_metrics_unref(m); }
};

// One PangoLayout on cr for a style and size: it shapes (HarfBuzz), orders
// mixed directions (FriBidi, the Unicode bidi algorithm) and takes glyphs a
// face lacks from another font fontconfig finds (Arabic and Hebrew from
// DejaVu Sans itself, emoji from Symbola). Linear metrics: with hinting off
// and glyph positions unrounded, a width at size s is the reference width
// times s / kReferenceSize, so measuring at one size is enough.
class Shaper {
 public:
  Shaper(cairo_t* cr, const TextStyle& style, double size) : layout_(pango_cairo_create_layout(cr)) {
    pango_in_use = true;
    PangoContext* context = pango_layout_get_context(layout_.get());
    const std::unique_ptr<cairo_font_options_t, FontOptionsDeleter> options{cairo_font_options_create()};
    cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options.get());
    pango_context_set_round_glyph_positions(context, FALSE);
    pango_layout_context_changed(layout_.get());
    const std::unique_ptr<PangoFontDescription, FontDescriptionDeleter> font{pango_font_description_new()};
    pango_font_description_set_family(font.get(), style.family);
    pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
    pango_layout_set_font_description(layout_.get(), font.get());
    const std::unique_ptr<PangoFontMetrics, FontMetricsDeleter> metrics{
        pango_context_get_metrics(context, font.get(), nullptr)};
    ascent_ = pango_font_metrics_get_ascent(metrics.get()) / static_cast<double>(PANGO_SCALE);
    descent_ = pango_font_metrics_get_descent(metrics.get()) / static_cast<double>(PANGO_SCALE);
  }

  // The text on one line, shaped; its advance.
  double set(const std::string& text) {
    pango_layout_set_text(layout_.get(), text.data(), static_cast<int>(text.size()));
    PangoRectangle logical;
    pango_layout_get_extents(layout_.get(), nullptr, &logical);
    return logical.width / static_cast<double>(PANGO_SCALE);
  }
  // Whether the paragraph set last reads right to left (its first strong character).
  bool right_to_left() const {
    PangoLayoutLine* line = pango_layout_get_line_readonly(layout_.get(), 0);
    return line != nullptr && line->resolved_dir == PANGO_DIRECTION_RTL;
  }
  // Draws the text set last with its baseline at (x, baseline).
  void show(cairo_t* cr, double x, double baseline) const {
    cairo_move_to(cr, x, baseline - pango_layout_get_baseline(layout_.get()) / static_cast<double>(PANGO_SCALE));
    pango_cairo_show_layout(cr, layout_.get());
  }
  // Where a line may be broken when words do not fit: before each grapheme
  // cluster (an emoji sequence or a letter with its marks stays whole).
  std::vector<std::string> graphemes() const {
    const char* text = pango_layout_get_text(layout_.get());
    int count = 0;
    const PangoLogAttr* attrs = pango_layout_get_log_attrs_readonly(layout_.get(), &count);
    std::vector<std::string> out;
    const char* start = text;
    const char* p = text;
    for (int i = 0; *p != '\0'; ++i) {
      p = g_utf8_next_char(p);
      if (i + 1 < count && attrs[i + 1].is_cursor_position && p != start) {
        out.emplace_back(start, p);
        start = p;
      }
    }
    if (p != start) out.emplace_back(start, p);
    return out;
  }
  // Glyphs and unknown glyphs (empty boxes) in the line set last.
  void count_glyphs(ShapedRun& run) const {
    PangoLayoutLine* line = pango_layout_get_line_readonly(layout_.get(), 0);
    for (GSList* item = line != nullptr ? line->runs : nullptr; item != nullptr; item = item->next) {
      const auto* glyph_item = static_cast<const PangoGlyphItem*>(item->data);
      const PangoGlyphString* glyphs = glyph_item->glyphs;
      run.glyphs += glyphs->num_glyphs;
      for (int i = 0; i < glyphs->num_glyphs; ++i) {
        run.glyph_ids.push_back(glyphs->glyphs[i].glyph);
        if ((glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0) ++run.missing_glyphs;
      }
      if (glyph_item->item->analysis.level % 2 == 1) ++run.right_to_left_runs;
    }
  }
  double ascent() const { return ascent_; }
  double descent() const { return descent_; }

 private:
  std::unique_ptr<PangoLayout, ObjectDeleter> layout_;
  double ascent_ = 0, descent_ = 0;
};

// The pieces a line may break between: words (at spaces), and the parts of a
// hyphenated word after each hyphen (so "Wolfeschlegelsteinhausen-" can end
// a line and "Bergerdorffer" start the next). A glued piece follows the one
// before it without a space.
struct Piece {
  std::string text;
  bool glued = false;
};

std::vector<Piece> split_words(const std::string& text) {
  std::vector<Piece> pieces;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    bool glued = false;
    std::size_t from = start;
    for (std::size_t k = start + 1; k + 1 < i; ++k) {
      if (text[k] != '-') continue;
      pieces.push_back({text.substr(from, k + 1 - from), glued});
      from = k + 1;
      glued = true;
    }
    if (i > from) pieces.push_back({text.substr(from, i - from), glued});
  }
  return pieces;
}

// Everything fit_text needs, measured once at the reference size.
struct Measured {
  std::vector<Piece> words;
  std::vector<double> widths;  // at kReferenceSize
  double space = 0;
  double ascent = 0;   // per point of font size
  double descent = 0;
  bool right_to_left = false;  // the paragraph's direction, from its first strong character
};

Measured measure(cairo_t* cr, const std::string& text, const TextStyle& style) {
  Measured m;
  Shaper shaper(cr, style, kReferenceSize);
  m.words = split_words(text);
  for (const auto& w : m.words) m.widths.push_back(shaper.set(w.text));
  m.space = shaper.set(" ");
  m.ascent = shaper.ascent() / kReferenceSize;
  m.descent = shaper.descent() / kReferenceSize;
  shaper.set(text);
  m.right_to_left = shaper.right_to_left();
  return m;
}

double block_height(const Measured& m, const TextStyle& style, double size, std::size_t lines) {
  if (lines == 0) return 0;
  return (m.ascent + m.descent) * size + static_cast<double>(lines - 1) * style.line_height * size;
}

std::size_t lines_allowed(const Measured& m, const TextStyle& style, double size, double height) {
  std::size_t n = 0;
  while (n < static_cast<std::size_t>(std::max(style.max_lines, 1)) && block_height(m, style, size, n + 1) <= height) ++n;
  return n;
}

// Greedy word wrap at size; empty when a word (or, breaking hyphens, a piece)
// is wider than the box or the lines exceed what the box allows.
std::vector<std::string> wrap_words(const Measured& m, double size, double width, std::size_t max_lines,
                                    bool break_hyphens) {
  const double scale = size / kReferenceSize;
  std::vector<std::string> lines;
  double line_width = 0;
  for (std::size_t i = 0; i < m.words.size(); ++i) {
    const double w = m.widths[i] * scale;
    if (w > width) return {};
    const double gap = m.words[i].glued ? 0 : m.space * scale;
    if (m.words[i].glued && !break_hyphens) {
      if (line_width + w > width) return {};
      lines.back() += m.words[i].text;
      line_width += w;
    } else if (!lines.empty() && line_width > 0 && line_width + gap + w <= width) {
      lines.back() += (m.words[i].glued ? "" : " ") + m.words[i].text;
      line_width += gap + w;
    } else {
      lines.push_back(m.words[i].text);
      line_width = w;
    }
    if (lines.size() > max_lines) return {};
  }
  return lines;
}

// Last resort at min size: fill lines grapheme by grapheme, then cut the
// last allowed line with an ellipsis.
std::vector<std::string> wrap_characters(Shaper& shaper, const std::string& text, double width,
                                         std::size_t max_lines, bool& truncated) {
  shaper.set(text);
  std::vector<std::string> lines{""};
  for (const auto& cluster : shaper.graphemes()) {
    std::string candidate = lines.back() + cluster;
    if (lines.back().empty() || shaper.set(candidate) <= width) {
      lines.back() = std::move(candidate);
    } else {
      lines.push_back(cluster == " " ? "" : cluster);
    }
  }
  for (auto& line : lines)
    while (!line.empty() && line.back() == ' ') line.pop_back();
  truncated = lines.size() > max_lines;
  if (!truncated) return lines;
  lines.resize(max_lines);
  shaper.set(lines.back());
  auto clusters = shaper.graphemes();
  while (!clusters.empty()) {
    std::string joined;
    for (const auto& cluster : clusters) joined += cluster;
    if (shaper.set(joined + kEllipsis) <= width) {
      lines.back() = joined + kEllipsis;
      return lines;
    }
    clusters.pop_back();
  }
  lines.back() = kEllipsis;
  return lines;
}

}  // namespace

void release_font_caches() {
  // Pango's fonts hold cairo fonts and fontconfig patterns: they go first.
  if (pango_in_use) {
    PangoFontMap* fonts = pango_cairo_font_map_get_default();
    if (PANGO_IS_FC_FONT_MAP(fonts)) pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(fonts));
    pango_cairo_font_map_set_default(nullptr);
    pango_in_use = false;
  }
  cairo_debug_reset_static_data();  // drops cairo's toy font faces and their fontconfig patterns
  FcFini();
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (n == 1 && (c < 0x20 || c == 0x7F)) out += ' ';
    else out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

TextLayout fit_text(cairo_t* cr, std::string_view raw_text, const TextStyle& style, double width, double height) {
  const ContextState state(cr);
  const std::string text = sanitize_utf8(raw_text);
  const Measured m = measure(cr, text, style);
  TextLayout layout;
  // Whole words first; a hyphenated word is broken after its hyphens only
  // when the whole words do not fit even at the smallest size.
  const auto fits = [&](double size, bool break_hyphens) {
    const std::size_t allowed = lines_allowed(m, style, size, height);
    if (allowed == 0) return std::vector<std::string>{};
    return wrap_words(m, size, width, allowed, break_hyphens);
  };
  const bool whole_words = !fits(style.min_size, false).empty();

  if (m.words.empty()) {
    layout.size = style.max_size;
  } else if (auto lines = fits(style.max_size, !whole_words); !lines.empty()) {
    layout.size = style.max_size;
    layout.lines = std::move(lines);
  } else if (lines = fits(style.min_size, !whole_words); !lines.empty()) {
    // Largest fitting size, to a twentieth of a point.
    double lo = style.min_size, hi = style.max_size;
    layout.lines = std::move(lines);
    while (hi - lo > 0.05) {
      const double mid = (lo + hi) / 2;
      if (auto attempt = fits(mid, !whole_words); !attempt.empty()) {
        lo = mid;
        layout.lines = std::move(attempt);
      } else {
        hi = mid;
      }
    }
    layout.size = lo;
  } else {
    layout.size = style.min_size;
    Shaper shaper(cr, style, layout.size);
    const std::size_t allowed = std::max<std::size_t>(lines_allowed(m, style, layout.size, height), 1);
    layout.lines = wrap_characters(shaper, text, width, allowed, layout.truncated);
  }
  layout.right_to_left = m.right_to_left;
  layout.line_advance = style.line_height * layout.size;
  layout.height = block_height(m, style, layout.size, layout.lines.size());
  return layout;
}

void draw_text(cairo_t* cr, const TextLayout& layout, const TextStyle& style, const TextBox& box) {
  const ContextState state(cr);
  cairo_rectangle(cr, box.x, box.y, box.width, box.height);
  cairo_clip(cr);
  Shaper shaper(cr, style, layout.size);
  // Left means "where the text starts": a right-to-left name starts at the right.
  const Align align = style.align == Align::left && layout.right_to_left ? Align::right : style.align;
  double baseline = box.y + shaper.ascent();
  for (const auto& line : layout.lines) {
    const double advance = shaper.set(line);
    double x = box.x;
    if (align != Align::left) {
      const double slack = box.width - advance;
      x += align == Align::centre ? slack / 2 : slack;
    }
    shaper.show(cr, x, baseline);
    baseline += layout.line_advance;
  }
}

double text_width(cairo_t* cr, std::string_view text, const TextStyle& style, double size) {
  const ContextState state(cr);
  Shaper shaper(cr, style, size);
  return shaper.set(sanitize_utf8(text));
}

ShapedRun shape_line(cairo_t* cr, std::string_view text, const TextStyle& style, double size) {
  const ContextState state(cr);
  Shaper shaper(cr, style, size);
  ShapedRun run;
  run.width = shaper.set(sanitize_utf8(text));
  run.right_to_left = shaper.right_to_left();
  shaper.count_glyphs(run);
  return run;
}

TextLayout draw_fitted_text(cairo_t* cr, std::string_view text, const TextStyle& style, const TextBox& box) {
  TextLayout layout = fit_text(cr, text, style, box.width, box.height);
  draw_text(cr, layout, style, box);
  return layout;
}

}  // namespace speedmeet::print
