#include "ui/paint_plan.hpp"

#include <algorithm>

namespace speedmeet::ui {

int floor_to(int x, int m) { return x >= 0 ? x / m * m : -((-x + m - 1) / m * m); }
int ceil_to(int x, int m) { return floor_to(x + m - 1, m); }
int mod4(int x) { return (x % 4 + 4) % 4; }

std::vector<Rect> changed_regions(const std::optional<DisplayList>& last, const DisplayList& list) {
  const std::vector<Rect> everything{{0, 0, list.size.w, list.size.h}};
  if (!last) return everything;
  const DisplayList& old = *last;
  if (old.size != list.size || old.background != list.background || old.rects != list.rects || old.images != list.images ||
      old.texts.size() != list.texts.size())
    return everything;
  std::vector<Rect> dirty;
  long long area = 0;
  for (std::size_t i = 0; i < list.texts.size(); ++i) {
    if (old.texts[i] == list.texts[i]) continue;
    for (const Rect& r : {old.texts[i].box, list.texts[i].box}) {
      dirty.push_back(r);
      area += static_cast<long long>(r.w) * r.h;
    }
  }
  if (dirty.size() > 32 || area * 3 > static_cast<long long>(list.size.w) * list.size.h) return everything;
  return dirty;
}

Rect line_rect(const TextItem& t, int w, int h) {
  const Rect& b = t.box;
  const int x = t.align == Align::left ? b.x : t.align == Align::right ? b.right() - w : b.x + (b.w - w) / 2;
  return {x, b.y + (b.h - h) / 2, w, h};
}

Rect text_rect(const TextItem& t) { return line_rect(t, t.width, t.height); }

std::vector<std::optional<Color>> solid_grounds(const DisplayList& list) {
  std::vector<std::optional<Color>> grounds(list.texts.size());
  std::vector<Rect> earlier;
  earlier.reserve(list.texts.size());
  for (std::size_t i = 0; i < list.texts.size(); ++i) {
    const TextItem& t = list.texts[i];
    const Rect r = text_rect(t);
    const bool clear_of_texts =
        std::none_of(earlier.begin(), earlier.end(), [&](const Rect& e) { return e.intersects(r); });
    earlier.push_back(r);
    if (t.color.a != 255 || !clear_of_texts) continue;
    if (std::any_of(list.images.begin(), list.images.end(), [&](const ImageItem& im) { return im.box.intersects(r); })) continue;
    // From the top: rects that touch the text without covering it must
    // have the colour of what lies under them all (a rounded corner of the
    // same colour, a bar squaring a header); the first one that covers the
    // text entirely, away from its anti-aliased corners, is the ground.
    std::optional<Color> ground = list.background;
    std::vector<Color> partial;
    for (auto it = list.rects.rbegin(); it != list.rects.rend(); ++it) {
      if (!it->rect.intersects(r)) continue;
      const Rect& q = it->rect;
      const int k = std::min(it->radius, std::min(q.w, q.h) / 2);
      const bool covered = Rect{q.x + k, q.y, q.w - 2 * k, q.h}.contains(r) || Rect{q.x, q.y + k, q.w, q.h - 2 * k}.contains(r);
      if (it->color.a != 255) {
        ground.reset();
        break;
      }
      if (covered) {
        ground = it->color;
        break;
      }
      partial.push_back(it->color);
    }
    if (ground && std::any_of(partial.begin(), partial.end(), [&](const Color& p) { return !(p == *ground); })) ground.reset();
    if (ground) ground->a = 255;
    grounds[i] = ground;
  }
  return grounds;
}

std::optional<std::vector<Rect>> background_parts(const DisplayList& list) {
  std::vector<Rect> parts{{0, 0, list.size.w, list.size.h}}, rest;
  auto subtract = [&](const Rect& c) {
    rest.clear();
    for (const Rect& p : parts) {
      if (!p.intersects(c)) {
        rest.push_back(p);
        continue;
      }
      // Above and below it as wide as p (full rows fill fastest), then beside it.
      const int top = std::max(p.y, c.y), bottom = std::min(p.bottom(), c.bottom());
      if (c.y > p.y) rest.push_back({p.x, p.y, p.w, c.y - p.y});
      if (c.bottom() < p.bottom()) rest.push_back({p.x, c.bottom(), p.w, p.bottom() - c.bottom()});
      if (c.x > p.x) rest.push_back({p.x, top, c.x - p.x, bottom - top});
      if (c.right() < p.right()) rest.push_back({c.right(), top, p.right() - c.right(), bottom - top});
    }
    parts.swap(rest);
  };
  for (const RectItem& item : list.rects) {
    const Rect& r = item.rect;
    if (item.color.a != 255 || r.empty()) continue;
    const int k = std::min(item.radius, std::min(r.w, r.h) / 2);
    if (k <= 0) {
      subtract(r);
    } else {
      subtract({r.x + k, r.y, r.w - 2 * k, r.h});
      subtract({r.x, r.y + k, r.w, r.h - 2 * k});
    }
    if (parts.size() > kMaxBackgroundParts) return std::nullopt;
  }
  return parts;
}

Few<Rect, 3> fill_spans(Rect r, std::uint8_t alpha) {
  if (r.empty()) return {};
  auto columns = [&](int x0, int x1) { return Rect{x0, r.y, x1 - x0, r.h}; };
  const int a = ceil_to(r.x, kPaintLine), b = floor_to(r.right(), kPaintLine);
  if (alpha != 255 || a >= b) return {columns(r.x, r.right())};
  Few<Rect, 3> spans;
  if (r.x < a) spans.push_back(columns(r.x, a));
  spans.push_back(columns(a, b));
  if (b < r.right()) spans.push_back(columns(b, r.right()));
  return spans;
}

RoundedParts rounded_parts(const RectItem& item) {
  RoundedParts p;
  const Rect& r = item.rect;
  if (r.empty()) return p;
  const int k = std::min(item.radius, std::min(r.w, r.h) / 2);
  if (k <= 0) {
    p.cross = {r};
    return p;
  }
  p.radius = k;
  p.cross = {{r.x, r.y + k, r.w, r.h - 2 * k}, {r.x + k, r.y, r.w - 2 * k, k}, {r.x + k, r.bottom() - k, r.w - 2 * k, k}};
  const Rect src[4] = {{0, 0, k, k}, {k, 0, k, k}, {0, k, k, k}, {k, k, k, k}};
  const Rect dst[4] = {{r.x, r.y, k, k}, {r.right() - k, r.y, k, k}, {r.x, r.bottom() - k, k, k}, {r.right() - k, r.bottom() - k, k, k}};
  std::copy(std::begin(src), std::end(src), p.corners_src);
  std::copy(std::begin(dst), std::end(dst), p.corners_dst);
  return p;
}

Few<TextCopy, 3> text_copies(const TextPixels& c, Rect line) {
  const int left = line.x + c.kept.x;  // the screen column of the first kept pixel
  auto copy = [&](int x0, int x1) {
    return TextCopy{{c.src.x + (x0 - left), c.src.y, x1 - x0, c.src.h}, {x0, line.y + c.kept.y, x1 - x0, c.src.h}};
  };
  if (!c.opaque) return {copy(line.x + c.ink.x, line.x + c.ink.right())};
  const int x0 = std::max(left, floor_to(line.x + c.ink.x, kPaintLine));
  const int x1 = std::min(left + c.kept.w, ceil_to(line.x + c.ink.right(), kPaintLine));
  const int a = ceil_to(x0, kPaintLine), b = floor_to(x1, kPaintLine);
  if (a >= b) return {copy(x0, x1)};
  Few<TextCopy, 3> copies;
  for (auto [from, to] : {std::pair{x0, a}, std::pair{a, b}, std::pair{b, x1}})
    if (from < to) copies.push_back(copy(from, to));
  return copies;
}

Rect kept_columns(Rect ink, int line_w, bool opaque) {
  Rect kept = ink;
  if (opaque) {
    kept.x = std::max(0, ink.x - kTextPad);
    kept.w = std::min(line_w, ink.right() + kTextPad) - kept.x;
  }
  return kept;
}

}  // namespace speedmeet::ui
