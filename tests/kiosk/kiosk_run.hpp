#pragma once
// Runs the real speedmeet-kiosk headless on the demo event.
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace speedmeet::test {

inline std::vector<std::string> kiosk_args(const TempDir& dir, const std::string& script, bool screenshots) {
  std::vector<std::string> args{SPEEDMEET_KIOSK_BIN, "--demo", "--data", dir.file("demo"), "--headless",
                                "--script", script, "--size", "800x480"};
  if (screenshots) {
    args.push_back("--screenshots");
    args.push_back(dir.file("shots"));
  }
  return args;
}

inline std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

}  // namespace speedmeet::test
