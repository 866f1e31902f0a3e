// Out of order: nobody may think they were checked in. Said in all three
// languages, big; the cause in small print for staff.
#include "ui/layout.hpp"
#include "ui/layout_kit.hpp"

namespace speedmeet::ui {

void layout_out_of_order(Canvas& c, const kiosk::OutOfOrderScreen& s) {
  const Theme& th = c.theme();
  Rect area = top_bar(c, c.screen(), c.u(9), c.context().event_name, {});
  Rect footer = inset(cut_bottom(area, c.u(9)), c.u(4), c.u(2));
  // The staff line is in the kiosk's language (kiosk.toml): the screen
  // belongs to nobody. The problem itself is the system's own sentence.
  c.text(footer, say(Text::out_of_order_staff, s.language, {{"problem", s.problem}}),
         {FontWeight::regular, th.muted, Align::left, VAlign::center, 1, 0.6, "problem"});
  // A self-check's code and the kiosk's name, big enough to read out on
  // the phone to whoever fixes it.
  if (!s.code.empty())
    c.text(inset(cut_bottom(area, c.u(10)), c.u(4), c.u(1)),
           say(Text::out_of_order_code, s.language, {{"device", c.context().device_name}, {"code", s.code}}),
           {FontWeight::bold, th.text, Align::left, VAlign::center, 1, 0.6, "code"});

  const Rect panel = c.portrait() ? cut_top(area, area.h / 4) : cut_left(area, area.w / 4);
  c.fill(panel, th.error.fill);
  const Rect icon = inset(panel, c.u(4));
  c.text(centered(icon, icon.w, std::min(icon.h, c.u(30))), "\xE2\x9A\xA0",  // ⚠
         {FontWeight::bold, th.error.on_fill, Align::center, VAlign::center, 1, 0.1, "icon"});

  Stack st(c, inset(area, c.u(5), c.u(3)));
  for (Language l : {Language::fr, Language::en, Language::de}) {
    st.add(text(Text::out_of_order, l), c.u(11), 1, {FontWeight::bold, th.text, Align::left, VAlign::top, 1, 0.4, "out-of-order"}, 0);
    st.add(text(Text::out_of_order_action, l), c.u(6.5), 1,
           {FontWeight::regular, th.muted, Align::left, VAlign::top, 1, 0.4, "out-of-order-action"}, c.u(4));
  }
  st.center_vertically();
}

// Clock not set: the same shape as out of order (nobody may think they were
// checked in), with the time the clock reads for staff.
void layout_clock_not_set(Canvas& c, const kiosk::ClockNotSetScreen& s) {
  const Theme& th = c.theme();
  Rect area = top_bar(c, c.screen(), c.u(9), c.context().event_name, {});
  Rect footer = inset(cut_bottom(area, c.u(12)), c.u(4), c.u(2));
  std::string reads = LocalTimeZone(c.context().timezone).format_iso_local(c.context().now);
  reads[10] = ' ';
  c.text(footer, say(Text::clock_not_set_staff, s.language, {{"time", reads.substr(0, 16)}}),
         {FontWeight::regular, th.muted, Align::left, VAlign::center, 2, 0.6, "clock-staff"});

  const Rect panel = c.portrait() ? cut_top(area, area.h / 4) : cut_left(area, area.w / 4);
  c.fill(panel, th.attention.fill);
  const Rect icon = inset(panel, c.u(4));
  c.text(centered(icon, icon.w, std::min(icon.h, c.u(30))), "\xE2\x97\xB7",  // ◷ (a clock face the fonts have)
         {FontWeight::bold, th.attention.on_fill, Align::center, VAlign::center, 1, 0.1, "icon"});

  Stack st(c, inset(area, c.u(5), c.u(3)));
  for (Language l : {Language::fr, Language::en, Language::de}) {
    st.add(text(Text::clock_not_set, l), c.u(11), 1, {FontWeight::bold, th.text, Align::left, VAlign::top, 1, 0.4, "clock-not-set"}, 0);
    st.add(text(Text::clock_not_set_action, l), c.u(6.5), 1,
           {FontWeight::regular, th.muted, Align::left, VAlign::top, 1, 0.4, "clock-not-set-action"}, c.u(4));
  }
  st.center_vertically();
}

}  // namespace speedmeet::ui
