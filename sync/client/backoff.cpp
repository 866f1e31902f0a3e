#include "backoff.hpp"

#include <algorithm>

namespace speedmeet::client {

Backoff::Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max, std::uint64_t seed)
    : min_(std::max(min, std::chrono::milliseconds(1))), max_(std::max(max, min_)), rng_(seed) {}

std::chrono::milliseconds Backoff::next() {
  ++failures_;
  std::int64_t ceiling = min_.count();
  for (int i = 1; i < failures_ && ceiling < max_.count(); ++i) ceiling *= 2;
  ceiling = std::min(ceiling, static_cast<std::int64_t>(max_.count()));
  std::uniform_int_distribution<std::int64_t> pick(std::max<std::int64_t>(1, ceiling / 2), ceiling);
  return std::chrono::milliseconds(pick(rng_));
}

void Backoff::reset() { failures_ = 0; }

}  // namespace speedmeet::client
