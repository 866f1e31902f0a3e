#pragma once
#include <optional>
#include <string>

#include "kiosk_session.hpp"
#include "kiosk_sync.hpp"

namespace speedmeet::kiosk {

struct HeadlessOptions {
  std::string script;       // path of the script
  std::string screenshots;  // folder for one PNG per screen change; empty: none
  std::optional<std::string> clock;  // start time; default: demo start, else the first round - 3 min
  // --device-clock: the device's own clock reads this at start, unconfirmed
  // (sync corrects it); --clock pins the time instead. The session's clock
  // must be a KioskClock::scripted one, pinned or not accordingly.
  std::optional<std::string> device_clock;
  int width = 1920;
  int height = 1080;
};

// Replays the script against the session with a simulated clock, prints one
// JSON line per scan and per sync action on stdout. `sync` runs on real time
// beside it, as in the window (disabled when kiosk.toml names no server).
// Returns the exit code.
int run_headless(KioskSession& session, KioskSync& sync, const HeadlessOptions& options);

}  // namespace speedmeet::kiosk
