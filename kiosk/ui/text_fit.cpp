#include "ui/text_fit.hpp"

#include <algorithm>

namespace speedmeet::ui {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026 …

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Offsets of every code point boundary in text, 0 and text.size() included.
std::vector<std::size_t> boundaries(std::string_view text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!is_continuation(text[i])) out.push_back(i);
  out.push_back(text.size());
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

struct Range {
  std::size_t begin = 0, end = 0;
};

class Wrapper {
 public:
  Wrapper(TextMeasurer& m, std::string_view text, int px, FontWeight weight, int width)
      : m_(m), text_(text), px_(px), weight_(weight), width_(width) {}

  // Greedy line breaking at spaces; a word wider than the line is broken
  // between code points. Stops after `limit` + 1 lines (enough to know it
  // does not fit).
  std::vector<Range> wrap(std::size_t limit) {
    std::vector<Range> lines;
    std::size_t i = skip_spaces(0);
    while (i < text_.size() && lines.size() <= limit) {
      Range line{i, i};
      std::size_t j = i;
      while (j < text_.size()) {
        const std::size_t word_end = std::min(text_.find(' ', j), text_.size());
        if (fits(line.begin, word_end)) {
          line.end = word_end;
          j = skip_spaces(word_end);
          continue;
        }
        if (line.end == line.begin) line.end = longest_fitting_prefix(line.begin, word_end);
        break;
      }
      lines.push_back(line);
      i = skip_spaces(line.end);
    }
    return lines;
  }

 private:
  std::size_t skip_spaces(std::size_t i) const {
    while (i < text_.size() && text_[i] == ' ') ++i;
    return i;
  }
  bool fits(std::size_t b, std::size_t e) { return m_.measure(text_.substr(b, e - b), px_, weight_).width <= width_; }
  // At least one code point, so that wrapping always progresses.
  std::size_t longest_fitting_prefix(std::size_t b, std::size_t e) {
    const auto cuts = boundaries(text_.substr(b, e - b));
    std::size_t lo = 1, hi = cuts.size() - 1;  // cuts[lo] is one code point
    while (lo < hi) {
      const std::size_t mid = (lo + hi + 1) / 2;
      if (fits(b, b + cuts[mid])) lo = mid;
      else hi = mid - 1;
    }
    return b + cuts[lo];
  }

  TextMeasurer& m_;
  std::string_view text_;
  int px_;
  FontWeight weight_;
  int width_;
};

// The height of each line of `text` at px: the font's line height, or more
// when some glyph of the text reaches beyond it (accented capitals...). Any
// part of the text is at most as tall as the whole.
int line_height(TextMeasurer& m, std::string_view text, FontWeight weight, int px) {
  return std::max({1, m.measure("", px, weight).height, m.measure(text, px, weight).height});
}

int lines_allowed(TextMeasurer& m, std::string_view text, FontWeight weight, int px, int box_height, int max_lines) {
  return std::clamp(box_height / line_height(m, text, weight, px), 0, std::max(1, max_lines));
}

bool fits_at(TextMeasurer& m, std::string_view text, Size box, FontWeight weight, int px, int max_lines) {
  const int allowed = lines_allowed(m, text, weight, px, box.h, max_lines);
  if (allowed == 0) return false;
  if (allowed == 1) return m.measure(text, px, weight).width <= box.w;
  return Wrapper(m, text, px, weight, box.w).wrap(static_cast<std::size_t>(allowed)).size() <=
         static_cast<std::size_t>(allowed);
}

FittedText finish(TextMeasurer& m, std::string_view text, std::vector<std::string> lines, int px, FontWeight weight,
                  int max_width, bool ellipsized) {
  FittedText out;
  out.px = px;
  out.line_height = line_height(m, text, weight, px);
  out.ellipsized = ellipsized;
  for (auto& line : lines) {
    int width = m.measure(line, px, weight).width;
    if (width > max_width) {  // a single glyph wider than the box
      line = ellipsize(m, line, px, weight, max_width);
      width = m.measure(line, px, weight).width;
      out.ellipsized = true;
    }
    if (line.empty()) continue;
    out.widths.push_back(width);
    out.heights.push_back(m.measure(line, px, weight).height);
    out.lines.push_back(std::move(line));
  }
  return out;
}

}  // namespace

std::size_t utf8_boundary_before(std::string_view text, std::size_t i) {
  if (i >= text.size()) return text.size();
  while (i > 0 && is_continuation(text[i])) --i;
  return i;
}

int px_for_line_height(TextMeasurer& m, FontWeight weight, int height) {
  if (height <= 1) return 1;
  // Fonts set about 1.2 lines per em; start there and correct.
  int px = std::max(1, height * 5 / 6);
  while (px > 1 && m.measure("", px, weight).height > height) --px;
  while (m.measure("", px + 1, weight).height <= height) ++px;
  return px;
}

std::string ellipsize(TextMeasurer& m, std::string_view text, int px, FontWeight weight, int max_width) {
  if (m.measure(text, px, weight).width <= max_width) return std::string(text);
  const auto cuts = boundaries(text);
  auto candidate = [&](std::size_t k) { return std::string(trim(text.substr(0, cuts[k]))) + std::string(kEllipsis); };
  // The largest k (code points kept) whose candidate fits; k = 0 is "…" alone.
  if (m.measure(candidate(0), px, weight).width > max_width) return {};
  std::size_t lo = 0, hi = cuts.size() - 2;
  while (lo < hi) {
    const std::size_t mid = (lo + hi + 1) / 2;
    if (m.measure(candidate(mid), px, weight).width <= max_width) lo = mid;
    else hi = mid - 1;
  }
  return candidate(lo);
}

FittedText fit_text(TextMeasurer& m, std::string_view raw, Size box, const FitRules& rules) {
  const std::string_view text = trim(raw);
  const FontWeight weight = rules.weight;
  if (text.empty() || box.w <= 0 || box.h <= 0) return {};
  int tallest = px_for_line_height(m, weight, box.h);
  while (tallest > 1 && line_height(m, text, weight, tallest) > box.h) --tallest;
  const int hi = rules.max_px > 0 ? std::min(rules.max_px, tallest) : tallest;
  const int lo = std::clamp(rules.min_px, 1, hi);
  const int max_lines = std::max(1, rules.max_lines);

  int px = 0;
  if (fits_at(m, text, box, weight, hi, max_lines)) {
    px = hi;
  } else if (hi == lo) {
    // Nothing smaller is allowed: ellipsize below.
  } else if (max_lines == 1) {
    // Width scales with size: guess from the ratio, then step down.
    const int w = m.measure(text, hi, weight).width;
    int guess = std::clamp(static_cast<int>(static_cast<long long>(hi) * box.w / std::max(1, w)), lo, hi - 1);
    while (guess > lo && !fits_at(m, text, box, weight, guess, 1)) --guess;
    if (fits_at(m, text, box, weight, guess, 1)) px = guess;
  } else {
    int a = lo, b = hi - 1;  // the largest fitting size in [a, b], if any
    if (fits_at(m, text, box, weight, a, max_lines)) {
      while (a < b) {
        const int mid = (a + b + 1) / 2;
        if (fits_at(m, text, box, weight, mid, max_lines)) a = mid;
        else b = mid - 1;
      }
      px = a;
    }
  }

  const int size = px > 0 ? px : lo;
  const int allowed = std::max(1, lines_allowed(m, text, weight, size, box.h, max_lines));
  std::vector<std::string> lines;
  if (allowed == 1) {
    lines.push_back(ellipsize(m, text, size, weight, box.w));
    return finish(m, text, std::move(lines), size, weight, box.w, px == 0);
  }
  const auto ranges = Wrapper(m, text, size, weight, box.w).wrap(static_cast<std::size_t>(allowed));
  const std::size_t kept = std::min(ranges.size(), static_cast<std::size_t>(allowed));
  for (std::size_t i = 0; i < kept; ++i) {
    const bool last_of_many = i + 1 == kept && ranges.size() > kept;
    const std::size_t end = last_of_many ? text.size() : ranges[i].end;
    const std::string_view line = text.substr(ranges[i].begin, end - ranges[i].begin);
    lines.push_back(last_of_many ? ellipsize(m, line, size, weight, box.w) : std::string(line));
  }
  return finish(m, text, std::move(lines), size, weight, box.w, ranges.size() > kept);
}

}  // namespace speedmeet::ui
