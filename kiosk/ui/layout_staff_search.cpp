// The staff panel's "check someone in": the search field at the top, the
// people found below it — name and organization, id, and where they stand
// (at the venue, checked in for the round at hand) — the selected one
// unmistakable, and the keys that drive it at the bottom.
#include "ui/layout.hpp"
#include "ui/layout_kit.hpp"

namespace speedmeet::ui {
namespace {

using kiosk::PersonMatch;
using kiosk::StaffSearchScreen;

constexpr std::string_view kPointer = "\xE2\x96\xB6";  // ▶

// The field: what was typed and a caret after it, or the prompt before anything is.
void search_field(Canvas& c, Rect field, const StaffSearchScreen& s) {
  const Theme& th = c.theme();
  c.fill(field, th.accent.fill, c.u(1.6));  // the ring says: typing goes here
  const Rect inside = inset(field, c.u(0.5));
  c.fill(inside, th.surface, c.u(1.2));
  const Rect box = inset(inside, c.u(2.5), inside.h / 5);
  const int caret_w = std::max(2, c.u(0.4));
  int caret_x = box.x;
  if (!s.query.empty()) {
    const Placed typed = c.text({box.x, box.y, box.w - caret_w - c.u(0.5), box.h}, s.query,
                                {FontWeight::bold, th.text, Align::left, VAlign::center, 1, 0.6, "search-query"});
    caret_x = typed.bounds.right() + c.u(0.3);
  } else {
    c.text({box.x + caret_w + c.u(1), box.y, box.w - caret_w - c.u(1), box.h}, text(Text::search_prompt, s.language),
           {FontWeight::regular, th.muted, Align::left, VAlign::center, 1, 0.4, "search-prompt"});
  }
  c.fill({caret_x, box.y, caret_w, box.h}, accent_text(th));
}

struct Columns {
  Rect pointer, who, id, status;
};

Columns columns_of(Canvas& c, Rect row) {
  Columns k;
  Rect inner = inset(row, c.u(2), row.h / 10);
  k.pointer = cut_left(inner, c.u(4));
  cut_left(inner, c.u(1));
  k.status = cut_right(inner, inner.w * 36 / 100);
  cut_right(inner, c.u(2));
  k.id = cut_right(inner, c.u(10));
  cut_right(inner, c.u(2));
  k.who = inner;
  return k;
}

std::string round_line(const PersonMatch& m, Language lang) {
  if (!m.round) return std::string(text(Text::search_no_meeting, lang));
  return say(m.present_in_round ? Text::search_in_round : Text::search_not_in_round, lang,
             {{"round", std::to_string(*m.round)}});
}

Color round_color(const Theme& th, const PersonMatch& m) {
  if (!m.round) return th.muted;
  return m.present_in_round ? th.person_checked_in : th.person_at_venue;
}

// The people found, one row each; names and organizations share one size
// across rows so that the list reads as a list. Returns where the list ends.
int match_list(Canvas& c, Rect area, const StaffSearchScreen& s) {
  const Theme& th = c.theme();
  const Language lang = s.language;
  const int gap = c.u(1.2);
  constexpr int kRows = static_cast<int>(StaffSearchScreen::kShown);
  const int row_h = std::min(c.u(13), (area.h - (kRows - 1) * gap) / kRows);
  if (row_h <= 0 || s.matches.empty()) return area.y;
  const Columns probe = columns_of(c, {area.x, area.y, area.w, row_h});
  // Names first: they are what the desk reads.
  const int name_h = probe.who.h * 55 / 100;
  const int half = probe.who.h / 2;
  TextStyle name_style{FontWeight::bold, th.text, Align::left, VAlign::center, 1, 0.5, "match-name"};
  TextStyle org_style{FontWeight::regular, th.muted, Align::left, VAlign::center, 1, 0.5, "match-organization"};
  TextStyle status_style{FontWeight::regular, th.text, Align::left, VAlign::center, 1, 0.5, "match-venue"};
  std::vector<std::string> names, orgs, statuses;
  for (const PersonMatch& m : s.matches) {
    names.push_back(m.name);
    orgs.push_back(m.organization);
    statuses.emplace_back(text(m.at_venue ? Text::person_at_venue : Text::person_not_arrived, lang));
    statuses.push_back(round_line(m, lang));
  }
  name_style.fixed_px = c.common_px(names, {probe.who.w, name_h}, name_style);
  org_style.fixed_px = c.common_px(orgs, {probe.who.w, probe.who.h - name_h}, org_style);
  status_style.fixed_px = c.common_px(statuses, {probe.status.w, half}, status_style);

  for (std::size_t i = 0; i < s.matches.size(); ++i) {
    const PersonMatch& m = s.matches[i];
    const bool selected = static_cast<int>(i) == s.selected;
    const Rect row{area.x, area.y + static_cast<int>(i) * (row_h + gap), area.w, row_h};
    if (selected) {  // an accent ring around the row, as the staff panel's buttons have
      c.fill(row, th.accent.fill, c.u(1.2));
      c.fill(inset(row, c.u(0.5)), th.raised, c.u(0.9));
    } else {
      c.fill(row, th.surface, c.u(1.2));
    }
    const Columns k = columns_of(c, row);
    if (selected)
      c.text(k.pointer, kPointer, {FontWeight::bold, accent_text(th), Align::center, VAlign::center, 1, 0.3, "match-pointer"});
    c.text({k.who.x, k.who.y, k.who.w, name_h}, m.name, name_style);
    c.text({k.who.x, k.who.y + name_h, k.who.w, k.who.h - name_h}, m.organization, org_style);
    c.text(centered(k.id, k.id.w, name_h), m.id, {FontWeight::bold, accent_text(th), Align::center, VAlign::center, 1, 0.3, "match-id"});
    TextStyle venue = status_style;
    venue.color = m.at_venue ? th.text : th.person_not_arrived;
    c.text({k.status.x, k.status.y, k.status.w, half},
           text(m.at_venue ? Text::person_at_venue : Text::person_not_arrived, lang), venue);
    TextStyle round = status_style;
    round.color = round_color(th, m);
    round.tag = "match-round";
    c.text({k.status.x, k.status.y + half, k.status.w, half}, round_line(m, lang), round);
  }
  const int rows = static_cast<int>(s.matches.size());
  return area.y + rows * row_h + (rows - 1) * gap;
}

}  // namespace

void layout_staff_search(Canvas& c, const StaffSearchScreen& s) {
  const Theme& th = c.theme();
  const Language lang = s.language;
  std::string title(text(Text::action_check_in, lang));
  if (!s.staff_name.empty()) title += "\u00A0— " + s.staff_name;
  Rect area = top_bar(c, c.screen(), c.u(11), title, c.context().event_name);
  area = inset(area, c.u(4), c.u(3));

  c.text(cut_bottom(area, c.u(5)), text(Text::search_keys, lang),
         {FontWeight::regular, th.muted, Align::center, VAlign::center, 1, 0.5, "keys"});
  cut_bottom(area, c.u(1.5));
  search_field(c, cut_top(area, c.u(12)), s);
  cut_top(area, c.u(2.5));

  const TextStyle message{FontWeight::regular, th.text, Align::left, VAlign::center, 1, 0.5, "search-message"};
  if (!s.query.empty() && s.matches.empty()) {
    c.text(cut_top(area, c.u(7)), say(Text::search_none, lang, {{"query", s.query}}), message);
    return;
  }
  TextStyle more = message;
  more.color = th.muted;
  const int more_h = c.u(4.5);
  cut_bottom(area, more_h + c.u(1));  // kept either way: the rows do not move when it comes and goes
  const int list_end = match_list(c, area, s);
  if (s.more > 0)
    c.text({area.x, list_end + c.u(1), area.w, more_h}, say(Text::search_more, lang, {{"count", std::to_string(s.more)}}), more);
}

}  // namespace speedmeet::ui
