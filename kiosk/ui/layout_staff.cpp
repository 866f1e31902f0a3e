// Staff panel: the kiosk's health (sync, pending uploads, last error), its
// counters, and the four actions with the selected one unmistakable.
#include <array>

#include "ui/layout.hpp"
#include "ui/layout_kit.hpp"
#include "domain/clock_offset.hpp"

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

constexpr std::array kActions{StaffScreen::Action::sync_now, StaffScreen::Action::host_board,
                              StaffScreen::Action::check_in, StaffScreen::Action::confirm_time,
                              StaffScreen::Action::exit};
constexpr int kActionCount = static_cast<int>(kActions.size());

Text label_of(StaffScreen::Action action) {
  switch (action) {
    case StaffScreen::Action::sync_now: return Text::action_sync_now;
    case StaffScreen::Action::host_board: return Text::action_host_board;
    case StaffScreen::Action::check_in: return Text::action_check_in;
    case StaffScreen::Action::confirm_time: return Text::action_confirm_time;
    case StaffScreen::Action::exit: return Text::action_exit;
  }
  return Text::action_exit;
}

std::string caption_of(StaffScreen::Action action, bool selected, Language lang) {
  const std::string label(text(label_of(action), lang));
  return selected ? "\xE2\x96\xB6 " + label : label;
}

int button_rows_height(Canvas& c, int columns) {
  const int rows = (kActionCount + columns - 1) / columns;
  return rows * c.u(13) + (rows - 1) * c.u(2.5);
}

// The actions in a grid of `columns` (row after row), the selected one
// ringed. Every caption has one size, the one at which any of them fits
// when selected: moving the selection changes nothing else.
void buttons(Canvas& c, Rect area, int columns, const StaffScreen& s, Language lang) {
  const Theme& th = c.theme();
  const int rows = (kActionCount + columns - 1) / columns;
  const int gap = c.u(2.5);
  const int w = (area.w - (columns - 1) * gap) / columns;
  const int h = (area.h - (rows - 1) * gap) / rows;
  const Rect caption_box = inset(Rect{0, 0, w, h}, c.u(2.5), h / 4);
  TextStyle plain{FontWeight::regular, th.text, Align::center, VAlign::center, 1, 0.3, "action"};
  TextStyle chosen{FontWeight::bold, th.accent.on_fill, Align::center, VAlign::center, 1, 0.3, "action-selected"};
  std::vector<std::string> plain_captions, chosen_captions;
  for (const auto action : kActions) {
    plain_captions.push_back(caption_of(action, false, lang));
    chosen_captions.push_back(caption_of(action, true, lang));
  }
  const Size box{caption_box.w, caption_box.h};
  plain.fixed_px = chosen.fixed_px = std::min(c.common_px(plain_captions, box, plain), c.common_px(chosen_captions, box, chosen));
  for (int k = 0; k < kActionCount; ++k) {
    const auto action = kActions[static_cast<std::size_t>(k)];
    const Rect b{area.x + k % columns * (w + gap), area.y + k / columns * (h + gap), w, h};
    const bool selected = action == s.selected;
    if (selected) {  // a bright ring around the filled button
      c.fill(b, th.text, c.u(2));
      c.fill(inset(b, c.u(0.6)), th.accent.fill, c.u(1.6));
    } else {
      c.fill(b, th.raised, c.u(2));
    }
    c.text(inset(b, c.u(2.5), b.h / 4), caption_of(action, selected, lang), selected ? chosen : plain);
  }
}

Text message_text(kiosk::StaffMessage message) {
  switch (message) {
    case kiosk::StaffMessage::sync_requested: return Text::staff_sync_requested;
    case kiosk::StaffMessage::time_confirmed: return Text::staff_time_confirmed;
    default: return Text::staff_offline_only;
  }
}

// The time the kiosk goes by, and why it believes it; the date too when
// nobody confirmed it (staff must see a clock that reads 1970).
std::string clock_line(const Canvas& c, const kiosk::ClockState& clock, Language lang) {
  std::string time = c.local_time(c.context().now);
  if (clock.trust == kiosk::ClockTrust::unconfirmed) {
    time = LocalTimeZone(c.context().timezone).format_iso_local(c.context().now).substr(0, 16);
    time[10] = ' ';
  }
  switch (clock.trust) {
    case kiosk::ClockTrust::synced:
      return say(Text::clock_synced, lang, {{"time", time}, {"offset", format_clock_offset(clock.offset_ms.value_or(0))}});
    case kiosk::ClockTrust::staff: return say(Text::clock_by_staff, lang, {{"time", time}, {"name", clock.confirmed_by}});
    case kiosk::ClockTrust::pinned: return say(Text::clock_pinned, lang, {{"time", time}});
    case kiosk::ClockTrust::unconfirmed: break;
  }
  return say(Text::clock_unconfirmed, lang, {{"time", time}});
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
           std::string(text(message_text(s.message), s.language)), {FontWeight::regular, th.text, Align::center, VAlign::center, 1, 0.5, "message"});
  cut_bottom(area, c.u(2));
  // Two rows of three in landscape (five in a row left French and German
  // captions small), one column in portrait.
  const int columns = c.portrait() ? 1 : 3;
  buttons(c, cut_bottom(area, button_rows_height(c, columns)), columns, s, lang);
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
      {Text::staff_clock, clock_line(c, s.clock, lang),
       s.clock.trust == kiosk::ClockTrust::unconfirmed ? th.person_at_venue : th.text},
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
