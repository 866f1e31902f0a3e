// 500 kiosks against one server on loopback, each syncing every 2 s: push
// its new check-ins (if any), pull everyone else's. The venue scans 20
// badges a second in all, as in bench_sync_kiosks (each kiosk one cycle in
// 12.5 on average): every check-in reaches all 499 other kiosks, so the
// work grows with kiosks x scans, and 500 kiosks each scanning every cycle
// would measure that fan-out (125,000 rows a second), not the HTTP layer.
// The kiosks are lean simulations — the real libcurl transport and protocol
// messages, one kept-alive connection each, but no kiosk SQLite (the full
// client is bench_sync_kiosks'; 500 of them would measure this machine's
// disk and the clients' CPU, not the server). Cycle latency percentiles and
// errors, beside one such kiosk alone in the same run.
// Usage: bench_sync_crowd [SECONDS]   (default 60; scripts/bench runs 60)
#include <algorithm>
#include <atomic>
#include <barrier>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "bench_report.hpp"
#include "client/curl_transport.hpp"
#include "protocol/json_tree.hpp"
#include "protocol/messages.hpp"
#include "store/journal.hpp"
#include "sync_bench_support.hpp"

using namespace speedmeet;

namespace {

constexpr auto kPeriod = std::chrono::milliseconds(2000);
constexpr double kVenueScansPerSecond = 20;

struct Run {
  std::vector<double> latencies_ms;
  int errors = 0;
  std::string first_error;
};

class SimulatedKiosk {
 public:
  SimulatedKiosk(const std::string& url, std::string name, const std::string& token)
      : name_(std::move(name)), transport_({url, token, "", std::chrono::seconds(5), std::chrono::seconds(20)}) {}

  // First start: the snapshot gives the cursor. Throws on failure.
  void start() {
    const auto r = transport_.get("/api/v1/snapshot");
    if (r.status != 200) fail("snapshot", r);
    cursor_ = protocol::Json::parse(r.body)["cursor"].get<std::int64_t>();
  }

  // Push a new check-in when there is one, then pull to the end of the feed.
  void cycle(bool scanned) {
    if (scanned) push();
    for (bool more = true; more;) {
      const auto r = transport_.get("/api/v1/changes?since=" + std::to_string(cursor_) + "&limit=1000");
      if (r.status != 200) fail("changes", r);
      const protocol::ChangesPage page = protocol::read_changes_page(r.body, 64);
      cursor_ = page.next_cursor;
      more = page.more;
    }
  }

 private:
  void push() {
    protocol::JournalRow row;
    row.uuid = store::make_uuid_v4();
    row.device = name_;
    row.seq = ++seq_;
    row.device_time_ms = 1'795'784'400'000 + seq_;
    row.kind = speedmeet::JournalKind::entrance;
    row.participant = std::string("P").append(std::to_string(51 + seq_ % 50));  // GCC 12: PR 105329
    row.outcome = "welcome";
    const auto pushed = transport_.post_json("/api/v1/journal", protocol::make_journal_batch("bench", {row}));
    if (pushed.status != 200) fail("upload", pushed);
  }

  [[noreturn]] static void fail(const std::string& what, const client::HttpResult& r) {
    throw std::runtime_error(what + ": " + (r.status ? "HTTP " + std::to_string(r.status) : r.error));
  }
  std::string name_;
  client::CurlTransport transport_;
  std::int64_t cursor_ = 0, seq_ = 0;
};

// `kiosks` kiosks each syncing every `period` for `seconds`, each cycle
// bringing a new check-in with probability `scan_chance`.
Run simulate(const std::string& central, const std::string& url, int kiosks, int seconds,
             std::chrono::milliseconds period, double scan_chance, const std::string& prefix) {
  Run run;
  std::mutex mutex;
  const auto record_error = [&](const std::string& what) {
    const std::lock_guard lock(mutex);
    if (run.errors++ == 0) run.first_error = what;
  };
  std::vector<std::string> tokens;
  for (int k = 0; k < kiosks; ++k) tokens.push_back(bench::enrol(central, prefix + std::to_string(k)));
  // Every kiosk takes its first snapshot before the measured period begins.
  bench::Clock::time_point begin, end;
  std::barrier started(kiosks, [&]() noexcept {
    begin = bench::Clock::now() + std::chrono::milliseconds(200);
    end = begin + std::chrono::seconds(seconds);
  });
  std::vector<std::thread> threads;
  for (int k = 0; k < kiosks; ++k)
    threads.emplace_back([&, k] {
      SimulatedKiosk kiosk(url, prefix + std::to_string(k), tokens[static_cast<std::size_t>(k)]);
      try {
        kiosk.start();
      } catch (const std::exception& e) {
        started.arrive_and_drop();
        return record_error(e.what());
      }
      started.arrive_and_wait();
      // Spread evenly over the period, as kiosks started at random times would be.
      auto next = begin + period * k / kiosks;
      std::mt19937 rng(static_cast<unsigned>(k));
      std::bernoulli_distribution scans(scan_chance);
      std::vector<double> mine;
      while (next < end) {
        std::this_thread::sleep_until(next);
        next += period;
        const bool scanned = scans(rng);
        const auto start = bench::Clock::now();
        try {
          kiosk.cycle(scanned);
          mine.push_back(bench::ms_since(start));
        } catch (const std::exception& e) {
          record_error(e.what());
        }
      }
      const std::lock_guard lock(mutex);
      run.latencies_ms.insert(run.latencies_ms.end(), mine.begin(), mine.end());
    });
  for (auto& t : threads) t.join();
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::max(4, std::atoi(argv[1])) : 60;
  constexpr int kKiosks = 500;
  server::raise_open_file_limit();
  bench::ScratchDir dir;
  const std::string central = bench::make_event(dir, "central.db", 100, 8, 16);
  bench::LocalServer server(central);

  // Each kiosk's cycles bring a check-in as often as the venue's 20 scans/s
  // spread over 500 kiosks: one cycle in 12.5. The baseline kiosk runs the
  // same mix alone, every 100 ms.
  const double scan_chance = kVenueScansPerSecond * std::chrono::duration<double>(kPeriod).count() / kKiosks;
  const Run alone =
      simulate(central, server.url(), 1, std::min(seconds, 10), std::chrono::milliseconds(100), scan_chance, "solo-");
  const double cpu_start = bench::cpu_seconds();
  const auto wall_start = bench::Clock::now();
  const Run crowd = simulate(central, server.url(), kKiosks, seconds, kPeriod, scan_chance, "kiosk-");
  const double cpu = (bench::cpu_seconds() - cpu_start) / bench::seconds_since(wall_start);
  if (crowd.errors) std::fprintf(stderr, "first error: %s\n", crowd.first_error.c_str());

  const std::string label = "sync 500 kiosks x 1/2 s, 20 scans/s, for " + std::to_string(seconds) + " s";
  const double p99 = bench::quantile(crowd.latencies_ms, 0.99), base_p99 = bench::quantile(alone.latencies_ms, 0.99);
  bench::report(label + ": cycle p99 (ms)", bench::fixed(p99, 1), bench::fixed(base_p99, 1) + " one kiosk alone",
                bench::fixed(p99 / base_p99, 2) + "x", "<= 100 ms");
  bench::report("sync 500 kiosks: cycle p50 (ms)", bench::fixed(bench::quantile(crowd.latencies_ms, 0.5), 1),
                bench::fixed(bench::quantile(alone.latencies_ms, 0.5), 1) + " one kiosk", "", "");
  bench::report("sync 500 kiosks: cycles / errors",
                std::to_string(crowd.latencies_ms.size()) + " / " + std::to_string(crowd.errors),
                std::to_string(alone.latencies_ms.size()) + " / " + std::to_string(alone.errors) + " one kiosk", "",
                "0 errors");
  bench::report("sync 500 kiosks: CPU of server + 500 clients (cores busy)", bench::fixed(cpu, 2), "", "", "");
  return crowd.errors == 0 ? 0 : 1;
}
