#include "text_layout.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cstdint>
#include <memory>

#include "badge/utf8.hpp"
#include "badge_render.hpp"

namespace speedmeet::print {
namespace {

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

struct FontOptionsDeleter {
  void operator()(cairo_font_options_t* o) const { cairo_font_options_destroy(o); }
};

// Linear metrics: with hinting off, a width at size s is the reference width
// times s / kReferenceSize, so measuring at one size is enough.
void select_font(cairo_t* cr, const TextStyle& style, double size) {
  cairo_select_font_face(cr, style.family, CAIRO_FONT_SLANT_NORMAL,
                         style.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  const std::unique_ptr<cairo_font_options_t, FontOptionsDeleter> options{cairo_font_options_create()};
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr, options.get());
  cairo_set_font_size(cr, size);
}

double advance(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  return extents.x_advance;
}

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// Everything fit_text needs, measured once at the reference size.
struct Measured {
  std::vector<std::string> words;
  std::vector<double> widths;  // at kReferenceSize
  double space = 0;
  double ascent = 0;   // per point of font size
  double descent = 0;
};

Measured measure(cairo_t* cr, const std::string& text, const TextStyle& style) {
  Measured m;
  select_font(cr, style, kReferenceSize);
  m.words = split_words(text);
  for (const auto& w : m.words) m.widths.push_back(advance(cr, w));
  m.space = advance(cr, " ");
  cairo_font_extents_t fe;
  cairo_font_extents(cr, &fe);
  m.ascent = fe.ascent / kReferenceSize;
  m.descent = fe.descent / kReferenceSize;
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

// Greedy word wrap at size; empty when a word is wider than the box or the
// lines exceed what the box allows.
std::vector<std::string> wrap_words(const Measured& m, double size, double width, std::size_t max_lines) {
  const double scale = size / kReferenceSize;
  std::vector<std::string> lines;
  double line_width = 0;
  for (std::size_t i = 0; i < m.words.size(); ++i) {
    const double w = m.widths[i] * scale;
    if (w > width) return {};
    if (!lines.empty() && line_width > 0 && line_width + m.space * scale + w <= width) {
      lines.back() += ' ' + m.words[i];
      line_width += m.space * scale + w;
    } else {
      lines.push_back(m.words[i]);
      line_width = w;
    }
    if (lines.size() > max_lines) return {};
  }
  return lines;
}

// Splits text into codepoints (the sanitised text is valid UTF-8).
std::vector<std::string> codepoints(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = std::max<std::size_t>(utf8_sequence_length(text, i), 1);
    out.push_back(text.substr(i, n));
    i += n;
  }
  return out;
}

// Last resort at min size: fill lines character by character, then cut the
// last allowed line with an ellipsis.
std::vector<std::string> wrap_characters(cairo_t* cr, const std::string& text, double width, std::size_t max_lines,
                                         bool& truncated) {
  std::vector<std::string> lines{""};
  for (const auto& cp : codepoints(text)) {
    std::string candidate = lines.back() + cp;
    if (lines.back().empty() || advance(cr, candidate) <= width) {
      lines.back() = std::move(candidate);
    } else {
      lines.push_back(cp == " " ? "" : cp);
    }
  }
  for (auto& line : lines)
    while (!line.empty() && line.back() == ' ') line.pop_back();
  truncated = lines.size() > max_lines;
  if (!truncated) return lines;
  lines.resize(max_lines);
  auto cps = codepoints(lines.back());
  while (!cps.empty()) {
    std::string joined;
    for (const auto& cp : cps) joined += cp;
    if (advance(cr, joined + kEllipsis) <= width) {
      lines.back() = joined + kEllipsis;
      return lines;
    }
    cps.pop_back();
  }
  lines.back() = kEllipsis;
  return lines;
}

}  // namespace

void release_font_caches() {
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
  const auto fits = [&](double size) {
    const std::size_t allowed = lines_allowed(m, style, size, height);
    if (allowed == 0) return std::vector<std::string>{};
    return wrap_words(m, size, width, allowed);
  };

  if (m.words.empty()) {
    layout.size = style.max_size;
  } else if (auto lines = fits(style.max_size); !lines.empty()) {
    layout.size = style.max_size;
    layout.lines = std::move(lines);
  } else if (lines = fits(style.min_size); !lines.empty()) {
    // Largest fitting size, to a twentieth of a point.
    double lo = style.min_size, hi = style.max_size;
    layout.lines = std::move(lines);
    while (hi - lo > 0.05) {
      const double mid = (lo + hi) / 2;
      if (auto attempt = fits(mid); !attempt.empty()) {
        lo = mid;
        layout.lines = std::move(attempt);
      } else {
        hi = mid;
      }
    }
    layout.size = lo;
  } else {
    layout.size = style.min_size;
    select_font(cr, style, layout.size);
    const std::size_t allowed = std::max<std::size_t>(lines_allowed(m, style, layout.size, height), 1);
    layout.lines = wrap_characters(cr, text, width, allowed, layout.truncated);
  }
  layout.line_advance = style.line_height * layout.size;
  layout.height = block_height(m, style, layout.size, layout.lines.size());
  return layout;
}

void draw_text(cairo_t* cr, const TextLayout& layout, const TextStyle& style, const TextBox& box) {
  const ContextState state(cr);
  cairo_rectangle(cr, box.x, box.y, box.width, box.height);
  cairo_clip(cr);
  select_font(cr, style, layout.size);
  cairo_font_extents_t fe;
  cairo_font_extents(cr, &fe);
  double baseline = box.y + fe.ascent;
  for (const auto& line : layout.lines) {
    double x = box.x;
    if (style.align != Align::left) {
      const double slack = box.width - advance(cr, line);
      x += style.align == Align::centre ? slack / 2 : slack;
    }
    cairo_move_to(cr, x, baseline);
    cairo_show_text(cr, line.c_str());
    baseline += layout.line_advance;
  }
}

TextLayout draw_fitted_text(cairo_t* cr, std::string_view text, const TextStyle& style, const TextBox& box) {
  TextLayout layout = fit_text(cr, text, style, box.width, box.height);
  draw_text(cr, layout, style, box);
  return layout;
}

}  // namespace speedmeet::print
