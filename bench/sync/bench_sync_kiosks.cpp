// 20 kiosks at one event, each scanning and syncing every second (push its
// new check-in, pull everyone else's) against one server on loopback. Cycle
// latency percentiles and errors, beside a single kiosk doing the same.
// Usage: bench_sync_kiosks [SECONDS]   (default 60)
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "bench_report.hpp"
#include "kiosk_crowd.hpp"
#include "sync_bench_support.hpp"

using namespace speedmeet;

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 60;
  bench::ScratchDir dir;
  const std::string central = bench::make_event(dir, "central.db", 100, 8, 16);
  bench::LocalServer server(central);

  const bench::CrowdRun alone = bench::run_kiosk_crowd(dir, central, server.url(), 1, std::min(seconds, 10), "solo-");
  const bench::CrowdRun crowd = bench::run_kiosk_crowd(dir, central, server.url(), 20, seconds, "kiosk-");
  if (crowd.errors) std::fprintf(stderr, "first error: %s\n", crowd.first_error.c_str());

  const double p50 = bench::quantile(crowd.latencies_ms, 0.50), p99 = bench::quantile(crowd.latencies_ms, 0.99);
  const double base_p99 = bench::quantile(alone.latencies_ms, 0.99);
  bench::report("sync 20 kiosks x 1/s for " + std::to_string(seconds) + " s: cycle p99 (ms)", bench::fixed(p99, 1),
                bench::fixed(base_p99, 1) + " one kiosk", bench::fixed(p99 / base_p99, 2) + "x", "<= 100 ms");
  bench::report("sync 20 kiosks: cycle p50 (ms)", bench::fixed(p50, 1),
                bench::fixed(bench::quantile(alone.latencies_ms, 0.5), 1) + " one kiosk", "", "");
  bench::report("sync 20 kiosks: cycles / errors", std::to_string(crowd.latencies_ms.size()) + " / " +
                    std::to_string(crowd.errors), std::to_string(alone.latencies_ms.size()) + " / " +
                    std::to_string(alone.errors) + " one kiosk", "", "0 errors");
  return crowd.errors == 0 ? 0 : 1;
}
