// Fitting text to boxes: shrink first, wrap when allowed, ellipsize only at
// the minimum size, never cut a code point, never exceed the box.
#include <catch2/catch.hpp>

#include "fake_measurer.hpp"
#include "ui/text_fit.hpp"

using namespace speedmeet::ui;
using speedmeet::ui::test::FakeMeasurer;
using speedmeet::ui::test::valid_utf8;

namespace {

const std::string kEllipsis = "\xE2\x80\xA6";

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

void require_inside(FakeMeasurer& m, const FittedText& f, Size box, FontWeight w = FontWeight::regular) {
  REQUIRE(static_cast<int>(f.lines.size()) * f.line_height <= box.h);
  for (const auto& line : f.lines) {
    REQUIRE(m.measure(line, f.px, w).width <= box.w);
    REQUIRE(valid_utf8(line));
  }
}

}  // namespace

TEST_CASE("px_for_line_height gives the largest size whose line fits") {
  FakeMeasurer m;
  for (int h : {1, 2, 10, 13, 50, 97, 400}) {
    const int px = px_for_line_height(m, FontWeight::regular, h);
    REQUIRE(px >= 1);
    if (h >= 2) {
      REQUIRE(m.measure("", px, FontWeight::regular).height <= h);
      REQUIRE(m.measure("", px + 1, FontWeight::regular).height > h);
    }
  }
}

TEST_CASE("short text takes the box's natural size") {
  FakeMeasurer m;
  const Size box{1000, 60};
  const FittedText f = fit_text(m, "Table 7", box, {});
  REQUIRE(f.lines == std::vector<std::string>{"Table 7"});
  REQUIRE(f.px == px_for_line_height(m, FontWeight::regular, 60));
  REQUIRE_FALSE(f.ellipsized);
  REQUIRE(f.widths.at(0) == m.measure("Table 7", f.px, FontWeight::regular).width);
}

TEST_CASE("max_px caps the size") {
  FakeMeasurer m;
  const FittedText f = fit_text(m, "Hi", {1000, 200}, {FontWeight::bold, 30, 0, 1});
  REQUIRE(f.px == 30);
}

TEST_CASE("long text shrinks until it fits, without ellipsis while above the minimum") {
  FakeMeasurer m;
  const Size box{300, 50};
  const std::string text = "Round 3 of 8 — ends in 07:12";
  const FittedText f = fit_text(m, text, box, {FontWeight::bold, 0, 8, 1});
  REQUIRE(f.lines == std::vector<std::string>{text});
  REQUIRE_FALSE(f.ellipsized);
  REQUIRE(f.px < px_for_line_height(m, FontWeight::bold, 50));
  require_inside(m, f, box, FontWeight::bold);
  // The largest size that fits: one more pixel would overflow.
  REQUIRE(m.measure(text, f.px + 1, FontWeight::bold).width > box.w);
}

TEST_CASE("at the minimum size the text is ellipsized, cut at a code point, and a prefix of the original") {
  FakeMeasurer m;
  const std::string text = "Éléonore-Bérénice Müller-Łukasiewicz Ørsted 😀 Château-Dürrenmatt";
  for (int width = 0; width <= 900; width += 7) {
    const Size box{width, 30};
    const FittedText f = fit_text(m, text, box, {FontWeight::regular, 0, 20, 1});
    require_inside(m, f, box);
    if (f.lines.empty()) continue;  // not even "…" fits
    const std::string& line = f.lines[0];
    if (f.ellipsized) {
      REQUIRE(f.px == 20);
      REQUIRE(ends_with(line, kEllipsis));
      const std::string kept = line.substr(0, line.size() - kEllipsis.size());
      REQUIRE(text.compare(0, kept.size(), kept) == 0);
      REQUIRE_FALSE(ends_with(kept, " "));
    } else {
      REQUIRE(line == text);
    }
  }
}

TEST_CASE("ellipsize keeps as much as fits") {
  FakeMeasurer m;
  // 10 px per code point at px 10 (0.6 em rounds up per string: use widths that divide).
  const std::string text = "abcdefghij";
  const std::string out = ellipsize(m, text, 10, FontWeight::regular, m.measure("abcd" + kEllipsis, 10, FontWeight::regular).width);
  REQUIRE(out == "abcd" + kEllipsis);
  REQUIRE(ellipsize(m, text, 10, FontWeight::regular, 1000) == text);
  REQUIRE(ellipsize(m, text, 10, FontWeight::regular, 2).empty());
}

TEST_CASE("text wraps onto the allowed lines at spaces, keeping no-break spaces together") {
  FakeMeasurer m;
  const std::string text = "Marc is waiting at table\u00A07";
  const Size box{260, 2 * 36};
  const FittedText f = fit_text(m, text, box, {FontWeight::bold, 30, 12, 2});
  REQUIRE(f.lines.size() == 2);
  REQUIRE_FALSE(f.ellipsized);
  require_inside(m, f, box, FontWeight::bold);
  REQUIRE(f.lines[0] + " " + f.lines[1] == text);
  REQUIRE(ends_with(f.lines[1], "table\u00A07"));
}

TEST_CASE("wrapping prefers the largest size at which the lines fit") {
  FakeMeasurer m;
  const std::string text = "This badge was replaced — use your new badge or see the help desk";
  const Size box{500, 4 * 48};
  const FittedText f = fit_text(m, text, box, {FontWeight::regular, 40, 10, 4});
  REQUIRE_FALSE(f.ellipsized);
  require_inside(m, f, box);
  std::string joined;
  for (const auto& l : f.lines) joined += (joined.empty() ? "" : " ") + l;
  REQUIRE(joined == text);
  // One pixel larger no longer fits in four lines of this box.
  const FittedText bigger = fit_text(m, text, box, {FontWeight::regular, f.px + 1, f.px + 1, 4});
  REQUIRE(bigger.ellipsized);
}

TEST_CASE("when even wrapped text does not fit at the minimum, the last line is ellipsized") {
  FakeMeasurer m;
  const std::string text = "one two three four five six seven eight nine ten eleven twelve";
  const Size box{120, 2 * 24};
  const FittedText f = fit_text(m, text, box, {FontWeight::regular, 20, 20, 2});
  REQUIRE(f.ellipsized);
  REQUIRE(f.lines.size() == 2);
  REQUIRE(ends_with(f.lines[1], kEllipsis));
  require_inside(m, f, box);
}

TEST_CASE("a word wider than the box is broken between code points") {
  FakeMeasurer m;
  const std::string word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenträger";
  const Size box{200, 3 * 24};
  const FittedText f = fit_text(m, word, box, {FontWeight::regular, 20, 20, 3});
  REQUIRE(f.lines.size() == 3);
  require_inside(m, f, box);
  REQUIRE(word.compare(0, f.lines[0].size(), f.lines[0]) == 0);
}

TEST_CASE("a box lower than the minimum size's line still gets text that fits its height") {
  FakeMeasurer m;
  const Size box{400, 10};
  const FittedText f = fit_text(m, "Legend", box, {FontWeight::regular, 0, 20, 1});
  REQUIRE_FALSE(f.lines.empty());
  require_inside(m, f, box);
}

TEST_CASE("empty text, blank text and empty boxes give no lines") {
  FakeMeasurer m;
  REQUIRE(fit_text(m, "", {100, 20}, {}).lines.empty());
  REQUIRE(fit_text(m, "   ", {100, 20}, {}).lines.empty());
  REQUIRE(fit_text(m, "text", {0, 20}, {}).lines.empty());
  REQUIRE(fit_text(m, "text", {100, 0}, {}).lines.empty());
}

TEST_CASE("a glyph wider than the box is never drawn past it") {
  FakeMeasurer m;
  const FittedText f = fit_text(m, "W", {3, 40}, {FontWeight::regular, 30, 30, 2});
  require_inside(m, f, {3, 40});
}

TEST_CASE("utf8_boundary_before steps back over continuation bytes") {
  const std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";  // a é € 😀 z
  REQUIRE(utf8_boundary_before(s, 0) == 0);
  REQUIRE(utf8_boundary_before(s, 2) == 1);
  REQUIRE(utf8_boundary_before(s, 3) == 3);
  REQUIRE(utf8_boundary_before(s, 5) == 3);
  REQUIRE(utf8_boundary_before(s, 8) == 6);
  REQUIRE(utf8_boundary_before(s, 10) == 10);
  REQUIRE(utf8_boundary_before(s, 99) == s.size());
}
