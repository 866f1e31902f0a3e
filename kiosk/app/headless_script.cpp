#include "headless_script.hpp"

#include <cstdio>
#include <regex>
#include <sstream>

#include "checkin/kiosk_core.hpp"
#include "domain/input_error.hpp"

namespace speedmeet::kiosk {

std::vector<ScriptAction> parse_script(const std::string& text, const std::string& file) {
  constexpr std::size_t kMaxScript = 16u << 20;
  if (text.size() > kMaxScript) throw InputError(file, 0, "", "script larger than 16 MiB");
  static const std::regex line_pattern(R"(^\s*\+([0-9]+(?:\.[0-9]+)?)\s+(scan|image|key|clock|wait|sync)(?:\s+(.*?))?\s*$)");
  std::vector<ScriptAction> actions;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    std::smatch m;
    if (!std::regex_match(line, m, line_pattern))
      throw InputError(file, number, "",
                                  "expected \"+SECONDS scan|image|key|clock|wait|sync [ARGUMENT]\", e.g. \"+1.5 scan SM1...\"");
    ScriptAction a;
    a.line = number;
    a.delay_seconds = std::stod(m[1].str());
    const std::string type = m[2].str();
    a.argument = m[3].str();
    if (type == "scan") a.type = ScriptAction::Type::scan;
    else if (type == "image") a.type = ScriptAction::Type::image;
    else if (type == "key") a.type = ScriptAction::Type::key;
    else if (type == "clock") a.type = ScriptAction::Type::clock;
    else if (type == "sync") a.type = ScriptAction::Type::sync;
    else a.type = ScriptAction::Type::wait;
    const bool takes_argument = a.type != ScriptAction::Type::wait && a.type != ScriptAction::Type::sync;
    if (takes_argument && a.argument.empty()) throw InputError(file, number, type, "needs an argument");
    if (a.type == ScriptAction::Type::sync && !a.argument.empty())
      throw InputError(file, number, type, "takes no argument");
    if (a.type == ScriptAction::Type::key && !parse_key(a.argument))
      throw InputError(file, number, "key", "unknown key \"" + a.argument +
                                                           "\"; expected up, down, enter, escape, board or sync");
    if (a.delay_seconds > 7 * 24 * 3600.0) throw InputError(file, number, "", "delay longer than a week");
    actions.push_back(std::move(a));
  }
  return actions;
}

std::chrono::sys_time<std::chrono::milliseconds> parse_clock(const std::string& text, const LocalTimeZone& zone) {
  static const std::regex pattern(
      R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern))
    throw std::invalid_argument("\"" + text + "\" is not a date and time like 2026-11-27T14:05:00");
  using namespace std::chrono;
  const year_month_day ymd{year{std::stoi(m[1])}, month{static_cast<unsigned>(std::stoi(m[2]))},
                           day{static_cast<unsigned>(std::stoi(m[3]))}};
  if (!ymd.ok()) throw std::invalid_argument("\"" + text + "\" is not a valid date");
  const int h = std::stoi(m[4]), min = std::stoi(m[5]), s = m[6].matched ? std::stoi(m[6]) : 0;
  if (h > 23 || min > 59 || s > 59) throw std::invalid_argument("\"" + text + "\" is not a valid time");
  const auto time_of_day = hours{h} + minutes{min} + seconds{s};
  if (!m[7].matched) return zone.to_utc(local_days{ymd} + time_of_day);
  sys_seconds utc = sys_days{ymd} + time_of_day;
  const std::string offset = m[7];
  if (offset != "Z") {
    const int sign = offset[0] == '-' ? -1 : 1;
    utc -= sign * (hours{std::stoi(offset.substr(1, 2))} + minutes{std::stoi(offset.substr(4, 2))});
  }
  return utc;
}

}  // namespace speedmeet::kiosk
