#include "scan/duplicate_filter.hpp"

#include <algorithm>

namespace speedmeet::scan {

DuplicateFilter::DuplicateFilter(std::chrono::milliseconds window, std::size_t capacity)
    : window_(window), capacity_(std::max<std::size_t>(1, capacity)) {}

bool DuplicateFilter::admit(const std::string& code, ScanTime now) {
  const auto it = last_seen_.find(code);
  if (it != last_seen_.end()) {
    const bool duplicate = now - it->second < window_;  // also when `now` is a little older
    it->second = std::max(it->second, now);
    return !duplicate;
  }
  forget_before(now - window_);
  if (last_seen_.size() >= capacity_) {
    // Bounded memory on a pathological stream: forget the oldest sighting.
    const auto oldest = std::min_element(last_seen_.begin(), last_seen_.end(),
                                         [](const auto& a, const auto& b) { return a.second < b.second; });
    last_seen_.erase(oldest);
  }
  last_seen_.emplace(code, now);
  return true;
}

void DuplicateFilter::forget_before(ScanTime cutoff) {
  std::erase_if(last_seen_, [&](const auto& entry) { return entry.second < cutoff; });
}

}  // namespace speedmeet::scan
