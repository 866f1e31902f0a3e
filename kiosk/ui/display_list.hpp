#pragma once
// What a screen looks like, as plain data: the layout produces it, a backend
// paints it. Everything is in window pixels and already final — the painter
// makes no layout decision (text was measured, shrunk and ellipsized by the
// layout so that it fits its box).
#include <cstdint>
#include <string>
#include <vector>

namespace speedmeet::ui {

struct Color {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Color&) const = default;
};

struct Size {
  int w = 0;
  int h = 0;
  bool operator==(const Size&) const = default;
};

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
  int right() const { return x + w; }
  int bottom() const { return y + h; }
  bool empty() const { return w <= 0 || h <= 0; }
  bool contains(const Rect& o) const { return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom(); }
  bool intersects(const Rect& o) const { return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom(); }
  bool operator==(const Rect&) const = default;
};

enum class FontWeight { regular, bold };
enum class Align { left, center, right };

// A filled rectangle; radius > 0 rounds its corners (anti-aliased).
struct RectItem {
  Rect rect;
  Color color;
  int radius = 0;
  bool operator==(const RectItem&) const = default;
};

// One line of text, drawn at `px` (font size in pixels, the em) inside `box`:
// aligned horizontally by `align`, centred vertically. The layout guarantees
// that the measured text fits the box.
struct TextItem {
  Rect box;
  std::string text;  // final text (possibly ellipsized), UTF-8
  int px = 0;
  FontWeight weight = FontWeight::regular;
  Color color;
  Align align = Align::left;
  int width = 0;           // measured width of `text` at `px`
  int height = 0;          // measured line height at `px`
  bool ellipsized = false; // the source text did not fit even at the minimum size
  std::string tag;         // what the item is ("table-number", "headline"...): for tests and debugging
  bool operator==(const TextItem&) const = default;
};

// A picture file (the event logo), scaled to fit inside `box` keeping its
// aspect ratio.
struct ImageItem {
  Rect box;
  std::string path;
  bool operator==(const ImageItem&) const = default;
};

// Paint order: background, rects in order, images, then texts.
struct DisplayList {
  Size size;
  Color background;
  std::vector<RectItem> rects;
  std::vector<ImageItem> images;
  std::vector<TextItem> texts;
  bool operator==(const DisplayList&) const = default;
};

}  // namespace speedmeet::ui
