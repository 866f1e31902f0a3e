#include "agenda_sheet.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

#include "badge_render.hpp"
#include "domain/agenda.hpp"
#include "domain/local_time.hpp"
#include "pdf_document.hpp"
#include "text_layout.hpp"

namespace speedmeet::print {
namespace {

constexpr double kPageWidth = 210, kPageHeight = 297, kMargin = 18;  // mm

const AgendaLabels kEnglish{"Your meetings", "Round", "Time", "Table", "Meeting with", "No meeting (free time)",
                            "No meetings are scheduled for you yet.", "Local times",
                            "Please be at your table when each round starts and scan your badge at the kiosk."};
const AgendaLabels kFrench{"Vos rendez-vous", "Tour", "Horaire", "Table", "Rendez-vous avec",
                           "Pas de rendez-vous (temps libre)", "Aucun rendez-vous n\u2019est encore pr\u00e9vu pour vous.",
                           "Heures locales",
                           "Merci d\u2019\u00eatre \u00e0 votre table au d\u00e9but de chaque tour et de scanner votre "
                           "badge \u00e0 la borne."};
const AgendaLabels kGerman{"Ihre Termine", "Runde", "Uhrzeit", "Tisch", "Gespr\u00e4ch mit", "Kein Termin (freie Zeit)",
                           "F\u00fcr Sie sind noch keine Termine geplant.", "Ortszeit",
                           "Bitte seien Sie zu Beginn jeder Runde an Ihrem Tisch und scannen Sie Ihr Badge am Terminal."};

constexpr std::array<std::string_view, 7> kWeekdaysEn{"Sunday", "Monday", "Tuesday", "Wednesday",
                                                      "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 7> kWeekdaysFr{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
                                                      "samedi"};
constexpr std::array<std::string_view, 7> kWeekdaysDe{"Sonntag",    "Montag",  "Dienstag", "Mittwoch",
                                                      "Donnerstag", "Freitag", "Samstag"};
constexpr std::array<std::string_view, 12> kMonthsEn{"January", "February", "March",     "April",   "May",      "June",
                                                     "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kMonthsFr{"janvier", "f\u00e9vrier", "mars",      "avril",   "mai",      "juin",
                                                     "juillet", "ao\u00fbt",     "septembre", "octobre", "novembre", "d\u00e9cembre"};
constexpr std::array<std::string_view, 12> kMonthsDe{"Januar", "Februar", "M\u00e4rz",    "April",   "Mai",      "Juni",
                                                     "Juli",   "August",  "September", "Oktober", "November", "Dezember"};

void set_colour(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void fill(cairo_t* cr, const TextBox& box, Rgb c) {
  set_colour(cr, c);
  cairo_rectangle(cr, box.x, box.y, box.width, box.height);
  cairo_fill(cr);
}

// Column boxes of the meetings table, left to right: round, time, table, partner.
std::array<TextBox, 4> columns(double left, double width, double top, double height) {
  const std::array<double, 3> fixed{mm(16), mm(34), mm(40)};
  std::array<TextBox, 4> boxes{};
  double x = left;
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const double w = i < fixed.size() ? fixed[i] : left + width - x;
    boxes[i] = {x, top, w, height};
    x += w;
  }
  return boxes;
}

TextBox inset(const TextBox& b, double dx, double dy) {
  return {b.x + dx, b.y + dy, std::max(0.0, b.width - 2 * dx), std::max(0.0, b.height - 2 * dy)};
}

// Two stacked texts in a cell: a bold first line and a smaller second one.
void draw_two_lines(cairo_t* cr, const TextBox& cell, std::string_view first, std::string_view second, double size) {
  const TextStyle first_style{.bold = true, .max_size = size, .min_size = 6, .max_lines = 2, .line_height = 1.1};
  const TextStyle second_style{.bold = false, .max_size = size * 0.85, .min_size = 5.5, .max_lines = 2,
                               .line_height = 1.1};
  set_colour(cr, {0.05, 0.05, 0.05});
  const TextLayout top = draw_fitted_text(cr, first, first_style, {cell.x, cell.y, cell.width, cell.height * 0.55});
  if (second.empty()) return;
  const double y = cell.y + top.height + size * 0.15;
  set_colour(cr, {0.3, 0.3, 0.3});
  draw_fitted_text(cr, second, second_style, {cell.x, y, cell.width, std::max(0.0, cell.y + cell.height - y)});
}

class AgendaPainter {
 public:
  AgendaPainter(PdfDocument& pdf, const Event& event) : pdf_(pdf), event_(event), zone_(event.timezone) {}

  void paint(const AgendaPage& page) {
    cairo_t* cr = pdf_.cr();
    const double left = mm(kMargin), width = pdf_.width() - 2 * mm(kMargin);
    const AgendaLabels& words = agenda_labels(page.language);
    const double below_band = header(cr, page, left, width);

    set_colour(cr, {0.05, 0.05, 0.05});
    const TextLayout name = draw_fitted_text(cr, page.name, {.bold = true, .max_size = 26, .min_size = 12, .max_lines = 2},
                                             {left, below_band + mm(8), width, mm(22)});
    set_colour(cr, {0.3, 0.3, 0.3});
    const TextLayout org =
        draw_fitted_text(cr, page.organization, {.bold = false, .max_size = 14, .min_size = 8, .max_lines = 2},
                         {left, below_band + mm(8) + name.height + mm(2), width, mm(12)});
    double y = below_band + mm(8) + name.height + mm(2) + org.height + mm(9);

    set_colour(cr, role_colour(page.role));
    draw_fitted_text(cr, words.title, {.bold = true, .max_size = 15, .min_size = 10}, {left, y, width * 0.6, mm(8)});
    set_colour(cr, {0.4, 0.4, 0.4});
    const std::string zone_note = std::string(words.local_times) + " (" + event_.timezone + ")";
    draw_fitted_text(cr, zone_note, {.max_size = 9, .min_size = 6, .align = Align::right},
                     {left + width * 0.6, y + mm(1.5), width * 0.4, mm(6)});
    y += mm(10);

    const double footer_top = pdf_.height() - mm(kMargin) - mm(10);
    if (page.meeting_count() == 0) {
      set_colour(cr, {0.2, 0.2, 0.2});
      draw_fitted_text(cr, words.nothing_scheduled, {.max_size = 12, .min_size = 8, .max_lines = 2},
                       {left, y, width, mm(12)});
      y += mm(14);
    }
    table(cr, page, words, left, width, y, footer_top - mm(4));

    set_colour(cr, {0.4, 0.4, 0.4});
    draw_fitted_text(cr, words.footer, {.max_size = 9, .min_size = 6, .max_lines = 2}, {left, footer_top, width, mm(10)});
  }

 private:
  // Band in the role's colour with the event name, venue and date; returns its bottom.
  double header(cairo_t* cr, const AgendaPage& page, double left, double width) {
    const double band = mm(26);
    fill(cr, {0, 0, pdf_.width(), band}, role_colour(page.role));
    set_colour(cr, {1, 1, 1});
    draw_fitted_text(cr, event_.name, {.bold = true, .max_size = 20, .min_size = 10}, {left, mm(6), width, mm(9)});
    std::string sub = event_.venue;
    if (!event_.rounds.empty()) {
      const auto day = std::chrono::floor<std::chrono::days>(zone_.to_local(event_.rounds.front().starts_at));
      sub = format_long_date(day, page.language) + (sub.empty() ? "" : " \u00b7 " + sub);
    }
    draw_fitted_text(cr, sub, {.max_size = 11, .min_size = 7}, {left, mm(16.5), width, mm(6)});
    return band;
  }

  void table(cairo_t* cr, const AgendaPage& page, const AgendaLabels& words, double left, double width, double top,
             double bottom) {
    const double header_height = mm(8);
    const auto head = columns(left, width, top, header_height);
    fill(cr, {left, top, width, header_height}, {0.88, 0.88, 0.88});
    const std::array<std::string_view, 4> titles{words.round, words.time, words.table, words.partner};
    set_colour(cr, {0.1, 0.1, 0.1});
    for (std::size_t i = 0; i < head.size(); ++i)
      draw_fitted_text(cr, titles[i], {.bold = true, .max_size = 10, .min_size = 6}, inset(head[i], mm(2), mm(2)));

    if (page.lines.empty()) return;
    const double available = std::max(0.0, bottom - top - header_height);
    const double row_height = std::min(mm(20), available / static_cast<double>(page.lines.size()));
    const double text_size = std::clamp(row_height * 0.32, 6.0, 13.0);
    double y = top + header_height;
    for (std::size_t i = 0; i < page.lines.size(); ++i, y += row_height) {
      const AgendaLine& line = page.lines[i];
      if (i % 2 == 1) fill(cr, {left, y, width, row_height}, {0.96, 0.96, 0.96});
      const auto cells = columns(left, width, y, row_height);
      const double pad = std::min(mm(2), row_height * 0.12);
      set_colour(cr, {0.1, 0.1, 0.1});
      draw_fitted_text(cr, std::to_string(line.round), {.bold = true, .max_size = text_size, .min_size = 5},
                       inset(cells[0], mm(2), pad));
      const std::string time = zone_.format_hhmm(line.starts_at) + " \u2013 " + zone_.format_hhmm(line.ends_at);
      draw_fitted_text(cr, time, {.max_size = text_size, .min_size = 5}, inset(cells[1], mm(2), pad));
      if (!line.table) {
        set_colour(cr, {0.5, 0.5, 0.5});
        draw_fitted_text(cr, words.no_meeting, {.max_size = text_size * 0.9, .min_size = 5, .max_lines = 2},
                         inset(cells[3], mm(2), pad));
        continue;
      }
      draw_two_lines(cr, inset(cells[2], mm(2), pad), std::string(words.table) + " " + std::to_string(*line.table),
                     line.table_label, text_size);
      draw_two_lines(cr, inset(cells[3], mm(2), pad), line.partner_name, line.partner_organization, text_size);
    }
    cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, left, top, width, y - top);
    cairo_stroke(cr);
  }

  PdfDocument& pdf_;
  const Event& event_;
  LocalTimeZone zone_;
};

}  // namespace

int AgendaPage::meeting_count() const {
  return static_cast<int>(std::count_if(lines.begin(), lines.end(), [](const AgendaLine& l) { return l.table.has_value(); }));
}

const AgendaLabels& agenda_labels(Language language) {
  switch (language) {
    case Language::fr: return kFrench;
    case Language::de: return kGerman;
    case Language::en: return kEnglish;
  }
  return kEnglish;
}

std::string format_long_date(std::chrono::local_days day, Language language) {
  const std::chrono::year_month_day ymd{day};
  const auto weekday = std::chrono::weekday{day}.c_encoding();
  const auto month = static_cast<unsigned>(ymd.month()) - 1;
  const std::string d = std::to_string(static_cast<unsigned>(ymd.day()));
  const std::string y = std::to_string(static_cast<int>(ymd.year()));
  switch (language) {
    case Language::fr: return std::string(kWeekdaysFr[weekday]) + " " + d + " " + std::string(kMonthsFr[month]) + " " + y;
    case Language::de:
      return std::string(kWeekdaysDe[weekday]) + ", " + d + ". " + std::string(kMonthsDe[month]) + " " + y;
    case Language::en: break;
  }
  return std::string(kWeekdaysEn[weekday]) + " " + d + " " + std::string(kMonthsEn[month]) + " " + y;
}

std::vector<AgendaPage> build_agenda_pages(const Event& event, const std::vector<store::ParticipantRecord>& records,
                                           const std::vector<Meeting>& meetings) {
  std::map<std::string, const Participant*> by_id;
  for (const auto& r : records) by_id[r.participant.id] = &r.participant;
  std::map<int, std::string> table_labels;
  for (const Table& t : event.tables) table_labels[t.number] = t.label;
  const Agenda agenda(event.rounds, meetings);

  std::vector<AgendaPage> pages;
  for (const auto& r : records) {
    const Participant& p = r.participant;
    if (p.role == Role::staff) continue;
    AgendaPage page{p.id, p.name, p.organization, p.role, p.language, {}};
    std::map<int, const Meeting*> by_round;
    const auto mine = agenda.meetings_of(p.id);
    for (const Meeting& m : mine) by_round[m.round] = &m;
    for (const Round& round : event.rounds) {
      AgendaLine line{round.number, round.starts_at, round.ends_at, std::nullopt, "", "", ""};
      if (const auto it = by_round.find(round.number); it != by_round.end()) {
        const Meeting& m = *it->second;
        line.table = m.table;
        line.table_label = table_labels[m.table];
        const std::string& partner = m.partner_of(p.id);
        const auto found = by_id.find(partner);
        line.partner_name = found != by_id.end() ? found->second->name : partner;
        line.partner_organization = found != by_id.end() ? found->second->organization : "";
      }
      page.lines.push_back(std::move(line));
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

int write_agendas(const std::string& path, const Event& event, const std::vector<AgendaPage>& pages) {
  if (pages.empty()) throw std::invalid_argument("no agendas to print");
  PdfDocument pdf(path, mm(kPageWidth), mm(kPageHeight));
  AgendaPainter painter(pdf, event);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) pdf.next_page();
    painter.paint(pages[i]);
  }
  pdf.finish();
  return pdf.pages();
}

}  // namespace speedmeet::print
