#pragma once
// The kiosk's clocks (docs/CHECKIN.md, "The kiosk's clock"): the device's
// wall clock, a monotonic clock since boot, and the corrected time the
// kiosk decides by. Once a sync measured the offset to the server (or staff
// confirmed the time), corrected time is anchored to the monotonic clock:
// it runs on even if the wall clock is set meanwhile.
//
// Three sources: the system (CLOCK_REALTIME, CLOCK_BOOTTIME), the demo
// window's shifted system clock (pinned: never corrected), and a headless
// script's simulated time, moved by the script only.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "checkin/clock_state.hpp"
#include "checkin/repeat_filter.hpp"
#include "domain/clock_offset.hpp"

namespace speedmeet::kiosk {

using KioskMs = std::chrono::milliseconds;

// What survives a restart of the kiosk program (the kiosk_clock table).
struct SavedClock {
  std::optional<std::int64_t> offset_ms;
  std::int64_t rtt_ms = 0;
  std::string boot_id;                   // /proc/sys/kernel/random/boot_id when confirmed
  std::optional<std::int64_t> boot_epoch_ms;  // corrected time when the monotonic clock read 0
  std::string confirmed_by;              // "sync", "staff:NAME", or "" (never)
};

class KioskClock {
 public:
  // The system's clocks.
  KioskClock();
  // The demo window: the system clock shifted to start at `start`, pinned.
  static KioskClock shifted(KioskTime start);
  // A headless script: the device clock reads `start` and moves only by
  // advance() and set_device(). `pinned` (--clock): taken as the truth and
  // never corrected; otherwise (--device-clock) a device clock like any other.
  static KioskClock scripted(KioskTime start, bool pinned);

  KioskTime device_now() const;
  KioskTime now() const;  // corrected time: what the kiosk decides by
  // The device clock as the sync thread reads it (thread-safe).
  std::function<std::int64_t()> device_clock_ms() const;

  // Script time: time passes (wall and monotonic clocks alike).
  void advance(KioskMs elapsed);
  // Script time: someone set the device's wall clock.
  void set_device(KioskTime t);

  void take_sync(ClockSample best);
  void confirm_by_staff(const std::string& name);
  const ClockState& state() const { return state_; }
  // Whether corrected time differs from the device's reading by a known
  // offset (the journal then keeps both); and that offset now.
  bool corrects() const { return state_.trust != ClockTrust::pinned && boot_epoch_ms_.has_value(); }
  std::int64_t offset_now_ms() const { return (now() - device_now()).count(); }

  // Restores a saved confirmation made in this same boot; a clock saved in
  // another boot (or by a script) stays unconfirmed.
  void restore(const SavedClock& saved);
  SavedClock saved() const;

 private:
  enum class Source { system, shifted, script };
  explicit KioskClock(Source source) : source_(source) {}
  std::int64_t boot_ms() const;
  void anchor_at(std::int64_t corrected_ms);

  Source source_;
  KioskMs shift_{0};
  // Script time, read by the sync thread too. A shared_ptr so that the
  // engine's function stays valid whatever happens to this object.
  std::shared_ptr<std::atomic<std::int64_t>> script_device_ms_ = std::make_shared<std::atomic<std::int64_t>>(0);
  std::int64_t script_boot_ms_ = 0;
  std::optional<std::int64_t> boot_epoch_ms_;  // corrected = boot_epoch + boot_ms
  ClockState state_;
  std::string boot_id_;
};

// This boot's id (/proc/sys/kernel/random/boot_id), or "" where there is none.
std::string current_boot_id();

}  // namespace speedmeet::kiosk
