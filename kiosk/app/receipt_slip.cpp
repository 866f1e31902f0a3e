#include "receipt_slip.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "badge/utf8.hpp"
#include "domain/local_time.hpp"

namespace speedmeet::kiosk {
namespace {

using namespace std::string_view_literals;  // "..."sv keeps the NUL bytes some commands hold

// ESC/POS commands (Epson's, which receipt printers share).
constexpr std::string_view kInit = "\x1b@"sv;
constexpr std::string_view kCodePage1252 = "\x1bt\x10"sv;
constexpr std::string_view kAlignLeft = "\x1b" "a\x00"sv;
constexpr std::string_view kAlignCentre = "\x1b" "a\x01"sv;
constexpr std::string_view kBoldOn = "\x1b" "E\x01"sv;
constexpr std::string_view kBoldOff = "\x1b" "E\x00"sv;
constexpr std::string_view kDoubleSize = "\x1d!\x11"sv;
constexpr std::string_view kNormalSize = "\x1d!\x00"sv;
constexpr std::string_view kFeedAndCut = "\x1dV\x42\x03"sv;  // feed 3 lines, then a partial cut

struct SlipWords {
  std::string_view your_meetings, table, with, no_meetings;
};
const SlipWords& words(Language language) {
  static const SlipWords fr{"Vos rendez-vous", "Table", "avec", "Aucun rendez-vous prévu : merci de passer à l'accueil"};
  static const SlipWords en{"Your meetings", "Table", "with", "No meetings scheduled: please see the help desk"};
  static const SlipWords de{"Ihre Termine", "Tisch", "mit", "Keine Termine geplant: bitte am Empfang melden"};
  switch (language) {
    case Language::fr: return fr;
    case Language::de: return de;
    case Language::en: break;
  }
  return en;
}

// Windows-1252's 0x80..0x9F, by code point (0: not in the page).
constexpr std::array<char32_t, 32> kHigh1252 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

char byte_for(char32_t cp) {
  if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF)) return static_cast<char>(cp);
  for (std::size_t i = 0; i < kHigh1252.size(); ++i)
    if (kHigh1252[i] != 0 && kHigh1252[i] == cp) return static_cast<char>(0x80 + i);
  return '?';
}

// Words of `text` (WPC1252 bytes) in lines of at most `width`; a word
// longer than a line is cut.
std::vector<std::string> wrap(const std::string& text, int width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t at = 0;
  const auto w = static_cast<std::size_t>(std::max(width, 1));
  while (at < text.size()) {
    const std::size_t space = text.find(' ', at);
    std::string word = text.substr(at, space == std::string::npos ? std::string::npos : space - at);
    at = space == std::string::npos ? text.size() : space + 1;
    while (word.size() > w) {
      if (!line.empty()) lines.push_back(std::exchange(line, {}));
      lines.push_back(word.substr(0, w));
      word.erase(0, w);
    }
    if (word.empty()) continue;
    if (!line.empty() && line.size() + 1 + word.size() > w) lines.push_back(std::exchange(line, {}));
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// Wrapped lines, each ended by LF; continuation lines indented by `indent`.
std::string paragraph(std::string_view utf8, int width, int indent = 0, bool indent_first = false) {
  std::string out;
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  bool first = true;
  for (const std::string& line : wrap(to_wpc1252(utf8), width - indent)) {
    out += (first && !indent_first ? "" : pad) + line + "\n";
    first = false;
  }
  return out;
}

std::string meeting_lines(const KioskData& data, const Participant& person, const Meeting& m, int columns) {
  const LocalTimeZone zone(data.event().timezone);
  const Round* round = data.agenda().round(m.round);
  const std::string time = round ? zone.format_hhmm(round->starts_at) : "--:--";
  const SlipWords& w = words(person.language);
  std::string where = std::string(w.table) + " " + std::to_string(m.table);
  if (const Table* t = data.table(m.table); t && !t->label.empty()) where += " " + t->label;
  // "14:30 Table 5 Pétrusse", the partner's lines under "Table".
  constexpr int indent = 6;
  std::string out = std::string(kBoldOn) + paragraph(time + " " + where, columns, indent) + std::string(kBoldOff);
  const Participant* partner = data.participant(m.partner_of(person.id));
  out += paragraph(std::string(w.with) + " " + (partner ? partner->name : m.partner_of(person.id)), columns, indent, true);
  if (partner && !partner->organization.empty()) out += paragraph(partner->organization, columns, indent, true);
  return out;
}

}  // namespace

std::string to_wpc1252(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t length = badge::utf8_sequence_length(utf8, i);
    if (length == 0) {
      out += '?';
      ++i;
      continue;
    }
    out += byte_for(badge::utf8_code_point(utf8, i, length));
    i += length;
  }
  return out;
}

std::string agenda_slip(const KioskData& data, const Participant& person, Instant now, int columns) {
  const Event& event = data.event();
  const LocalTimeZone zone(event.timezone);
  std::string slip(kInit);
  slip += kCodePage1252;
  slip += kAlignCentre;
  slip += std::string(kBoldOn) + paragraph(event.name, columns) + std::string(kBoldOff);
  if (!event.rounds.empty()) slip += zone.format_iso_local(event.rounds.front().starts_at).substr(0, 10) + "\n";
  slip += "\n" + std::string(kDoubleSize) + paragraph(person.name, columns / 2) + std::string(kNormalSize);
  if (!person.organization.empty()) slip += paragraph(person.organization, columns);
  slip += "\n";
  slip += kAlignLeft;
  const SlipWords& w = words(person.language);
  slip += std::string(kBoldOn) + paragraph(w.your_meetings, columns) + std::string(kBoldOff);
  slip += std::string(static_cast<std::size_t>(columns), '-') + "\n";
  const std::vector<Meeting> meetings = data.agenda().remaining(person.id, now);
  for (const Meeting& m : meetings) slip += meeting_lines(data, person, m, columns);
  if (meetings.empty()) slip += paragraph(w.no_meetings, columns);
  slip += std::string(kAlignCentre) + "\n" + to_wpc1252(person.id) + "\n";
  slip += kFeedAndCut;
  return slip;
}

}  // namespace speedmeet::kiosk
