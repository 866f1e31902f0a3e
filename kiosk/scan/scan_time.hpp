#pragma once
// The scanning pipeline's clock: frames and keystrokes are stamped on it.
#include <chrono>

namespace speedmeet::scan {

using ScanClock = std::chrono::steady_clock;
using ScanTime = ScanClock::time_point;

}  // namespace speedmeet::scan
