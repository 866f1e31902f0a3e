// Pushing a kiosk's queue of 10,000 check-ins over loopback: speedmeet's
// batches (up to 1,000 rows per request, one transaction each) beside one
// request per row, the way pretixSCAN uploads its queue.
#include <cstdio>

#include "bench_report.hpp"
#include "client/curl_transport.hpp"
#include "client/kiosk_replica.hpp"
#include "client/sync_cycle.hpp"
#include "protocol/messages.hpp"
#include "store/journal.hpp"
#include "sync_bench_support.hpp"

using namespace speedmeet;

namespace {

constexpr int kRows = 10'000;

void queue(const std::string& kiosk, const std::string& device, int rows) {
  store::Database db(kiosk, store::OpenMode::read_write);
  store::Transaction tx(db);
  auto insert = db.prepare(
      "INSERT INTO journal (uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome) "
      "VALUES (?, ?, ?, ?, 'meeting', ?, ?, 'next')");
  for (int i = 1; i <= rows; ++i)
    insert.bind(1, store::make_uuid_v4()).bind(2, device).bind(3, i).bind(4, std::int64_t{1'795'784'400'000} + i)
        .bind(5, std::string("P").append(std::to_string(i % 50 + 1))).bind(6, i % 100 + 1).run();
  tx.commit();
}

}  // namespace

int main() {
  bench::ScratchDir dir;
  const std::string central = bench::make_event(dir, "central.db", 100, 8, 16);
  const std::string batched_kiosk = bench::make_kiosk(dir, "batched.db");
  const std::string single_kiosk = bench::make_kiosk(dir, "single.db");
  const std::string token_b = bench::enrol(central, "batched");
  const std::string token_s = bench::enrol(central, "single");
  queue(batched_kiosk, "batched", kRows);
  queue(single_kiosk, "single", kRows);
  bench::LocalServer server(central);

  // speedmeet: the sync cycle as the kiosk runs it (snapshot first, then
  // batches of 1,000); the clock covers the upload only.
  double batched_s = 0, batched_cpu_s = 0, single_cpu_s = 0;
  {
    store::Database db(batched_kiosk, store::OpenMode::read_write);
    client::KioskReplica replica(db);
    client::CurlTransport transport({server.url(), token_b, "", std::chrono::seconds(5), std::chrono::seconds(60)});
    client::run_sync_cycle(transport, replica, {0, 1000});  // batch size 0: snapshot and pull only
  }
  {
    store::Database db(batched_kiosk, store::OpenMode::read_write);
    client::KioskReplica replica(db);
    client::CurlTransport transport({server.url(), token_b, "", std::chrono::seconds(5), std::chrono::seconds(60)});
    const auto start = bench::Clock::now();
    const double cpu_start = bench::cpu_seconds();
    const auto r = client::run_sync_cycle(transport, replica, {1000, 1000});
    batched_s = bench::seconds_since(start);
    batched_cpu_s = bench::cpu_seconds() - cpu_start;
    if (r.rows_uploaded != kRows || replica.pending_count() != 0) {
      std::fprintf(stderr, "batched upload incomplete: %lld rows\n", static_cast<long long>(r.rows_uploaded));
      return 1;
    }
  }

  // Baseline: one POST per row over the same kept-alive connection.
  double single_s = 0;
  {
    store::Database db(single_kiosk, store::OpenMode::read_write);
    client::KioskReplica replica(db);
    client::CurlTransport transport({server.url(), token_s, "", std::chrono::seconds(5), std::chrono::seconds(60)});
    const auto rows = replica.pending_rows(kRows);
    const std::string event_id = "bench";
    const auto start = bench::Clock::now();
    const double cpu_start = bench::cpu_seconds();
    for (const auto& row : rows) {
      const auto answer = transport.post_json("/api/v1/journal", protocol::make_journal_batch(event_id, {row}));
      if (answer.status != 200) {
        std::fprintf(stderr, "single-row upload failed: %d %s\n", answer.status, answer.error.c_str());
        return 1;
      }
    }
    single_s = bench::seconds_since(start);
    single_cpu_s = bench::cpu_seconds() - cpu_start;
  }

  bench::report("sync push 10,000 queued rows (s)", bench::fixed(batched_s, 3), bench::fixed(single_s, 3) + " one per row",
                bench::fixed(single_s / batched_s, 1) + "x", "<= 1 s, >= 20x");
  bench::report("sync push 10,000 rows, CPU of client + server (s)", bench::fixed(batched_cpu_s, 3),
                bench::fixed(single_cpu_s, 3) + " one per row", bench::fixed(single_cpu_s / batched_cpu_s, 1) + "x", "");
  bench::report("sync push rate (rows/s)", bench::fixed(kRows / batched_s, 0), bench::fixed(kRows / single_s, 0),
                bench::fixed(single_s / batched_s, 1) + "x", "");
  return 0;
}
