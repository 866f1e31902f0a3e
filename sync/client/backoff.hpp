#pragma once
// Exponential backoff with jitter: after the n-th failure in a row, wait a
// random time in [d/2, d] where d = min(max, min * 2^(n-1)). The jitter keeps
// twenty kiosks from retrying in lockstep when the server comes back.
#include <chrono>
#include <cstdint>
#include <random>

namespace speedmeet::client {

class Backoff {
 public:
  Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max, std::uint64_t seed = std::random_device{}());

  std::chrono::milliseconds next();  // the wait after one more failure
  void reset();                      // after a success
  int failures() const { return failures_; }

 private:
  std::chrono::milliseconds min_, max_;
  int failures_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace speedmeet::client
