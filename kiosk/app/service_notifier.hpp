#pragma once
// Talks to systemd's service manager (sd_notify, libsystemd): READY=1 once
// the kiosk's main loop runs, WATCHDOG=1 from each turn of that loop while
// it is healthy. With WatchdogSec= in the unit, a loop that stalls (a hung
// camera driver, a deadlock) stops the pings and systemd kills and restarts
// the kiosk (Restart=always). Without NOTIFY_SOCKET (not started by
// systemd) every call does nothing.
#include <chrono>

namespace speedmeet::kiosk {

class ServiceNotifier {
 public:
  ServiceNotifier();
  // Once, when the first screen is up; later calls do nothing.
  void ready();
  // Each loop turn. Sends WATCHDOG=1 at most every kMinGap, and only when
  // the service manager asked for a watchdog (WATCHDOG_USEC in the
  // environment).
  void alive();
  bool watchdog_enabled() const { return watchdog_; }

  // A quarter of the shortest watchdog anyone would set (1 s): often
  // enough, and the loop's 60 turns a second do not each cost a syscall.
  static constexpr std::chrono::milliseconds kMinGap{250};

 private:
  bool ready_sent_ = false;
  bool watchdog_ = false;
  std::chrono::steady_clock::time_point last_ping_{};
};

}  // namespace speedmeet::kiosk
