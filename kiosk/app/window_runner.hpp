#pragma once
#include "kiosk_session.hpp"
#include "kiosk_sync.hpp"
#include "service_notifier.hpp"

namespace speedmeet::kiosk {

struct WindowOptions {
  bool simulated_clock = false;  // the demo: time starts at session.demo_start() and runs
  int width = 1280;              // when not fullscreen
  int height = 800;
  ServiceNotifier* notifier = nullptr;  // READY=1 when the loop starts, WATCHDOG=1 each turn
};

// The kiosk on a real display until a staff badge confirms exit (or the
// window is closed, when not fullscreen), with `sync` running beside it.
// Returns the exit code.
int run_window(KioskSession& session, KioskSync& sync, const WindowOptions& options);

// "Scan the setup code" on the display until the kiosk is enrolled (true)
// or asked to stop (false). kiosk_enrolment.hpp.
bool run_setup_window(const KioskConfig& config, const WindowOptions& options, ServiceNotifier& notifier);

}  // namespace speedmeet::kiosk
