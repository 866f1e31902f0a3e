#pragma once
#include <optional>
#include <string>

#include "kiosk_session.hpp"

namespace speedmeet::kiosk {

struct HeadlessOptions {
  std::string script;       // path of the script
  std::string screenshots;  // folder for one PNG per screen change; empty: none
  std::optional<std::string> clock;  // start time; default: demo start, else the first round - 3 min
  int width = 1920;
  int height = 1080;
};

// Replays the script against the session with a simulated clock, prints one
// JSON line per scan on stdout. Returns the exit code.
int run_headless(KioskSession& session, const HeadlessOptions& options);

}  // namespace speedmeet::kiosk
