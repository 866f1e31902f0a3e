#pragma once
#include <optional>
#include <string>

#include "kiosk_session.hpp"
#include "kiosk_sync.hpp"
#include "service_notifier.hpp"

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
  // Where a kiosk that enrolled from a setup code left the script: actions
  // already played and screenshots already written (setup_runner.hpp).
  std::size_t skip_actions = 0;
  int screenshots_taken = 0;
  ServiceNotifier* notifier = nullptr;  // READY=1 when the loop starts, WATCHDOG=1 each turn
};

// Replays the script against the session with a simulated clock, prints one
// JSON line per scan and per sync action on stdout. `sync` runs on real time
// beside it, as in the window (disabled when kiosk.toml names no server).
// Returns the exit code.
int run_headless(KioskSession& session, KioskSync& sync, const HeadlessOptions& options);

// The script file's text (InputError when it cannot be read, naming it).
std::string read_script_text(const std::string& path);
// The first QR code in a picture (the headless "image" action), or nullopt.
std::optional<std::string> code_in_image(const std::string& path);

}  // namespace speedmeet::kiosk
