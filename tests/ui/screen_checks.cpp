#include "screen_checks.hpp"

#include <set>
#include <sstream>

#include "fake_measurer.hpp"

namespace speedmeet::ui::test {
namespace {

// Texts that must never lose a character: numbers, times, instructions.
const std::set<std::string> kComplete = {
    "table-number", "board-table-number", "clock", "phase", "scan-badge", "when", "action", "exit-confirm",
    "out-of-order", "out-of-order-action", "total", "table-state", "action-selected", "icon", "person-state",
    "legend-glyph", "table-word", "then", "with", "setup-title", "setup-action", "refusal"};

std::string describe(const TextItem& t) {
  std::ostringstream o;
  o << '[' << t.tag << "] \"" << t.text << "\" px " << t.px << " box " << t.box.x << ',' << t.box.y << ' ' << t.box.w << 'x'
    << t.box.h;
  return o.str();
}

}  // namespace

Rect ink_of(const TextItem& t) {
  const int x = t.align == Align::left ? t.box.x : t.align == Align::right ? t.box.right() - t.width : t.box.x + (t.box.w - t.width) / 2;
  return {x, t.box.y + (t.box.h - t.height) / 2, t.width, t.height};
}

Color color_under(const DisplayList& list, const TextItem& t) {
  const Rect ink = ink_of(t);
  Color c = list.background;
  for (const RectItem& r : list.rects)
    if (r.rect.contains(ink)) c = r.color;
  return c;
}

std::vector<std::string> check_screen(const DisplayList& list, TextMeasurer& measurer) {
  std::vector<std::string> problems;
  const Rect screen{0, 0, list.size.w, list.size.h};
  for (const RectItem& r : list.rects)
    if (!screen.contains(r.rect)) problems.push_back("a rect leaves the screen");
  for (const ImageItem& i : list.images)
    if (!screen.contains(i.box)) problems.push_back("an image leaves the screen");
  for (const TextItem& t : list.texts) {
    const std::string what = describe(t);
    if (t.text.empty()) problems.push_back(what + ": empty text item");
    if (!valid_utf8(t.text)) problems.push_back(what + ": invalid UTF-8");
    if (t.box.empty() || !screen.contains(t.box)) problems.push_back(what + ": box outside the screen");
    const TextExtent e = measurer.measure(t.text, t.px, t.weight);
    if (e.width != t.width || e.height != t.height) problems.push_back(what + ": recorded size differs from the measured one");
    if (e.width > t.box.w || e.height > t.box.h)
      problems.push_back(what + ": measured " + std::to_string(e.width) + "x" + std::to_string(e.height) + " exceeds its box");
    if (t.ellipsized && kComplete.contains(t.tag)) problems.push_back(what + ": must not be ellipsized");
    const double contrast = contrast_ratio(t.color, color_under(list, t));
    if (contrast < 4.5) problems.push_back(what + ": contrast " + std::to_string(contrast) + " below WCAG AA 4.5");
  }
  for (std::size_t i = 0; i < list.texts.size(); ++i)
    for (std::size_t j = i + 1; j < list.texts.size(); ++j)
      if (ink_of(list.texts[i]).intersects(ink_of(list.texts[j])))
        problems.push_back(describe(list.texts[i]) + " overlaps " + describe(list.texts[j]));
  return problems;
}

std::vector<const TextItem*> with_tag(const DisplayList& list, const std::string& tag) {
  std::vector<const TextItem*> out;
  for (const TextItem& t : list.texts)
    if (t.tag == tag) out.push_back(&t);
  return out;
}

std::string joined(const DisplayList& list, const std::string& tag) {
  std::string out;
  for (const TextItem* t : with_tag(list, tag)) out += (out.empty() ? "" : " ") + t->text;
  return out;
}

}  // namespace speedmeet::ui::test
