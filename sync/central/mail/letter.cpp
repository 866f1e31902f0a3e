#include "letter.hpp"

#include <cstdio>
#include <string_view>

#include "domain/local_time.hpp"
#include "mime.hpp"
#include "print/badge_render.hpp"

namespace speedmeet::mail {
namespace {

// {event} stands for the event's name.
struct Words {
  std::string_view subject, staff_subject, greeting, intro, staff_intro, qr_alt, how_to, closing;
};

const Words kEnglish{
    "Your badge and meetings \u2013 {event}",
    "Your staff badge \u2013 {event}",
    "Hello",
    "here is your badge for {event}.",
    "here is your staff badge for {event}. On a kiosk it opens the staff panel: keep it to yourself.",
    "QR code of your badge",
    "Show this code at the entrance kiosk, on your phone or printed. Your badge is also attached as a PDF "
    "(A6) if you prefer to print it.",
    "See you there!"};
const Words kFrench{
    "Votre badge et vos rendez-vous \u2013 {event}",
    "Votre badge \u00e9quipe \u2013 {event}",
    "Bonjour",
    "voici votre badge pour {event}.",
    "voici votre badge \u00e9quipe pour {event}. Sur une borne, il ouvre le panneau \u00e9quipe\u00a0: gardez-le "
    "pour vous.",
    "Code QR de votre badge",
    "Pr\u00e9sentez ce code \u00e0 la borne d\u2019accueil, sur votre t\u00e9l\u00e9phone ou imprim\u00e9. Votre "
    "badge est aussi joint en PDF (A6) si vous pr\u00e9f\u00e9rez l\u2019imprimer.",
    "\u00c0 bient\u00f4t\u00a0!"};
const Words kGerman{
    "Ihr Badge und Ihre Termine \u2013 {event}",
    "Ihr Team-Badge \u2013 {event}",
    "Guten Tag",
    "hier ist Ihr Badge f\u00fcr {event}.",
    "hier ist Ihr Team-Badge f\u00fcr {event}. Am Terminal \u00f6ffnet es das Team-Men\u00fc: Geben Sie es nicht "
    "weiter.",
    "QR-Code Ihres Badges",
    "Zeigen Sie diesen Code am Eingangsterminal vor, auf dem Telefon oder ausgedruckt. Ihr Badge liegt auch als "
    "PDF (A6) bei, falls Sie es drucken m\u00f6chten.",
    "Bis bald!"};

const Words& words_for(Language language) {
  switch (language) {
    case Language::fr: return kFrench;
    case Language::de: return kGerman;
    case Language::en: break;
  }
  return kEnglish;
}

std::string with_event(std::string_view pattern, const std::string& event_name) {
  std::string out(pattern);
  const std::string_view mark = "{event}";
  if (const auto at = out.find(mark); at != std::string::npos) out.replace(at, mark.size(), event_name);
  return out;
}

std::string hex_colour(print::Rgb c) {
  const auto byte = [](double v) { return static_cast<unsigned>(v * 255.0 + 0.5) & 0xFFu; };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
  return buf;
}

// "Friday 27 November 2026 · Abbaye de Neumünster", as the printed agenda's header.
std::string date_and_venue(const Event& event, Language language) {
  std::string line = event.venue;
  if (!event.rounds.empty()) {
    const LocalTimeZone zone(event.timezone);
    const auto day = std::chrono::floor<std::chrono::days>(zone.to_local(event.rounds.front().starts_at));
    line = print::format_long_date(day, language) + (line.empty() ? "" : " \u00b7 " + line);
  }
  return line;
}

struct Row {
  std::string round, time, table, table_label, partner, partner_organization;
  bool free = false;
};

std::vector<Row> agenda_rows(const Event& event, const print::AgendaPage& page) {
  const LocalTimeZone zone(event.timezone);
  std::vector<Row> rows;
  for (const auto& line : page.lines) {
    Row row{std::to_string(line.round), zone.format_hhmm(line.starts_at) + " \u2013 " + zone.format_hhmm(line.ends_at),
            "", "", "", "", !line.table.has_value()};
    if (line.table) {
      row.table = std::string(print::agenda_labels(page.language).table) + " " + std::to_string(*line.table);
      row.table_label = clean_text(line.table_label);
      row.partner = clean_text(line.partner_name);
      row.partner_organization = clean_text(line.partner_organization);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string text_body(const LetterInput& in, const Words& words, const std::string& name) {
  const Event& event = *in.event;
  const Language language = in.participant->language;
  std::string t = std::string(words.greeting) + " " + name + ",\n\n";
  t += with_event(in.agenda ? words.intro : words.staff_intro, clean_text(event.name)) + "\n";
  t += clean_text(date_and_venue(event, language)) + "\n\n";
  t += std::string(words.how_to) + "\n";
  if (in.agenda) {
    const auto& labels = print::agenda_labels(language);
    t += "\n" + std::string(labels.title) + " (" + std::string(labels.local_times) + ", " + event.timezone + ")\n\n";
    if (in.agenda->meeting_count() == 0) t += std::string(labels.nothing_scheduled) + "\n\n";
    for (const Row& row : agenda_rows(event, *in.agenda)) {
      t += std::string(labels.round) + " " + row.round + "  " + row.time + "  ";
      if (row.free) {
        t += std::string(labels.no_meeting) + "\n";
        continue;
      }
      t += row.table + (row.table_label.empty() ? "" : " (" + row.table_label + ")") + "\n";
      t += "    " + row.partner + (row.partner_organization.empty() ? "" : ", " + row.partner_organization) + "\n";
    }
    t += "\n" + std::string(labels.footer) + "\n";
  }
  t += "\n" + std::string(words.closing) + "\n";
  return t;
}

std::string html_agenda(const LetterInput& in, const std::string& colour) {
  const auto& labels = print::agenda_labels(in.participant->language);
  const auto e = [](std::string_view s) { return html_escape(s); };
  std::string h = "<h2 style=\"font-size:18px;margin:24px 0 4px;color:" + colour + "\">" + e(labels.title) + "</h2>\n";
  h += "<p style=\"font-size:12px;color:#666666;margin:0 0 8px\">" + e(labels.local_times) + " (" + e(in.event->timezone) +
       ")</p>\n";
  if (in.agenda->meeting_count() == 0) h += "<p>" + e(labels.nothing_scheduled) + "</p>\n";
  h += "<table role=\"presentation\" cellpadding=\"6\" cellspacing=\"0\" "
       "style=\"width:100%;border-collapse:collapse;font-size:14px;border:1px solid #bfbfbf\">\n";
  h += "<tr style=\"background:#e0e0e0;text-align:left\"><th>" + e(labels.round) + "</th><th>" + e(labels.time) +
       "</th><th>" + e(labels.table) + "</th><th>" + e(labels.partner) + "</th></tr>\n";
  bool shaded = false;
  for (const Row& row : agenda_rows(*in.event, *in.agenda)) {
    h += std::string("<tr") + (shaded ? " style=\"background:#f5f5f5\"" : "") + "><td><b>" + e(row.round) +
         "</b></td><td style=\"white-space:nowrap\">" + e(row.time) + "</td>";
    shaded = !shaded;
    if (row.free) {
      h += "<td></td><td style=\"color:#808080\">" + e(labels.no_meeting) + "</td></tr>\n";
      continue;
    }
    h += "<td><b>" + e(row.table) + "</b>" + (row.table_label.empty() ? "" : "<br>" + e(row.table_label)) + "</td>";
    h += "<td><b>" + e(row.partner) + "</b>" +
         (row.partner_organization.empty() ? "" : "<br><span style=\"color:#4d4d4d\">" + e(row.partner_organization) +
                                                      "</span>") +
         "</td></tr>\n";
  }
  h += "</table>\n<p style=\"font-size:12px;color:#666666\">" + e(labels.footer) + "</p>\n";
  return h;
}

std::string html_body(const LetterInput& in, const Words& words, const std::string& name, const std::string& subject) {
  const Event& event = *in.event;
  const Participant& p = *in.participant;
  const auto e = [](std::string_view s) { return html_escape(s); };
  const std::string colour = hex_colour(print::role_colour(p.role));
  std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(to_string(p.language)) + "\">\n<head>\n";
  h += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>" + e(subject) + "</title>\n</head>\n";
  h += "<body style=\"margin:0;padding:0;background:#f2f2f2\">\n";
  h += "<div style=\"max-width:600px;margin:0 auto;background:#ffffff;color:#111111;"
       "font-family:'DejaVu Sans',Verdana,Arial,sans-serif;font-size:15px;line-height:1.4\">\n";
  h += "<div style=\"background:" + colour + ";color:#ffffff;padding:16px 20px\">\n<div style=\"font-size:20px;"
       "font-weight:bold\">" + e(clean_text(event.name)) + "</div>\n<div style=\"font-size:14px\">" +
       e(clean_text(date_and_venue(event, p.language))) + "</div>\n</div>\n";
  h += "<div style=\"padding:16px 20px\">\n";
  h += "<p>" + e(words.greeting) + " " + e(name) + ",</p>\n";
  h += "<p>" + e(with_event(in.agenda ? words.intro : words.staff_intro, clean_text(event.name))) + "</p>\n";
  h += "<div style=\"text-align:center;margin:16px 0\">\n<img src=\"cid:" + e(in.qr_content_id) +
       "\" width=\"260\" height=\"260\" alt=\"" + e(words.qr_alt) + "\" style=\"display:block;margin:0 auto;"
       "width:260px;height:260px\">\n";
  h += "<div style=\"font-size:18px;font-weight:bold;margin-top:8px\">" + e(name) + "</div>\n";
  h += "<div style=\"color:#4d4d4d\">" + e(clean_text(p.organization)) + "</div>\n</div>\n";
  h += "<p style=\"font-size:13px;color:#4d4d4d\">" + e(words.how_to) + "</p>\n";
  if (in.agenda) h += html_agenda(in, colour);
  h += "<p>" + e(words.closing) + "</p>\n</div>\n</div>\n</body>\n</html>\n";
  return h;
}

}  // namespace

Letter write_letter(const LetterInput& input) {
  const Words& words = words_for(input.participant->language);
  const std::string name = clean_text(input.participant->name);
  Letter letter;
  letter.subject = with_event(input.agenda ? words.subject : words.staff_subject, clean_text(input.event->name));
  letter.text = text_body(input, words, name);
  letter.html = html_body(input, words, name, letter.subject);
  return letter;
}

}  // namespace speedmeet::mail
