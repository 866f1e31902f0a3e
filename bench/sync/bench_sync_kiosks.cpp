// 20 kiosks at one event, each scanning and syncing every second (push its
// new check-in, pull everyone else's) against one server on loopback. Cycle
// latency percentiles and errors, beside a single kiosk doing the same.
// Usage: bench_sync_kiosks [SECONDS]   (default 60)
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "bench_report.hpp"
#include "client/curl_transport.hpp"
#include "client/kiosk_replica.hpp"
#include "client/sync_cycle.hpp"
#include "store/journal.hpp"
#include "sync_bench_support.hpp"

using namespace speedmeet;

namespace {

struct Run {
  std::vector<double> latencies_ms;
  int errors = 0;
  std::string first_error;
};

Run simulate(const bench::ScratchDir& dir, const std::string& central, const std::string& url, int kiosks,
             int seconds, const std::string& prefix) {
  Run run;
  std::mutex mutex;
  std::vector<std::thread> threads;
  for (int k = 0; k < kiosks; ++k) {
    const std::string name = prefix + std::to_string(k);
    const std::string token = bench::enrol(central, name);
    const std::string path = bench::make_kiosk(dir, name + ".db");
    threads.emplace_back([&, name, token, path, k] {
      store::Database db(path, store::OpenMode::read_write);
      client::KioskReplica replica(db);
      client::CurlTransport transport({url, token, "", std::chrono::seconds(3), std::chrono::seconds(10)});
      store::Journal journal(db, name);
      try {
        client::run_sync_cycle(transport, replica, {});  // first start: snapshot
      } catch (const std::exception& e) {
        const std::lock_guard lock(mutex);
        ++run.errors;
        run.first_error = e.what();
        return;
      }
      // Stagger the kiosks across the second, as real scans would be.
      auto next = bench::Clock::now() + std::chrono::milliseconds(1000 * k / kiosks);
      const auto end = bench::Clock::now() + std::chrono::seconds(seconds);
      for (int i = 0; bench::Clock::now() < end; ++i) {
        std::this_thread::sleep_until(next);
        next += std::chrono::seconds(1);
        JournalRow e;
        e.kind = JournalKind::entrance;
        e.participant = std::string("P").append(std::to_string(51 + (k * 7 + i) % 50));  // GCC 12: PR 105329
        e.outcome = "welcome";
        e.device_time_ms = 1'795'784'400'000 + i;
        journal.append(e);  // the UI's durable write, not timed
        const auto start = bench::Clock::now();
        try {
          client::run_sync_cycle(transport, replica, {});
          const double ms = bench::ms_since(start);
          const std::lock_guard lock(mutex);
          run.latencies_ms.push_back(ms);
        } catch (const std::exception& ex) {
          const std::lock_guard lock(mutex);
          if (run.errors++ == 0) run.first_error = ex.what();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 60;
  bench::ScratchDir dir;
  const std::string central = bench::make_event(dir, "central.db", 100, 8, 16);
  bench::LocalServer server(central);

  const Run alone = simulate(dir, central, server.url(), 1, std::min(seconds, 10), "solo-");
  const Run crowd = simulate(dir, central, server.url(), 20, seconds, "kiosk-");
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
