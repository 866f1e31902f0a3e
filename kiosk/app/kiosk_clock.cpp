#include "kiosk_clock.hpp"

#include <time.h>

#include <fstream>

namespace speedmeet::kiosk {
namespace {

using namespace std::chrono;

std::int64_t system_ms() { return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count(); }

KioskTime at_ms(std::int64_t ms) { return KioskTime{milliseconds{ms}}; }

constexpr const char* kSyncConfirmation = "sync";
constexpr const char* kStaffConfirmation = "staff:";

}  // namespace

std::string current_boot_id() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id.size() <= 64 ? id : std::string{};
}

KioskClock::KioskClock() : source_(Source::system), boot_id_(current_boot_id()) {}

KioskClock KioskClock::shifted(KioskTime start) {
  KioskClock c(Source::shifted);
  c.shift_ = milliseconds{start.time_since_epoch().count() - system_ms()};
  c.state_.trust = ClockTrust::pinned;
  return c;
}

KioskClock KioskClock::scripted(KioskTime start, bool pinned) {
  KioskClock c(Source::script);
  c.script_device_ms_->store(start.time_since_epoch().count());
  if (pinned) c.state_.trust = ClockTrust::pinned;
  return c;
}

std::int64_t KioskClock::boot_ms() const {
  if (source_ == Source::script) return script_boot_ms_;
  timespec t{};
  clock_gettime(CLOCK_BOOTTIME, &t);  // runs on through suspend, never set by anyone
  return static_cast<std::int64_t>(t.tv_sec) * 1000 + t.tv_nsec / 1'000'000;
}

KioskTime KioskClock::device_now() const {
  switch (source_) {
    case Source::script: return at_ms(script_device_ms_->load());
    case Source::shifted: return at_ms(system_ms() + shift_.count());
    case Source::system: break;
  }
  return at_ms(system_ms());
}

KioskTime KioskClock::now() const {
  if (state_.trust == ClockTrust::pinned || !boot_epoch_ms_) return device_now();
  return at_ms(*boot_epoch_ms_ + boot_ms());
}

std::function<std::int64_t()> KioskClock::device_clock_ms() const {
  if (source_ == Source::script) return [time = script_device_ms_] { return time->load(); };
  const std::int64_t shift = shift_.count();
  return [shift] { return system_ms() + shift; };
}

void KioskClock::advance(KioskMs elapsed) {
  script_device_ms_->fetch_add(elapsed.count());
  script_boot_ms_ += elapsed.count();
}

void KioskClock::set_device(KioskTime t) { script_device_ms_->store(t.time_since_epoch().count()); }

void KioskClock::anchor_at(std::int64_t corrected_ms) { boot_epoch_ms_ = corrected_ms - boot_ms(); }

void KioskClock::take_sync(ClockSample best) {
  if (state_.trust == ClockTrust::pinned) {  // measured and shown, never applied
    state_.offset_ms = best.offset_ms;
    state_.rtt_ms = best.rtt_ms;
    return;
  }
  anchor_at(device_now().time_since_epoch().count() + best.offset_ms);
  state_ = {ClockTrust::synced, best.offset_ms, best.rtt_ms, {}};
}

void KioskClock::confirm_by_staff(const std::string& name) {
  if (state_.trust == ClockTrust::pinned) return;
  // The time as it reads now is right: corrected time goes on from there.
  anchor_at(now().time_since_epoch().count());
  state_.trust = ClockTrust::staff;
  state_.confirmed_by = name;
}

void KioskClock::restore(const SavedClock& saved) {
  if (source_ != Source::system || boot_id_.empty() || saved.boot_id != boot_id_ || !saved.boot_epoch_ms) return;
  boot_epoch_ms_ = saved.boot_epoch_ms;
  state_.offset_ms = saved.offset_ms;
  state_.rtt_ms = saved.rtt_ms;
  if (saved.confirmed_by == kSyncConfirmation) {
    state_.trust = ClockTrust::synced;
  } else if (saved.confirmed_by.rfind(kStaffConfirmation, 0) == 0) {
    state_.trust = ClockTrust::staff;
    state_.confirmed_by = saved.confirmed_by.substr(std::string_view(kStaffConfirmation).size());
  } else {
    boot_epoch_ms_.reset();
  }
}

SavedClock KioskClock::saved() const {
  SavedClock s;
  s.offset_ms = state_.offset_ms;
  s.rtt_ms = state_.rtt_ms;
  s.boot_id = source_ == Source::system ? boot_id_ : std::string{};
  s.boot_epoch_ms = boot_epoch_ms_;
  if (state_.trust == ClockTrust::synced) s.confirmed_by = kSyncConfirmation;
  if (state_.trust == ClockTrust::staff) s.confirmed_by = kStaffConfirmation + state_.confirmed_by;
  return s;
}

}  // namespace speedmeet::kiosk
