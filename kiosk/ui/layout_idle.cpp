// Idle: what is happening now (round and countdown), and one instruction —
// scan your badge — in the language of the moment, the other two below.
#include <array>

#include "ui/layout.hpp"
#include "ui/layout_kit.hpp"

namespace speedmeet::ui {
namespace {

using kiosk::SyncIndicator;

std::string phase_line(const Canvas& c, const kiosk::IdleScreen& s) {
  const Phase& p = s.phase;
  const std::string countdown = format_countdown(p.next_change - c.now());
  switch (p.kind) {
    case Phase::Kind::in_round:
      return say(Text::idle_round_ends_in, s.language,
                 {{"round", std::to_string(p.round)}, {"rounds", std::to_string(s.round_count)}, {"countdown", countdown}});
    case Phase::Kind::between_rounds:
      return say(Text::idle_break_starts_in, s.language, {{"round", std::to_string(p.round)}, {"countdown", countdown}});
    case Phase::Kind::before_event: return say(Text::idle_starts_in, s.language, {{"countdown", countdown}});
    case Phase::Kind::after_event: return say(Text::idle_over, s.language);
  }
  return {};
}

// A small QR-code pictogram: three finder squares and a few modules.
void qr_icon(Canvas& c, Rect box, Color ink, Color paper) {
  constexpr int kModules = 11;
  const int m = std::max(1, std::min(box.w, box.h) / (kModules + 2));
  const Rect card = centered(box, m * (kModules + 2), m * (kModules + 2));
  c.fill(card, paper, m);
  const int x0 = card.x + m, y0 = card.y + m;
  auto module = [&](int col, int row, int w, int h, Color color) { c.fill({x0 + col * m, y0 + row * m, w * m, h * m}, color); };
  for (auto [col, row] : std::array<std::pair<int, int>, 3>{{{0, 0}, {kModules - 4, 0}, {0, kModules - 4}}}) {
    module(col, row, 4, 4, ink);
    module(col + 1, row + 1, 2, 2, paper);
  }
  constexpr std::array<std::pair<int, int>, 16> kBits{{{5, 0}, {5, 2}, {6, 1}, {5, 5}, {6, 6}, {7, 5}, {9, 5}, {10, 6},
                                                         {8, 7}, {5, 8}, {6, 9}, {7, 10}, {9, 9}, {10, 10}, {0, 5}, {2, 6}}};
  for (auto [col, row] : kBits) module(col, row, 1, 1, ink);
}

// In the language of the moment, like the rest of the idle screen: staff
// passing by read it in theirs within one cycle; the dot is for everyone.
void sync_indicator(Canvas& c, Rect box, Language lang) {
  const Theme& th = c.theme();
  const SyncIndicator& sync = c.context().sync;
  if (sync.state == SyncIndicator::State::disabled) return;
  const bool online = sync.state == SyncIndicator::State::online;
  const std::string label = online ? say(Text::sync_online, lang)
                                   : say(Text::sync_offline, lang, {{"count", std::to_string(sync.pending_uploads)}});
  const Color color = online ? th.person_checked_in : th.person_at_venue;
  c.text(box, "\xE2\x97\x8F " + label, {FontWeight::regular, color, Align::right, VAlign::center, 1, 0.6, "sync"});
}

}  // namespace

void layout_idle(Canvas& c, const kiosk::IdleScreen& s) {
  const Theme& th = c.theme();
  const kiosk::ScreenContext& ctx = c.context();
  Rect area = c.screen();

  // Top bar: logo, event and venue, clock.
  area = top_bar(c, area, c.u(14), ctx.event_name, ctx.venue, th.logo_path);

  Rect footer = inset(cut_bottom(area, c.u(8)), c.u(3), c.u(1.5));
  sync_indicator(c, cut_right(footer, footer.w / 2), s.language);
  c.text(footer, ctx.device_name, {FontWeight::regular, th.muted, Align::left, VAlign::center, 1, 0.6, "device"});

  // The body, a centred column: phase pill, instruction, other languages, pictogram.
  Rect body = inset(area, c.u(5), c.u(2));
  // Portrait windows are narrow: the instruction may take two lines there.
  const int hero_lines = c.portrait() ? 2 : 1;
  const int pill_h = c.u(11), hero_h = c.u(19) * hero_lines, others_h = c.u(6), icon_h = c.u(18);
  const int gap = c.u(4);
  const int total = pill_h + gap + hero_h + c.u(1) + others_h + gap + icon_h;
  Rect column = centered(body, body.w, std::min(body.h, total));

  Rect pill_row = cut_top(column, pill_h);
  const std::string phase = phase_line(c, s);
  const Rect text_box = inset(pill_row, c.u(5), pill_row.h / 5);
  const int phase_w = std::min(text_box.w, c.measure_width(phase, text_box.h, FontWeight::bold));
  c.fill(centered(pill_row, phase_w + 2 * c.u(5), pill_row.h), th.raised, pill_row.h / 2);
  c.text(text_box, phase, {FontWeight::bold, accent_text(th), Align::center, VAlign::center, 1, 0.5, "phase"});
  cut_top(column, gap);

  c.text(cut_top(column, hero_h), text(Text::scan_badge, s.language),
         {FontWeight::bold, th.text, Align::center, VAlign::center, hero_lines, 0.3, "scan-badge"});
  cut_top(column, c.u(1));
  std::string others;
  for (Language l : {Language::fr, Language::en, Language::de}) {
    if (l == s.language) continue;
    if (!others.empty()) others += "   ·   ";
    others += text(Text::scan_badge, l);
  }
  c.text(cut_top(column, others_h), others, {FontWeight::regular, th.muted, Align::center, VAlign::center, 1, 0.5, "scan-badge-other"});
  cut_top(column, gap);
  qr_icon(c, cut_top(column, icon_h), th.background, th.text);
}

}  // namespace speedmeet::ui
