// Result: after a scan. The table number dominates (it is what people walk
// to), in the outcome's tone colour; the words say who, with whom, when and
// what next. A refused badge says why and what to do; a check-in made by
// hand on the staff panel, by whom.
#include "ui/layout.hpp"
#include "ui/layout_kit.hpp"

namespace speedmeet::ui {
namespace {

using kiosk::Decision;
using kiosk::MeetingView;
using kiosk::Outcome;
using kiosk::Reason;

constexpr std::string_view kCheck = "\xE2\x9C\x94";   // ✔ heavy check mark
constexpr std::string_view kCross = "\xE2\x9C\x96";   // ✖ heavy multiplication x
constexpr std::string_view kGear = "\xE2\x9A\x99";    // ⚙
constexpr std::string_view kAgain = "\xE2\x86\xBB";   // ↻

bool shows_table(const Decision& d) {
  return d.meeting && (d.outcome == Outcome::welcome || d.outcome == Outcome::next || d.outcome == Outcome::late);
}

void table_panel(Canvas& c, Rect panel, const MeetingView& m, const Swatch& tone, Language lang) {
  Rect inner = inset(panel, c.u(4), c.u(4));
  c.text(cut_top(inner, c.u(10)), text(Text::table, lang),
         {FontWeight::bold, tone.on_fill, Align::center, VAlign::center, 1, 0.5, "table-word"});
  if (!m.table_label.empty())
    c.text(cut_bottom(inner, c.u(7)), m.table_label,
           {FontWeight::regular, tone.on_fill, Align::center, VAlign::center, 1, 0.5, "table-label"});
  // Numbers shrink as far as needed rather than being ellipsized.
  c.text(inner, std::to_string(m.table), {FontWeight::bold, tone.on_fill, Align::center, VAlign::center, 1, 0.1, "table-number"});
}

void icon_panel(Canvas& c, Rect panel, std::string_view glyph, const Swatch& tone) {
  const Rect inner = inset(panel, c.u(4), c.u(4));
  const int side = std::min(inner.h, c.u(48));
  c.text(centered(inner, inner.w, side), glyph, {FontWeight::bold, tone.on_fill, Align::center, VAlign::center, 1, 0.1, "icon"});
}

std::string_view icon_of(const Decision& d) {
  switch (d.outcome) {
    case Outcome::rejected: return kCross;
    case Outcome::staff: return kGear;
    case Outcome::ignored: return kAgain;
    default: return kCheck;
  }
}

std::pair<Text, Text> rejection_texts(Reason reason) {
  switch (reason) {
    case Reason::unreadable: return {Text::rejected_unreadable_title, Text::rejected_unreadable};
    case Reason::other_event: return {Text::rejected_other_event_title, Text::rejected_other_event};
    case Reason::revoked: return {Text::rejected_revoked_title, Text::rejected_revoked};
    case Reason::unknown: return {Text::rejected_unknown_title, Text::rejected_unknown};
    case Reason::malformed:
    case Reason::bad_signature:
    case Reason::none: break;
  }
  return {Text::rejected_invalid_title, Text::rejected_invalid};
}

std::string when_line(const Canvas& c, const MeetingView& m, Language lang) {
  const std::string start = c.local_time(m.starts_at);
  if (c.now() < m.starts_at)
    return say(Text::starts_at_in, lang, {{"time", start}, {"countdown", format_countdown(m.starts_at - c.now())}});
  return say(Text::running_since, lang, {{"time", start}, {"countdown", format_countdown(m.ends_at - c.now())}});
}

std::string following_line(const Canvas& c, const MeetingView& m, Language lang) {
  std::string line = c.local_time(m.starts_at) + "  ·  " + say(Text::table_n, lang, {{"table", std::to_string(m.table)}}) +
                     "  ·  " + m.partner_name;
  if (!m.partner_organization.empty()) line += " (" + m.partner_organization + ")";
  return line;
}

// Who, with whom, when, and the next two meetings.
void meeting_details(Canvas& c, Stack& st, const Decision& d, Language lang) {
  const Theme& th = c.theme();
  const MeetingView& m = *d.meeting;
  // A re-match replaces the partner on the attendee's printed agenda: say so
  // in amber where "with" usually stands, so nobody goes looking for the old one.
  if (m.rematch)
    st.add(text(Text::new_partner, lang), c.u(5), 1,
           {FontWeight::bold, th.person_at_venue, Align::left, VAlign::top, 1, 0.6, "new-partner"}, c.u(0.3));
  else
    st.add(text(Text::with, lang), c.u(5), 1, {FontWeight::regular, th.muted, Align::left, VAlign::top, 1, 0.6, "with"}, 0);
  st.add(m.partner_name, c.u(9), 2, {FontWeight::bold, th.text, Align::left, VAlign::top, 2, 0.5, "partner-name"}, c.u(0.5));
  st.add(m.partner_organization, c.u(6), 2, {FontWeight::regular, th.text, Align::left, VAlign::top, 2, 0.55, "partner-organization"},
         c.u(0.5));
  st.space(c.u(2.5));
  st.add(when_line(c, m, lang), c.u(7.5), 1, {FontWeight::bold, accent_text(th), Align::left, VAlign::top, 1, 0.5, "when"}, c.u(3));
  if (d.following.empty()) return;
  st.rule(std::max(2, c.u(0.3)), th.raised, c.u(2));
  st.add(text(Text::then, lang), c.u(4.5), 1, {FontWeight::bold, th.muted, Align::left, VAlign::top, 1, 0.6, "then"}, c.u(0.8));
  std::vector<std::string> rows;
  for (const MeetingView& f : d.following) rows.push_back(following_line(c, f, lang));
  TextStyle row_style{FontWeight::regular, th.text, Align::left, VAlign::top, 1, 0.8, "following"};
  row_style.fixed_px = c.common_px(rows, {st.rest().w, c.u(5)}, row_style);
  for (const std::string& row : rows) st.add(row, c.u(5), 1, row_style, c.u(0.8));
}

void result_details(Canvas& c, Rect area, const Decision& d, Language lang) {
  const Theme& th = c.theme();
  const Color attention_text = th.person_at_venue;  // amber that reads on the dark background
  Stack st(c, area);
  const TextStyle name_style{FontWeight::regular, th.muted, Align::left, VAlign::top, 1, 0.5, "participant-name"};
  const TextStyle headline{FontWeight::bold, th.text, Align::left, VAlign::top, 2, 0.45, "headline"};
  if (d.participant) st.add(d.participant->name, c.u(6), 1, name_style, c.u(1));
  const std::string first = d.participant ? first_name(d.participant->name) : std::string{};

  switch (d.outcome) {
    case Outcome::welcome:
    case Outcome::next:
    case Outcome::late: {
      if (!d.meeting) {  // checked in, but nothing (left) to attend
        st.add(say(Text::welcome, lang, {{"name", first}}), c.u(10), 2, headline, c.u(2));
        st.add(text(Text::done, lang), c.u(7), 2, {FontWeight::regular, th.text, Align::left, VAlign::top, 2, 0.5, "message"}, 0);
        break;
      }
      const std::string table = std::to_string(d.meeting->table);
      const std::string waiting =
          say(Text::partner_waiting, lang, {{"name", first_name(d.meeting->partner_name)}, {"table", table}});
      if (d.outcome == Outcome::late) {
        TextStyle late = headline;
        late.color = attention_text;
        st.add(say(Text::late, lang, {{"table", table}}), c.u(9), 2, late, c.u(2));
      } else if (d.outcome == Outcome::welcome) {
        st.add(say(Text::welcome, lang, {{"name", first}}), c.u(10), 2, headline, c.u(1));
        const bool w = d.partner_waiting;
        st.add(w ? waiting : std::string(text(Text::your_next_meeting, lang)), c.u(6.5), 1,
               {FontWeight::bold, w ? th.person_checked_in : th.muted, Align::left, VAlign::top, 1, 0.5, "caption"}, c.u(2));
      } else if (d.partner_waiting) {
        TextStyle ok = headline;
        ok.color = th.person_checked_in;
        st.add(waiting, c.u(9), 2, ok, c.u(2));
      } else if (d.already_checked_in) {
        st.add(say(Text::already_checked_in, lang, {{"table", table}}), c.u(9), 2, headline, c.u(2));
      } else {
        st.add(text(Text::your_next_meeting, lang), c.u(9), 2, headline, c.u(2));
      }
      meeting_details(c, st, d, lang);
      break;
    }
    case Outcome::done:
      st.add(text(Text::done, lang), c.u(10), 3, headline, 0);
      break;
    case Outcome::no_meetings: {
      // Nothing to attend at all: the desk can place them (re-match, walk-in).
      TextStyle t = headline;
      t.color = attention_text;
      st.add(text(Text::no_meetings_title, lang), c.u(11), 2, t, c.u(3));
      st.add(text(Text::no_meetings, lang), c.u(8), 3, {FontWeight::regular, th.text, Align::left, VAlign::top, 3, 0.45, "action"}, 0);
      break;
    }
    case Outcome::rejected: {
      const auto [title, action] = rejection_texts(d.reason);
      TextStyle t = headline;
      t.color = th.error_text;
      st.add(text(title, lang), c.u(11), 2, t, c.u(3));
      st.add(text(action, lang), c.u(8), 4, {FontWeight::regular, th.text, Align::left, VAlign::top, 4, 0.45, "action"}, 0);
      break;
    }
    case Outcome::staff:
      st.add(text(Text::staff_opening, lang), c.u(11), 2, headline, 0);
      break;
    case Outcome::ignored:
      st.add(text(Text::ignored, lang), c.u(11), 2, headline, 0);
      break;
  }
  st.center_vertically();
}

}  // namespace

void layout_result(Canvas& c, const kiosk::ResultScreen& s) {
  const Theme& th = c.theme();
  const Decision& d = s.decision;
  const Swatch& tone = tone_swatch(th, kiosk::tone_of(d.outcome));
  // A check-in made by hand says by whom, under the event's name: staff and
  // the attendee both see that no badge was scanned, and the result below
  // is laid out exactly as a scan's.
  const std::string by =
      s.checked_in_by.empty() ? std::string{} : say(Text::manual_checkin, s.language, {{"name", s.checked_in_by}});
  Rect area = top_bar(c, c.screen(), c.u(9), c.context().event_name, by);

  const Rect panel = c.portrait() ? cut_top(area, area.h * 2 / 5) : cut_left(area, area.w * 9 / 25);
  c.fill(panel, tone.fill);
  if (shows_table(d)) table_panel(c, panel, *d.meeting, tone, s.language);
  else icon_panel(c, panel, icon_of(d), tone);

  result_details(c, inset(area, c.u(5), c.u(4)), d, s.language);
}

}  // namespace speedmeet::ui
