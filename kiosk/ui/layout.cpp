#include "ui/layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/layout_kit.hpp"

namespace speedmeet::ui {

Rect cut_top(Rect& r, int h) {
  h = std::clamp(h, 0, std::max(0, r.h));
  const Rect out{r.x, r.y, r.w, h};
  r.y += h;
  r.h -= h;
  return out;
}

Rect cut_bottom(Rect& r, int h) {
  h = std::clamp(h, 0, std::max(0, r.h));
  r.h -= h;
  return {r.x, r.y + r.h, r.w, h};
}

Rect cut_left(Rect& r, int w) {
  w = std::clamp(w, 0, std::max(0, r.w));
  const Rect out{r.x, r.y, w, r.h};
  r.x += w;
  r.w -= w;
  return out;
}

Rect cut_right(Rect& r, int w) {
  w = std::clamp(w, 0, std::max(0, r.w));
  r.w -= w;
  return {r.x + r.w, r.y, w, r.h};
}

Rect inset(Rect r, int dx, int dy) {
  dx = std::min(dx, r.w / 2);
  dy = std::min(dy, r.h / 2);
  return {r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy};
}

Rect centered(Rect r, int w, int h) {
  w = std::clamp(w, 0, std::max(0, r.w));
  h = std::clamp(h, 0, std::max(0, r.h));
  return {r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h};
}

namespace {

std::optional<LocalTimeZone> zone_of(const std::string& name) {
  try {
    return LocalTimeZone(name);
  } catch (const std::exception&) {
    return std::nullopt;  // an unknown zone must not take the kiosk down: show UTC
  }
}

}  // namespace

Canvas::Canvas(Size window, const kiosk::ScreenContext& context, TextMeasurer& measurer, const Theme& theme)
    : context_(context), measurer_(measurer), theme_(theme), zone_(zone_of(context.timezone)),
      unit_(std::max(1, std::min(window.w, window.h)) / 100.0) {
  list_.size = window;
  list_.background = theme.background;
}

int Canvas::u(double n) const { return static_cast<int>(std::lround(n * unit_)); }

void Canvas::fill(Rect r, Color c, int radius) {
  if (r.empty()) return;
  list_.rects.push_back({r, c, std::clamp(radius, 0, std::min(r.w, r.h) / 2)});
}

FitRules Canvas::rules_for(Rect box, const TextStyle& style) {
  const int max_lines = std::max(1, style.max_lines);
  int natural = px_for_line_height(measurer_, style.weight, std::max(1, box.h / max_lines));
  if (style.fixed_px > 0) return {style.weight, std::min(natural, style.fixed_px), std::min(natural, style.fixed_px), max_lines};
  const int min_px = std::max(theme_.min_text_px, static_cast<int>(std::lround(natural * style.min_scale)));
  return {style.weight, natural, min_px, max_lines};
}

int Canvas::common_px(const std::vector<std::string>& texts, Size box, const TextStyle& style) {
  const FitRules rules = rules_for({0, 0, box.w, box.h}, style);
  int px = rules.max_px;
  for (const std::string& t : texts)
    if (!t.empty()) px = std::min(px, fit_text(measurer_, t, box, rules).px);
  return std::max(1, px);
}

Placed Canvas::text(Rect box, std::string_view s, const TextStyle& style) {
  Placed placed{{box.x, box.y, 0, 0}, 0, 0};
  if (box.empty() || s.empty()) return placed;
  const FittedText fitted = fit_text(measurer_, s, {box.w, box.h}, rules_for(box, style));
  if (fitted.lines.empty()) return placed;

  const int lh = fitted.line_height;
  const int block = lh * static_cast<int>(fitted.lines.size());
  int y = box.y;
  if (style.valign == VAlign::center) y += (box.h - block) / 2;
  if (style.valign == VAlign::bottom) y += box.h - block;
  int left = box.right(), right = box.x;
  for (std::size_t i = 0; i < fitted.lines.size(); ++i) {
    const int w = fitted.widths[i];
    const int x = style.align == Align::left ? box.x : style.align == Align::right ? box.right() - w : box.x + (box.w - w) / 2;
    left = std::min(left, x);
    right = std::max(right, x + w);
    TextItem item;
    item.box = {box.x, y + lh * static_cast<int>(i), box.w, lh};
    item.text = fitted.lines[i];
    item.px = fitted.px;
    item.weight = style.weight;
    item.color = style.color;
    item.align = style.align;
    item.width = w;
    item.height = fitted.heights[i];
    item.ellipsized = fitted.ellipsized;
    item.tag = std::string(style.tag);
    list_.texts.push_back(std::move(item));
  }
  placed.bounds = {left, y, right - left, block};
  placed.px = fitted.px;
  placed.lines = static_cast<int>(fitted.lines.size());
  return placed;
}

void Canvas::shift_since(const Mark& m, int dx, int dy) {
  for (std::size_t i = m.rects; i < list_.rects.size(); ++i) {
    list_.rects[i].rect.x += dx;
    list_.rects[i].rect.y += dy;
  }
  for (std::size_t i = m.images; i < list_.images.size(); ++i) {
    list_.images[i].box.x += dx;
    list_.images[i].box.y += dy;
  }
  for (std::size_t i = m.texts; i < list_.texts.size(); ++i) {
    list_.texts[i].box.x += dx;
    list_.texts[i].box.y += dy;
  }
}

Placed Stack::add(std::string_view s, int line_h, int lines, TextStyle style, int gap) {
  Rect box = area_;
  box.h = std::min(area_.h, line_h * std::max(1, lines));
  style.max_lines = lines;
  style.valign = VAlign::top;
  const Placed p = c_.text(box, s, style);
  if (p.lines > 0) cut_top(area_, p.bounds.h + gap);
  return p;
}

void Stack::rule(int t, Color color, int gap) {
  c_.fill(cut_top(area_, t), color);
  cut_top(area_, gap);
}

int Canvas::measure_width(std::string_view s, int box_height, FontWeight weight) {
  const int px = px_for_line_height(measurer_, weight, std::max(1, box_height));
  return measurer_.measure(s, px, weight).width;
}

std::string Canvas::local_time(Instant t) const {
  if (zone_) return zone_->format_hhmm(t);
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const auto hms = std::chrono::hh_mm_ss<Seconds>(t - day);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()));
  return buf;
}

Rect top_bar(Canvas& c, Rect area, int height, std::string_view title, std::string_view subtitle,
             const std::string& logo) {
  const Theme& th = c.theme();
  Rect bar = cut_top(area, height);
  c.fill(bar, th.surface);
  Rect inner = inset(bar, c.u(3), bar.h / 7);
  if (!logo.empty()) {
    c.image(cut_left(inner, inner.h * 2), logo);
    cut_left(inner, c.u(2));
  }
  const std::string clock = c.local_time(c.now());
  const int clock_h = inner.h * 4 / 5;
  const Rect clock_column = cut_right(inner, c.measure_width("00:00", clock_h, FontWeight::bold) + c.u(1));
  c.text(centered(clock_column, clock_column.w, clock_h), clock,
         {FontWeight::bold, th.text, Align::right, VAlign::center, 1, 0.1, "clock"});
  cut_right(inner, c.u(3));
  if (subtitle.empty()) {
    c.text(inset(inner, 0, inner.h / 8), title, {FontWeight::bold, th.text, Align::left, VAlign::center, 1, 0.5, "title"});
  } else {
    const Rect title_box = cut_top(inner, inner.h * 58 / 100);
    c.text(title_box, title, {FontWeight::bold, th.text, Align::left, VAlign::center, 1, 0.5, "title"});
    c.text(inner, subtitle, {FontWeight::regular, th.muted, Align::left, VAlign::center, 1, 0.5, "subtitle"});
  }
  return area;
}

std::string format_countdown(Seconds remaining) {
  const long long s = std::max<long long>(0, remaining.count());
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%02lld:%02lld", s / 60, s % 60);
  return buf;
}

std::string first_name(std::string_view full) {
  while (!full.empty() && full.front() == ' ') full.remove_prefix(1);
  return std::string(full.substr(0, std::min(full.find(' '), full.size())));
}

DisplayList layout_screen(const kiosk::Screen& screen, const kiosk::ScreenContext& context, Size window,
                          TextMeasurer& measurer, const Theme& theme) {
  Canvas canvas({std::max(1, window.w), std::max(1, window.h)}, context, measurer, theme);
  std::visit(
      [&](const auto& s) {
        using S = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<S, kiosk::IdleScreen>) layout_idle(canvas, s);
        else if constexpr (std::is_same_v<S, kiosk::ResultScreen>) layout_result(canvas, s);
        else if constexpr (std::is_same_v<S, kiosk::StaffScreen>) layout_staff(canvas, s);
        else if constexpr (std::is_same_v<S, kiosk::StaffSearchScreen>) layout_staff_search(canvas, s);
        else if constexpr (std::is_same_v<S, kiosk::BoardScreen>) layout_board(canvas, s);
        else if constexpr (std::is_same_v<S, kiosk::OutOfOrderScreen>) layout_out_of_order(canvas, s);
        else if constexpr (std::is_same_v<S, kiosk::ClockNotSetScreen>) layout_clock_not_set(canvas, s);
        else layout_setup_code(canvas, s);
      },
      screen);
  return canvas.take();
}

}  // namespace speedmeet::ui
