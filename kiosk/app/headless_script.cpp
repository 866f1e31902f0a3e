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
  static const std::regex line_pattern(R"(^\s*\+([0-9]+(?:\.[0-9]+)?)\s+(scan|image|key|type|clock|wait|sync|stall)(?:\s+(.*?))?\s*$)");
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
                                  "expected \"+SECONDS scan|image|key|type|clock|wait|sync|stall [ARGUMENT]\", e.g. \"+1.5 scan SM1...\"");
    ScriptAction a;
    a.line = number;
    a.delay_seconds = std::stod(m[1].str());
    const std::string type = m[2].str();
    a.argument = m[3].str();
    if (type == "scan") a.type = ScriptAction::Type::scan;
    else if (type == "image") a.type = ScriptAction::Type::image;
    else if (type == "key") a.type = ScriptAction::Type::key;
    else if (type == "type") a.type = ScriptAction::Type::type;
    else if (type == "clock") a.type = ScriptAction::Type::clock;
    else if (type == "sync") a.type = ScriptAction::Type::sync;
    else if (type == "stall") a.type = ScriptAction::Type::stall;
    else a.type = ScriptAction::Type::wait;
    const bool takes_argument = a.type != ScriptAction::Type::wait && a.type != ScriptAction::Type::sync;
    if (takes_argument && a.argument.empty()) throw InputError(file, number, type, "needs an argument");
    if (a.type == ScriptAction::Type::sync && !a.argument.empty())
      throw InputError(file, number, type, "takes no argument");
    if (a.type == ScriptAction::Type::stall) {
      static const std::regex seconds(R"([0-9]{1,4}(\.[0-9]+)?)");
      if (!std::regex_match(a.argument, seconds) || std::stod(a.argument) > 3600)
        throw InputError(file, number, "stall", "wants real seconds, at most 3600");
    }
    if (a.type == ScriptAction::Type::key && !parse_key(a.argument))
      throw InputError(file, number, "key", "unknown key \"" + a.argument +
                                                           "\"; expected up, down, enter, escape, backspace, board or sync");
    if (a.delay_seconds > 7 * 24 * 3600.0) throw InputError(file, number, "", "delay longer than a week");
    actions.push_back(std::move(a));
  }
  return actions;
}

std::chrono::sys_time<std::chrono::milliseconds> parse_clock(const std::string& text, const LocalTimeZone& zone) {
  return parse_date_time(text, zone);
}

}  // namespace speedmeet::kiosk
