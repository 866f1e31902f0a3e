// Host board: every table of the round as a card coloured by its state, each
// person as glyph + colour (● at the table, ◐ at the venue, ○ not arrived),
// totals, a legend and the standby list. The grid adapts to the table count.
#include <array>
#include <cmath>

#include "ui/layout.hpp"
#include "ui/layout_kit.hpp"

namespace speedmeet::ui {
namespace {

using kiosk::Board;
using kiosk::BoardSeat;
using kiosk::BoardTable;
using kiosk::PersonState;
using kiosk::TableState;

constexpr std::string_view kFull = "\xE2\x97\x8F";   // ●
constexpr std::string_view kHalf = "\xE2\x97\x90";   // ◐
constexpr std::string_view kEmpty = "\xE2\x97\x8B";  // ○

std::string_view glyph_of(PersonState p) {
  switch (p) {
    case PersonState::checked_in: return kFull;
    case PersonState::at_venue: return kHalf;
    case PersonState::not_arrived: return kEmpty;
  }
  return kEmpty;
}

Text text_of(TableState t) {
  switch (t) {
    case TableState::complete: return Text::state_complete;
    case TableState::waiting: return Text::state_waiting;
    case TableState::empty: return Text::state_empty;
    case TableState::no_show: return Text::state_no_show;
    case TableState::idle: return Text::state_idle;
  }
  return Text::state_idle;
}

struct Grid {
  int cols = 1, rows = 1;
  int card_w = 0, card_h = 0;
};

// The column count that gives the largest cards of about 2:1.
Grid choose_grid(Rect area, int n, int gap) {
  Grid best;
  double best_score = -1;
  for (int cols = 1; cols <= std::max(1, n); ++cols) {
    const int rows = (n + cols - 1) / cols;
    const int w = (area.w - (cols - 1) * gap) / cols;
    const int h = (area.h - (rows - 1) * gap) / rows;
    if (w <= 0 || h <= 0) continue;
    const double score = std::min(w / 2.0, static_cast<double>(h));
    if (score > best_score) {
      best_score = score;
      best = {cols, rows, w, h};
    }
  }
  return best;
}

// Where things go inside a card; every card of the grid has the same size,
// so one geometry (and one text size per kind of text) serves them all.
struct CardGeometry {
  int radius = 0;
  Rect header, number, label, state;
  Rect seats[2];
  bool with_organization = false;
  // Inside a seat row:
  Rect glyph, name, organization;  // relative to the seat row's origin
};

CardGeometry card_geometry(const Canvas& c, Rect card, int number_width) {
  CardGeometry g;
  g.radius = std::max(2, std::min(card.h, card.w) / 14);
  Rect body = card;
  g.header = cut_top(body, card.h * 3 / 10);
  Rect inner = inset(g.header, std::max(3, card.w / 24), g.header.h / 8);
  g.number = cut_left(inner, std::min(inner.w / 3, number_width));
  cut_left(inner, std::max(2, card.w / 40));
  // The state word may use all of the rest; the label gets what the state
  // word leaves (see grid()).
  g.state = inset(inner, 0, inner.h / 8);
  g.label = inset(inner, 0, inner.h / 5);

  body = inset(body, std::max(3, card.w / 24), body.h / 14);
  Rect first = cut_top(body, body.h / 2);
  g.seats[0] = inset(first, 0, first.h / 16);
  g.seats[1] = inset(body, 0, body.h / 16);
  g.with_organization = g.seats[0].h >= c.u(5.5);

  Rect row{0, 0, g.seats[0].w, g.seats[0].h};
  const int glyph_h = g.with_organization ? row.h * 55 / 100 : row.h;
  g.glyph = cut_left(row, std::min(row.w / 6, glyph_h));
  g.glyph.h = glyph_h;
  cut_left(row, std::max(2, row.h / 10));
  if (g.with_organization) {
    g.name = cut_top(row, row.h * 55 / 100);
    g.organization = row;
  } else {
    g.name = row;
  }
  return g;
}

Rect at(Rect r, Rect origin) { return {r.x + origin.x, r.y + origin.y, r.w, r.h}; }

struct CardText {
  int number = 0, label = 0, state = 0, name = 0, organization = 0;  // common sizes
};

void seat_row(Canvas& c, const CardGeometry& g, Rect row, const BoardSeat& seat, const CardText& px) {
  const Theme& th = c.theme();
  c.text(at(g.glyph, row), glyph_of(seat.state),
         {FontWeight::regular, person_color(th, seat.state), Align::center, VAlign::center, 1, 0.5, "person-state"});
  c.text(at(g.name, row), seat.name, {FontWeight::bold, th.text, Align::left, VAlign::center, 1, 1, "seat-name", px.name});
  if (g.with_organization)
    c.text(at(g.organization, row), seat.organization,
           {FontWeight::regular, th.muted, Align::left, VAlign::center, 1, 1, "seat-organization", px.organization});
}

void table_card(Canvas& c, Rect card, const CardGeometry& g0, const BoardTable& t, Language lang, const CardText& px) {
  const Theme& th = c.theme();
  const Swatch& sw = table_swatch(th, t.state);
  const Rect origin{card.x, card.y, 0, 0};
  CardGeometry g = g0;
  for (Rect* r : {&g.header, &g.number, &g.label, &g.state, &g.seats[0], &g.seats[1]}) *r = at(*r, origin);
  c.fill(card, th.surface, g.radius);
  c.fill(g.header, sw.fill, g.radius);
  c.fill({g.header.x, g.header.bottom() - g.radius, g.header.w, g.radius}, sw.fill);  // square the lower corners

  c.text(g.number, std::to_string(t.table),
         {FontWeight::bold, sw.on_fill, Align::left, VAlign::center, 1, 1, "board-table-number", px.number});
  c.text(g.state, text(text_of(t.state), lang),
         {FontWeight::bold, sw.on_fill, Align::right, VAlign::center, 1, 1, "table-state", px.state});
  if (!t.label.empty() && g.label.w >= c.u(4))
    c.text(g.label, t.label, {FontWeight::regular, sw.on_fill, Align::left, VAlign::center, 1, 1, "board-table-label", px.label});
  if (t.state == TableState::idle) return;
  seat_row(c, g, g.seats[0], t.a, px);
  seat_row(c, g, g.seats[1], t.b, px);
}

void grid(Canvas& c, Rect area, const Board& b, Language lang) {
  const int gap = c.u(1.5);
  const int n = static_cast<int>(b.tables.size());
  const Grid grid = choose_grid(area, n, gap);
  const Rect card0{0, 0, grid.card_w, grid.card_h};
  // The header's number column fits the widest table number.
  const int header_h = grid.card_h * 3 / 10;
  const std::string widest = std::to_string(b.tables.back().table);
  CardGeometry g = card_geometry(c, card0, c.measure_width(widest, header_h * 3 / 4, FontWeight::bold) + 2);

  std::vector<std::string> numbers, labels, states, names, organizations;
  for (const BoardTable& t : b.tables) {
    numbers.push_back(std::to_string(t.table));
    labels.push_back(t.label);
    names.push_back(t.a.name);
    names.push_back(t.b.name);
    organizations.push_back(t.a.organization);
    organizations.push_back(t.b.organization);
  }
  for (TableState s : {TableState::complete, TableState::waiting, TableState::empty, TableState::no_show, TableState::idle})
    states.emplace_back(text(text_of(s), lang));
  // Names may be ellipsized rather than shrunk below 60 % of the row: on a
  // board, legible beats complete.
  const auto common = [&](const std::vector<std::string>& texts, Rect box, FontWeight w, double floor) {
    const TextStyle probe{w, {}, Align::left, VAlign::center, 1, floor, {}};
    return c.common_px(texts, {box.w, box.h}, probe);
  };
  CardText px;
  px.number = common(numbers, g.number, FontWeight::bold, 0.3);
  px.state = common(states, g.state, FontWeight::bold, 0.3);
  int widest_state = 0;
  for (const std::string& st : states) widest_state = std::max(widest_state, c.measure(st, px.state, FontWeight::bold));
  g.label.w = std::max(0, g.label.w - widest_state - c.u(1));
  px.label = common(labels, g.label, FontWeight::regular, 0.6);
  px.name = common(names, g.name, FontWeight::bold, 0.6);
  px.organization = common(organizations, g.organization, FontWeight::regular, 0.6);

  for (int i = 0; i < n; ++i) {
    const Rect card{area.x + (i % grid.cols) * (grid.card_w + gap), area.y + (i / grid.cols) * (grid.card_h + gap), grid.card_w,
                    grid.card_h};
    table_card(c, card, g, b.tables[static_cast<std::size_t>(i)], lang, px);
  }
}

// Five coloured chips (one per table state, they double as the table
// legend) and the venue count: one row in landscape, two of three in portrait.
void summary(Canvas& c, Rect area, const Board& b, Language lang) {
  const Theme& th = c.theme();
  const std::array<std::pair<TableState, int>, 5> counts{
      {{TableState::complete, b.complete}, {TableState::waiting, b.waiting}, {TableState::empty, b.empty},
       {TableState::no_show, b.no_show}, {TableState::idle, b.idle}}};
  const int gap = c.u(1.5);
  const int columns = c.portrait() ? 3 : 6;
  const int rows = 6 / columns;
  const int w = (area.w - (columns - 1) * gap) / columns;
  const int h = (area.h - (rows - 1) * gap) / rows;
  auto cell = [&](int i) { return Rect{area.x + (i % columns) * (w + gap), area.y + (i / columns) * (h + gap), w, h}; };

  std::vector<std::string> captions;
  for (const auto& [state, count] : counts) captions.push_back(std::string(text(text_of(state), lang)) + "  " + std::to_string(count));
  const Rect chip0 = inset(Rect{0, 0, w, h}, c.u(1), h / 6);
  TextStyle style{FontWeight::bold, {}, Align::center, VAlign::center, 1, 0.3, "total"};
  style.fixed_px = c.common_px(captions, {chip0.w, chip0.h}, style);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const Rect chip = cell(static_cast<int>(i));
    const Swatch& sw = table_swatch(th, counts[i].first);
    c.fill(chip, sw.fill, h / 4);
    style.color = sw.on_fill;
    c.text(inset(chip, c.u(1), h / 6), captions[i], style);
  }
  Rect venue = cell(5);
  venue.w = area.right() - venue.x;
  c.text(inset(venue, 0, h / 6), say(Text::board_at_venue, lang, {{"count", std::to_string(b.at_venue)}}),
         {FontWeight::bold, th.text, Align::right, VAlign::center, 1, 0.5, "at-venue"});
}

void legend(Canvas& c, Rect row, Language lang) {
  const Theme& th = c.theme();
  const std::array<std::pair<PersonState, Text>, 3> items{{{PersonState::checked_in, Text::person_checked_in},
                                                           {PersonState::at_venue, Text::person_at_venue},
                                                           {PersonState::not_arrived, Text::person_not_arrived}}};
  const int w = row.w / 4;
  c.text({row.x, row.y, w, row.h}, text(Text::board_legend, lang),
         {FontWeight::bold, th.muted, Align::left, VAlign::center, 1, 0.5, "legend"});
  for (std::size_t i = 0; i < items.size(); ++i) {
    Rect cell{row.x + static_cast<int>(i + 1) * w, row.y, w, row.h};
    c.text(cut_left(cell, row.h * 3 / 2), glyph_of(items[i].first),
           {FontWeight::regular, person_color(th, items[i].first), Align::center, VAlign::center, 1, 0.5, "legend-glyph"});
    c.text(cell, text(items[i].second, lang), {FontWeight::regular, th.text, Align::left, VAlign::center, 1, 0.5, "legend"});
  }
}

void standby_panel(Canvas& c, Rect panel, const Board& b, Language lang) {
  const Theme& th = c.theme();
  c.fill(panel, th.surface, c.u(1.5));
  Rect inner = inset(panel, c.u(2.5), c.u(2));
  Stack st(c, inner);
  st.add(text(Text::board_standby, lang), c.u(5), 2,
         {FontWeight::bold, th.muted, Align::left, VAlign::top, 2, 0.5, "standby-title"}, c.u(2));
  if (b.standby.empty()) {
    st.add(text(Text::board_standby_none, lang), c.u(5), 1, {FontWeight::regular, th.text, Align::left, VAlign::top, 1, 0.6, "standby-none"}, 0);
    return;
  }
  const int name_h = c.u(5), detail_h = c.u(4.2), gap = c.u(1.2);
  const int fits = std::max(1, st.rest().h / std::max(1, name_h + detail_h + gap));
  const bool overflow = static_cast<int>(b.standby.size()) > fits;
  const std::size_t shown = overflow ? static_cast<std::size_t>(fits - 1) : b.standby.size();
  std::vector<std::string> names, details;
  for (std::size_t i = 0; i < shown; ++i) {
    const kiosk::BoardStandby& p = b.standby[i];
    names.push_back(p.name);
    details.push_back(say(Text::table_n, lang, {{"table", std::to_string(p.table)}}) +
                      (p.organization.empty() ? "" : "  ·  " + p.organization));
  }
  TextStyle name_style{FontWeight::bold, th.text, Align::left, VAlign::top, 1, 0.6, "standby-name"};
  TextStyle detail_style{FontWeight::regular, th.muted, Align::left, VAlign::top, 1, 0.6, "standby-detail"};
  name_style.fixed_px = c.common_px(names, {inner.w, name_h}, name_style);
  detail_style.fixed_px = c.common_px(details, {inner.w, detail_h}, detail_style);
  for (std::size_t i = 0; i < shown; ++i) {
    st.add(names[i], name_h, 1, name_style, 0);
    st.add(details[i], detail_h, 1, detail_style, gap);
  }
  if (overflow)
    st.add(std::string(1, '+').append(std::to_string(b.standby.size() - shown)), c.u(5), 1,
           {FontWeight::bold, th.muted, Align::left, VAlign::top, 1, 0.6, "standby-more"}, 0);
}

}  // namespace

void layout_board(Canvas& c, const kiosk::BoardScreen& s) {
  const Theme& th = c.theme();
  const Board& b = s.board;
  const Language lang = s.language;
  std::string title = b.round > 0 ? say(Text::board_title, lang, {{"round", std::to_string(b.round)}})
                                  : std::string(text(Text::board, lang));
  std::string subtitle;
  if (b.round > 0) {
    subtitle = b.running ? say(Text::board_running, lang, {{"time", c.local_time(b.ends_at)}, {"countdown", format_countdown(b.ends_at - c.now())}})
                         : say(Text::board_upcoming, lang, {{"time", c.local_time(b.starts_at)}, {"countdown", format_countdown(b.starts_at - c.now())}});
  }
  Rect area = top_bar(c, c.screen(), c.u(12), title, subtitle);
  area = inset(area, c.u(2.5), c.u(2));

  summary(c, cut_top(area, c.portrait() ? 2 * c.u(7) + c.u(1.5) : c.u(7)), b, lang);
  cut_top(area, c.u(2));
  legend(c, cut_bottom(area, c.u(4.5)), lang);
  cut_bottom(area, c.u(1.5));
  if (b.round == 0 || b.tables.empty()) {
    c.text(centered(area, area.w, c.u(10)), text(Text::board_no_round, lang),
           {FontWeight::bold, th.muted, Align::center, VAlign::center, 1, 0.5, "board-empty"});
    return;
  }

  const int gap = c.u(3);
  const Rect standby = c.portrait() ? cut_bottom(area, area.h / 4) : cut_right(area, area.w * 22 / 100);
  if (c.portrait()) cut_bottom(area, gap);
  else cut_right(area, gap);
  standby_panel(c, standby, b, lang);
  grid(c, area, b, lang);
}

}  // namespace speedmeet::ui
