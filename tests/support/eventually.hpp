#pragma once
// Waits for a condition that another process or thread makes true.
#include <chrono>
#include <functional>
#include <thread>

namespace speedmeet::test {

// True as soon as `done()` is; false if it still is not after `timeout`.
inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout,
                       std::chrono::milliseconds poll = std::chrono::milliseconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(poll);
  }
  return done();
}

}  // namespace speedmeet::test
