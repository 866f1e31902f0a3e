#pragma once
// Kiosks at one event, each scanning and syncing every second (push its new
// check-in, pull everyone else's) through the real sync client: the load the
// sync and console benchmarks measure against.
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench_report.hpp"
#include "client/curl_transport.hpp"
#include "client/kiosk_replica.hpp"
#include "client/sync_cycle.hpp"
#include "store/journal.hpp"
#include "sync_bench_support.hpp"

namespace speedmeet::bench {

// Each sync cycle's latency, and the failed cycles.
struct CrowdRun {
  std::vector<double> latencies_ms;
  int errors = 0;
  std::string first_error;
};

// `kiosks` enrolled kiosks named PREFIX0, PREFIX1... on `central`, each
// with its own database, synced with `url` every second for `seconds`.
inline CrowdRun run_kiosk_crowd(const ScratchDir& dir, const std::string& central, const std::string& url,
                                int kiosks, int seconds, const std::string& prefix) {
  CrowdRun run;
  std::mutex mutex;
  std::vector<std::thread> threads;
  for (int k = 0; k < kiosks; ++k) {
    const std::string name = prefix + std::to_string(k);
    const std::string token = enrol(central, name);
    const std::string path = make_kiosk(dir, name + ".db");
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
      auto next = Clock::now() + std::chrono::milliseconds(1000 * k / kiosks);
      const auto end = Clock::now() + std::chrono::seconds(seconds);
      for (int i = 0; Clock::now() < end; ++i) {
        std::this_thread::sleep_until(next);
        next += std::chrono::seconds(1);
        JournalRow e;
        e.kind = JournalKind::entrance;
        e.participant = std::string("P").append(std::to_string(51 + (k * 7 + i) % 50));  // GCC 12: PR 105329
        e.outcome = "welcome";
        e.device_time_ms = 1'795'784'400'000 + i;
        journal.append(e);  // the UI's durable write, not timed
        const auto start = Clock::now();
        try {
          client::run_sync_cycle(transport, replica, {});
          const double ms = ms_since(start);
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


}  // namespace speedmeet::bench
