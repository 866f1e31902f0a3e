#pragma once
// SIGTERM (systemctl stop, a shutdown) and SIGINT (Ctrl+C) ask the kiosk to
// stop cleanly, in every mode: the loops check stop_requested() and return,
// and the program's destructors close the journal and join the sync thread.
// The handler only sets a flag (all a signal handler may safely do) and
// puts the default action back, so a second signal ends the program at once
// should a clean stop hang.
//
// SDL would otherwise turn both signals into SDL_QUIT, which a full-screen
// kiosk must ignore (nobody may quit it with a key or a window manager's
// close button): the window runner tells SDL to leave signals alone.
namespace speedmeet::kiosk {

class StopSignals {
 public:
  // Installs the handlers; the destructor restores the previous ones.
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
};

// Whether SIGTERM or SIGINT arrived since the StopSignals were installed.
bool stop_requested();
// The signal's name ("SIGTERM"), for the log line; "" when none came.
const char* stop_signal_name();

}  // namespace speedmeet::kiosk
