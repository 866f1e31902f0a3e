#pragma once
// The kiosk's clock and its rule for repeated reads.
#include <chrono>
#include <string>

#include "domain/time.hpp"

namespace speedmeet::kiosk {

// The kiosk's clock reads milliseconds (real or simulated).
using KioskTime = std::chrono::sys_time<std::chrono::milliseconds>;
inline Instant to_instant(KioskTime t) { return std::chrono::floor<Seconds>(t); }

// The check-in rule for repeats: the same code within the window of the
// last admitted read is `ignored` (people scan twice). It runs on the kiosk
// clock, so headless scripts can simulate time. The camera pipeline has its
// own, different filter (scan::DuplicateFilter, restarted by every sighting)
// so that a badge held in view for a minute reaches this rule only once.
class RepeatFilter {
 public:
  explicit RepeatFilter(Seconds window = Seconds{3}) : window_(window) {}
  // True when the code should be handled; records it. The window counts
  // from the last admitted read, so a badge held in view is not re-read.
  bool admit(const std::string& code, KioskTime now);

 private:
  Seconds window_;
  std::string last_code_;
  KioskTime last_time_{};
};

}  // namespace speedmeet::kiosk
