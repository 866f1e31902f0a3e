#pragma once
// Login attempts rate-limited per account name and per address: failures
// within a sliding window are counted, and past the limit every attempt of
// that name (or from that address) is refused until the oldest counted
// failure leaves the window. A success clears the name's count. In memory:
// a restart forgets, which a person at the desk may use, not a script
// (the limits bound guesses to a few per minute).
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace speedmeet::console {

struct ThrottleLimits {
  int per_account = 5;    // failures per window for one name
  int per_address = 20;   // failures per window from one address
  std::int64_t window_ms = 15 * 60 * 1000;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits = {}) : limits_(limits) {}

  // Seconds to wait before NAME may try again from ADDRESS; 0: go ahead,
  // and the attempt counts as a failure until succeeded() says otherwise
  // (so that attempts running at once cannot pass the limit together).
  std::int64_t begin(const std::string& name, const std::string& address, std::int64_t now_ms);
  // The attempt begun at `begun_ms` was right: it no longer counts, and the
  // name's failures are forgotten.
  void succeeded(const std::string& name, const std::string& address, std::int64_t begun_ms);

 private:
  using Times = std::deque<std::int64_t>;
  std::int64_t wait_ms(std::map<std::string, Times>& by_key, const std::string& key, int limit, std::int64_t now_ms);
  ThrottleLimits limits_;
  std::mutex mutex_;
  std::map<std::string, Times> by_account_;
  std::map<std::string, Times> by_address_;
};

}  // namespace speedmeet::console
