// A kiosk with no token: "scan the setup code", said in all three languages
// (nobody has chosen one yet), and the last code's fate for whoever holds it.
#include "ui/layout.hpp"
#include "ui/layout_kit.hpp"

namespace speedmeet::ui {

void layout_setup_code(Canvas& c, const kiosk::SetupCodeScreen& s) {
  const Theme& th = c.theme();
  const std::string title = c.context().event_name.empty() ? "speedmeet" : c.context().event_name;
  Rect area = top_bar(c, c.screen(), c.u(9), title, {});
  Rect footer = inset(cut_bottom(area, c.u(16)), c.u(5), c.u(2));
  using State = kiosk::SetupCodeScreen::State;
  if (s.state == State::refused) {
    c.fill(footer, th.error.fill);
    c.text(inset(footer, c.u(3), c.u(1)), say(Text::setup_code_refused, s.language, {{"problem", s.refusal}}),
           {FontWeight::bold, th.error.on_fill, Align::left, VAlign::center, 2, 0.5, "refusal"});
  } else if (s.state == State::enrolling) {
    c.text(footer, text(Text::setup_code_enrolling, s.language),
           {FontWeight::bold, accent_text(th), Align::left, VAlign::center, 1, 0.6, "enrolling"});
  }

  const Rect panel = c.portrait() ? cut_top(area, area.h / 5) : cut_left(area, area.w / 5);
  c.fill(panel, th.accent.fill);
  const Rect icon = inset(panel, c.u(4));
  c.text(centered(icon, icon.w, std::min(icon.h, c.u(26))), "\xE2\x96\xA6",  // ▦, a grid for a QR code
         {FontWeight::bold, th.accent.on_fill, Align::center, VAlign::center, 1, 0.1, "icon"});

  Stack st(c, inset(area, c.u(5), c.u(3)));
  for (Language l : {Language::fr, Language::en, Language::de}) {
    st.add(text(Text::setup_code_title, l), c.u(10), 1, {FontWeight::bold, th.text, Align::left, VAlign::top, 1, 0.4, "setup-title"}, 0);
    st.add(text(Text::setup_code_action, l), c.u(5.5), 2,
           {FontWeight::regular, th.muted, Align::left, VAlign::top, 1, 0.4, "setup-action"}, c.u(4));
  }
  st.center_vertically();
}

}  // namespace speedmeet::ui
