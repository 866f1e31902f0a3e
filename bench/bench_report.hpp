#pragma once
// Every benchmark prints its figures through report(): one tab-separated line
// per metric, which scripts/bench gathers into one table. A figure always
// stands beside a baseline measured in the same run, as a ratio.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace speedmeet::bench {

// metric | value | baseline | ratio | target — all already formatted text.
inline void report(const std::string& metric, const std::string& value, const std::string& baseline,
                   const std::string& ratio, const std::string& target) {
  std::printf("%s\t%s\t%s\t%s\t%s\n", metric.c_str(), value.c_str(), baseline.c_str(), ratio.c_str(), target.c_str());
  std::fflush(stdout);
}

inline std::string fixed(double v, int decimals = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

using Clock = std::chrono::steady_clock;
inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}
inline double ms_since(Clock::time_point start) { return seconds_since(start) * 1000.0; }

// q in [0,1] of a sample (sorted copy).
inline double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace speedmeet::bench
