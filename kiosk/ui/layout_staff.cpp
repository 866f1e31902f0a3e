// Staff panel: the kiosk's health (sync, pending uploads, last error), its
// counters, and the three actions with the selected one unmistakable.
#include <array>

#include "ui/layout.hpp"
#include "ui/layout_kit.hpp"

namespace speedmeet::ui {
namespace {

using kiosk::StaffScreen;
using kiosk::SyncIndicator;

struct Row {
  Text label;
  std::string value;
  Color color;
};

// A titled card of label/value rows, labels taking `label_share` percent of
// the width; long values may wrap onto `value_lines` lines. Labels share one
// size, one-line values another.
void card(Canvas& c, Rect area, Text title, const std::vector<Row>& rows, Language lang, int label_share, int value_lines) {
  const Theme& th = c.theme();
  c.fill(area, th.surface, c.u(1.5));
  Rect inner = inset(area, c.u(3), c.u(2.5));
  c.text(cut_top(inner, c.u(6)), text(title, lang), {FontWeight::bold, th.muted, Align::left, VAlign::center, 1, 0.5, "card-title"});
  cut_top(inner, c.u(1));
  auto lines_of = [&](const Row& r) { return r.value.size() > 40 ? value_lines : 1; };
  int slots = 0;
  for (const Row& r : rows) slots += lines_of(r);
  const int row_h = std::min(c.u(7), inner.h / std::max(1, slots));
  const int line_box = row_h * 3 / 4;
  const int label_w = inner.w * label_share / 100;

  TextStyle label_style{FontWeight::regular, th.muted, Align::left, VAlign::center, 1, 0.5, "label"};
  TextStyle value_style{FontWeight::bold, th.text, Align::left, VAlign::top, 1, 0.5, "value"};
  std::vector<std::string> labels, values;
  for (const Row& r : rows) {
    labels.emplace_back(text(r.label, lang));
    if (lines_of(r) == 1) values.push_back(r.value);
  }
  label_style.fixed_px = c.common_px(labels, {label_w - c.u(2), line_box}, label_style);
  value_style.fixed_px = c.common_px(values, {inner.w - label_w, line_box}, value_style);
  for (const Row& r : rows) {
    const int lines = lines_of(r);
    Rect row = cut_top(inner, row_h * lines);
    const Rect label = cut_left(row, label_w);
    c.text({label.x, label.y, label.w - c.u(2), line_box}, text(r.label, lang), label_style);
    TextStyle v = value_style;
    v.color = r.color;
    v.max_lines = lines;
    if (lines > 1) v.fixed_px = 0;  // a wrapped value finds its own size
    else v.valign = VAlign::center;  // on the label's line
    c.text({row.x, row.y, row.w, line_box * lines}, r.value, v);
  }
}

std::string last_sync(const Canvas& c, const SyncIndicator& sync, Language lang) {
  if (!sync.last_success) return std::string(text(Text::never, lang));
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(c.now() - *sync.last_success).count();
  return c.local_time(*sync.last_success) + "  (" + say(Text::minutes_ago, lang, {{"minutes", std::to_string(std::max<long long>(0, minutes))}}) + ")";
}

// Side by side in landscape, stacked in portrait.
void buttons(Canvas& c, Rect row, const StaffScreen& s, Language lang) {
  const Theme& th = c.theme();
  constexpr std::array kActions{StaffScreen::Action::sync_now, StaffScreen::Action::host_board, StaffScreen::Action::exit};
  const int gap = c.u(2.5);
  const bool stacked = c.portrait();
  const int w = stacked ? row.w : (row.w - 2 * gap) / 3;
  const int h = stacked ? (row.h - 2 * gap) / 3 : row.h;
  for (std::size_t i = 0; i < kActions.size(); ++i) {
    const int k = static_cast<int>(i);
    const Rect b = stacked ? Rect{row.x, row.y + k * (h + gap), w, h} : Rect{row.x + k * (w + gap), row.y, w, h};
    const bool selected = kActions[i] == s.selected;
    const Text label = kActions[i] == StaffScreen::Action::sync_now     ? Text::action_sync_now
                       : kActions[i] == StaffScreen::Action::host_board ? Text::action_host_board
                                                                         : Text::action_exit;
    if (selected) {  // a bright ring around the filled button
      c.fill(b, th.text, c.u(2));
      c.fill(inset(b, c.u(0.6)), th.accent.fill, c.u(1.6));
    } else {
      c.fill(b, th.raised, c.u(2));
    }
    const std::string caption = selected ? "\xE2\x96\xB6 " + std::string(text(label, lang)) : std::string(text(label, lang));
    c.text(inset(b, c.u(2.5), b.h / 4), caption,
           {selected ? FontWeight::bold : FontWeight::regular, selected ? th.accent.on_fill : th.text, Align::center,
            VAlign::center, 1, 0.3, selected ? "action-selected" : "action"});
  }
}

}  // namespace

void layout_staff(Canvas& c, const StaffScreen& s) {
  const Theme& th = c.theme();
  const kiosk::ScreenContext& ctx = c.context();
  const Language lang = s.language;
  const std::string title =
      s.staff_name.empty() ? std::string(text(Text::staff_title, lang)) : std::string(text(Text::staff_title, lang)) + "\u00A0— " + s.staff_name;
  Rect area = top_bar(c, c.screen(), c.u(11), title, ctx.event_name);
  area = inset(area, c.u(4), c.u(3));

  if (s.message != kiosk::StaffMessage::none)
    c.text(cut_bottom(area, c.u(6)),
           std::string(text(s.message == kiosk::StaffMessage::sync_requested ? Text::staff_sync_requested
                                                                             : Text::staff_offline_only,
                            s.language)), {FontWeight::regular, th.text, Align::center, VAlign::center, 1, 0.5, "message"});
  cut_bottom(area, c.u(2));
  buttons(c, cut_bottom(area, c.portrait() ? 3 * c.u(13) + 2 * c.u(2.5) : c.u(13)), s, lang);
  cut_bottom(area, c.u(2.5));
  if (s.exit_armed) {
    const int lines = c.portrait() ? 2 : 1;
    const Rect banner = cut_bottom(area, lines == 2 ? c.u(17) : c.u(10));
    c.fill(banner, th.attention.fill, c.u(1.5));
    c.text(inset(banner, c.u(3), banner.h / 6), text(Text::staff_exit_confirm, lang),
           {FontWeight::bold, th.attention.on_fill, Align::center, VAlign::center, lines, 0.5, "exit-confirm"});
    cut_bottom(area, c.u(2.5));
  }

  const SyncIndicator& sync = ctx.sync;
  const bool disabled = sync.state == SyncIndicator::State::disabled;
  std::vector<Row> health{
      {Text::staff_device, ctx.device_name, th.text},
      {Text::staff_server, disabled ? std::string(text(Text::sync_disabled, lang)) : sync.server, th.text},
      {Text::staff_last_sync, last_sync(c, sync, lang),
       sync.state == SyncIndicator::State::offline ? th.person_at_venue : th.text},
      {Text::staff_pending, std::to_string(sync.pending_uploads), sync.pending_uploads > 0 ? th.person_at_venue : th.text},
      {Text::staff_last_error, sync.last_error.empty() ? std::string(text(Text::none, lang)) : sync.last_error,
       sync.last_error.empty() ? th.text : th.error_text},
  };
  std::vector<Row> counts{
      {Text::staff_entrance, std::to_string(s.entrance_checkins), th.text},
      {Text::staff_meeting, std::to_string(s.meeting_checkins), th.text},
      {Text::staff_rejected, std::to_string(s.rejected_scans), th.text},
      {Text::staff_journal, std::to_string(s.journal_rows), th.text},
  };
  const int gap = c.u(3);
  if (c.portrait()) {
    const Rect top = cut_top(area, (area.h - gap) * 55 / 100);
    cut_top(area, gap);
    card(c, top, Text::staff_sync, health, lang, 42, 3);
    card(c, area, Text::staff_counts, counts, lang, 72, 1);
  } else {
    const Rect left = cut_left(area, (area.w - gap) * 62 / 100);
    cut_left(area, gap);
    card(c, left, Text::staff_sync, health, lang, 42, 3);
    card(c, area, Text::staff_counts, counts, lang, 72, 1);
  }
}

}  // namespace speedmeet::ui
