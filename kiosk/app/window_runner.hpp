#pragma once
#include "kiosk_session.hpp"
#include "kiosk_sync.hpp"

namespace speedmeet::kiosk {

struct WindowOptions {
  bool simulated_clock = false;  // the demo: time starts at session.demo_start() and runs
  int width = 1280;              // when not fullscreen
  int height = 800;
};

// The kiosk on a real display until a staff badge confirms exit (or the
// window is closed, when not fullscreen), with `sync` running beside it.
// Returns the exit code.
int run_window(KioskSession& session, KioskSync& sync, const WindowOptions& options);

}  // namespace speedmeet::kiosk
