#include "service_notifier.hpp"

#include <systemd/sd-daemon.h>

#include <cstdlib>

namespace speedmeet::kiosk {

ServiceNotifier::ServiceNotifier() {
  // WATCHDOG_USEC alone, not sd_watchdog_enabled(): under the packaged unit
  // the kiosk is cage's child, and systemd's WATCHDOG_PID names cage (the
  // unit's main process), so sd_watchdog_enabled() would say "not you". The
  // unit's NotifyAccess=all makes systemd take the pings from us.
  const char* usec = std::getenv("WATCHDOG_USEC");
  watchdog_ = usec && std::strtoull(usec, nullptr, 10) > 0;
}

void ServiceNotifier::ready() {
  if (ready_sent_) return;
  ready_sent_ = true;
  sd_notify(0, "READY=1\nSTATUS=running");
}

void ServiceNotifier::alive() {
  if (!watchdog_) return;
  const auto now = std::chrono::steady_clock::now();
  if (last_ping_ != std::chrono::steady_clock::time_point{} && now - last_ping_ < kMinGap) return;
  last_ping_ = now;
  sd_notify(0, "WATCHDOG=1");
}

}  // namespace speedmeet::kiosk
