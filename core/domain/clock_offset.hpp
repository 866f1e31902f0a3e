#pragma once
// A device's clock against the server's (docs/CHECKIN.md, "The kiosk's
// clock"). Each sync asks the server its time and times the request: as in
// NTP, the server read its clock about halfway through the round trip, so
// offset = server_time - (device time when the request left + rtt / 2),
// within ±rtt / 2. Pure: the caller reads the clocks.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace speedmeet {

struct ClockSample {
  std::int64_t offset_ms = 0;  // server minus device
  std::int64_t rtt_ms = 0;     // the request's round trip: the error is at most half of it
  bool operator==(const ClockSample&) const = default;
};

ClockSample measure_offset(std::int64_t device_sent_ms, std::int64_t rtt_ms, std::int64_t server_time_ms);

// The offsets of recent syncs; best() is the one with the shortest round
// trip (the least uncertain). A new sample that disagrees with the best by
// more than both their uncertainties and kSlackMs means one of the clocks
// was set meanwhile: the older samples are forgotten.
class OffsetFilter {
 public:
  static constexpr std::size_t kKept = 8;
  static constexpr std::int64_t kSlackMs = 500;
  void add(ClockSample sample);
  std::optional<ClockSample> best() const;
  std::size_t size() const { return samples_.size(); }

 private:
  std::deque<ClockSample> samples_;  // oldest first
};

// An offset for people: "+0.12 s" under a minute, else "-2:00:03" (hours,
// minutes, seconds), "+19332 d 17:05:09" beyond a day.
std::string format_clock_offset(std::int64_t offset_ms);

// Bounds of what a kiosk may report (docs/API.md): ±100 years, a round trip
// of at most 10 minutes.
inline constexpr std::int64_t kMaxClockOffsetMs = 3'155'760'000'000;
inline constexpr std::int64_t kMaxClockRttMs = 600'000;

}  // namespace speedmeet
