#pragma once
// A camera sees a badge for many frames and people scan twice: the same code
// within the window (3 s) is reported once. Every sighting restarts the
// window, so a badge held in front of the camera is reported once however
// long it stays; it is reported again after 3 s out of sight. Pure logic.
#include <chrono>
#include <cstddef>
#include <string>
#include <unordered_map>

#include "scan/scan_time.hpp"

namespace speedmeet::scan {

class DuplicateFilter {
 public:
  explicit DuplicateFilter(std::chrono::milliseconds window = std::chrono::seconds(3), std::size_t capacity = 256);

  // True when `code`, seen at `now`, should be reported.
  bool admit(const std::string& code, ScanTime now);

 private:
  void forget_before(ScanTime cutoff);

  std::chrono::milliseconds window_;
  std::size_t capacity_;
  std::unordered_map<std::string, ScanTime> last_seen_;
};

}  // namespace speedmeet::scan
