#include "login_throttle.hpp"

#include <algorithm>

namespace speedmeet::console {

std::int64_t LoginThrottle::wait_ms(std::map<std::string, Times>& by_key, const std::string& key, int limit,
                                    std::int64_t now_ms) {
  const auto found = by_key.find(key);
  if (found == by_key.end()) return 0;
  Times& times = found->second;
  while (!times.empty() && times.front() <= now_ms - limits_.window_ms) times.pop_front();
  if (times.empty()) {
    by_key.erase(found);  // keeps the maps as small as the recent failures
    return 0;
  }
  if (static_cast<int>(times.size()) < limit) return 0;
  return times.front() + limits_.window_ms - now_ms;
}

namespace {

// Bounds memory under a flood of made-up names: past 10,000 keys, keys
// whose failures have all left the window are dropped.
void prune(std::map<std::string, std::deque<std::int64_t>>& by_key, std::int64_t oldest_kept_ms) {
  if (by_key.size() < 10'000) return;
  std::erase_if(by_key, [&](const auto& entry) { return entry.second.empty() || entry.second.back() <= oldest_kept_ms; });
}

}  // namespace

std::int64_t LoginThrottle::begin(const std::string& name, const std::string& address, std::int64_t now_ms) {
  const std::lock_guard lock(mutex_);
  const std::int64_t ms = std::max(wait_ms(by_account_, name, limits_.per_account, now_ms),
                                   wait_ms(by_address_, address, limits_.per_address, now_ms));
  if (ms > 0) return (ms + 999) / 1000;
  prune(by_account_, now_ms - limits_.window_ms);
  prune(by_address_, now_ms - limits_.window_ms);
  by_account_[name].push_back(now_ms);
  by_address_[address].push_back(now_ms);
  return 0;
}

void LoginThrottle::succeeded(const std::string& name, const std::string& address, std::int64_t begun_ms) {
  const std::lock_guard lock(mutex_);
  by_account_.erase(name);
  const auto found = by_address_.find(address);
  if (found == by_address_.end()) return;
  auto& times = found->second;
  if (const auto at = std::find(times.rbegin(), times.rend(), begun_ms); at != times.rend())
    times.erase(std::next(at).base());
  if (times.empty()) by_address_.erase(found);
}

}  // namespace speedmeet::console
