#include "clock_offset.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace speedmeet {

ClockSample measure_offset(std::int64_t device_sent_ms, std::int64_t rtt_ms, std::int64_t server_time_ms) {
  const std::int64_t rtt = std::max<std::int64_t>(rtt_ms, 0);
  return {server_time_ms - (device_sent_ms + rtt / 2), rtt};
}

void OffsetFilter::add(ClockSample sample) {
  if (const auto b = best()) {
    const std::int64_t tolerance = (b->rtt_ms + sample.rtt_ms) / 2 + kSlackMs;
    if (std::llabs(sample.offset_ms - b->offset_ms) > tolerance) samples_.clear();
  }
  samples_.push_back(sample);
  while (samples_.size() > kKept) samples_.pop_front();
}

std::optional<ClockSample> OffsetFilter::best() const {
  if (samples_.empty()) return std::nullopt;
  // The shortest round trip; among equals, the newest.
  auto best = samples_.rbegin();
  for (auto it = samples_.rbegin(); it != samples_.rend(); ++it)
    if (it->rtt_ms < best->rtt_ms) best = it;
  return *best;
}

std::string format_clock_offset(std::int64_t offset_ms) {
  const char sign = offset_ms < 0 ? '-' : '+';
  const long long ms = std::llabs(offset_ms);
  char buf[64];
  if (ms < 60'000) {
    std::snprintf(buf, sizeof buf, "%c%lld.%02lld s", sign, ms / 1000, ms % 1000 / 10);
  } else {
    const long long s = ms / 1000;
    const long long days = s / 86'400;
    if (days > 0)
      std::snprintf(buf, sizeof buf, "%c%lld d %02lld:%02lld:%02lld", sign, days, s / 3600 % 24, s / 60 % 60, s % 60);
    else
      std::snprintf(buf, sizeof buf, "%c%lld:%02lld:%02lld", sign, s / 3600, s / 60 % 60, s % 60);
  }
  return buf;
}

}  // namespace speedmeet
