#pragma once
// Tools the screen layouts share: rectangle cutting, a unit that scales with
// the window, and a Canvas that records rects and fitted text into a
// DisplayList. Internal to kiosk/ui.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checkin/screens.hpp"
#include "ui/display_list.hpp"
#include "domain/local_time.hpp"
#include "ui/strings.hpp"
#include "ui/text_fit.hpp"
#include "ui/theme.hpp"

namespace speedmeet::ui {

// Cut a strip off one side of `r` (at most what r has) and return it.
Rect cut_top(Rect& r, int h);
Rect cut_bottom(Rect& r, int h);
Rect cut_left(Rect& r, int w);
Rect cut_right(Rect& r, int w);
Rect inset(Rect r, int dx, int dy);
inline Rect inset(Rect r, int d) { return inset(r, d, d); }
// A w×h rect centred in r (clamped to r).
Rect centered(Rect r, int w, int h);

enum class VAlign { top, center, bottom };

struct TextStyle {
  FontWeight weight = FontWeight::regular;
  Color color;
  Align align = Align::left;
  VAlign valign = VAlign::center;
  int max_lines = 1;
  double min_scale = 0.5;  // shrink to this fraction of the box's natural size before ellipsizing
  std::string_view tag;
  int fixed_px = 0;        // > 0: at most this size and no shrinking (ellipsize instead): see common_px
};

// What a text took: its lines' bounding box (inside the requested box).
struct Placed {
  Rect bounds;
  int px = 0;
  int lines = 0;
};

class Canvas {
 public:
  Canvas(Size window, const kiosk::ScreenContext& context, TextMeasurer& measurer, const Theme& theme);

  const Theme& theme() const { return theme_; }
  Size window() const { return list_.size; }
  Rect screen() const { return {0, 0, list_.size.w, list_.size.h}; }
  bool portrait() const { return list_.size.h > list_.size.w; }
  // n hundredths of the window's shorter side, in pixels.
  int u(double n) const;

  void background(Color c) { list_.background = c; }
  void fill(Rect r, Color c, int radius = 0);
  void image(Rect box, const std::string& path) { list_.images.push_back({box, path}); }
  // Fits `text` into `box` (see fit_text) and records one item per line.
  Placed text(Rect box, std::string_view text, const TextStyle& style);
  // The one size at which each of `texts` fits a box of `box` (the smallest
  // of their fitted sizes), so that siblings — names on a board, rows of a
  // list — look alike. Use it as TextStyle::fixed_px.
  int common_px(const std::vector<std::string>& texts, Size box, const TextStyle& style);
  // The width of `text` set at `px`.
  int measure(std::string_view text, int px, FontWeight weight) { return measurer_.measure(text, px, weight).width; }
  // The width `text` would take on one line in a box of height h (for pills, chips).
  int measure_width(std::string_view text, int box_height, FontWeight weight);

  std::string local_time(Instant t) const;  // "14:24", event time zone
  Instant now() const { return context_.now; }
  const kiosk::ScreenContext& context() const { return context_; }

  // Items recorded since a mark can be moved together (to centre a stack
  // whose height is known only once laid out).
  struct Mark {
    std::size_t rects = 0, images = 0, texts = 0;
  };
  Mark mark() const { return {list_.rects.size(), list_.images.size(), list_.texts.size()}; }
  void shift_since(const Mark& m, int dx, int dy);

  DisplayList take() { return std::move(list_); }

 private:
  FitRules rules_for(Rect box, const TextStyle& style);

  DisplayList list_;
  const kiosk::ScreenContext& context_;
  TextMeasurer& measurer_;
  const Theme& theme_;
  std::optional<LocalTimeZone> zone_;
  double unit_;
};

// The bar at the top of most screens: title (and subtitle) left, clock right.
// Returns the rest of `area`. A logo, when given, sits left of the title.
Rect top_bar(Canvas& c, Rect area, int height, std::string_view title, std::string_view subtitle,
             const std::string& logo = {});

// A column filled top-down: each text takes the height its lines need.
class Stack {
 public:
  Stack(Canvas& c, Rect area) : c_(c), area_(area), start_(c.mark()), top_(area.y) {}
  // A text block of up to `lines` lines of `line_h` each, then `gap`.
  Placed add(std::string_view text, int line_h, int lines, TextStyle style, int gap);
  void space(int h) { cut_top(area_, h); }
  // A full-width rule of thickness t, then `gap`.
  void rule(int t, Color color, int gap);
  Rect rest() const { return area_; }
  int used() const { return area_.y - top_; }
  // Centres what was added vertically in the original area.
  void center_vertically() { c_.shift_since(start_, 0, area_.h / 2); }

 private:
  Canvas& c_;
  Rect area_;
  Canvas::Mark start_;
  int top_;
};

void layout_idle(Canvas& c, const kiosk::IdleScreen& s);
void layout_result(Canvas& c, const kiosk::ResultScreen& s);
void layout_staff(Canvas& c, const kiosk::StaffScreen& s);
void layout_staff_search(Canvas& c, const kiosk::StaffSearchScreen& s);
void layout_board(Canvas& c, const kiosk::BoardScreen& s);
void layout_out_of_order(Canvas& c, const kiosk::OutOfOrderScreen& s);
void layout_setup_code(Canvas& c, const kiosk::SetupCodeScreen& s);
void layout_clock_not_set(Canvas& c, const kiosk::ClockNotSetScreen& s);

}  // namespace speedmeet::ui
