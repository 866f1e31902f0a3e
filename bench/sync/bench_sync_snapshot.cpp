// A kiosk's first start on a large event: 10,000 participants and 40,000
// meetings, from GET /api/v1/snapshot to the rows committed in the empty
// kiosk database (the sync cycle the kiosk runs, over loopback).
//
// Baselines, measured in the same run on the same data:
//  * the same bytes fetched with curl (gzip, loopback) and thrown away: what
//    any client pays before it parses or stores anything;
//  * a raw sqlite3 read of the same rows (every column stepped, nothing built):
//    the floor of the server's read.
// Each phase is also timed on its own, so a regression shows where it lands.
#include <sqlite3.h>
#include <zlib.h>

#include <cstdio>
#include <functional>

#include "bench_report.hpp"
#include "client/curl_transport.hpp"
#include "client/kiosk_replica.hpp"
#include "client/sync_cycle.hpp"
#include "protocol/json_guard.hpp"
#include "server/event_reader.hpp"
#include "sync_bench_support.hpp"

using namespace speedmeet;

namespace {

constexpr int kRuns = 5;

std::int64_t count(const std::string& db_path, const char* sql) {
  store::Database db(db_path, store::OpenMode::read_only);
  auto st = db.prepare(sql);
  return st.step() ? st.int64(0) : -1;
}

struct Timing {
  double wall = 0, cpu = 0;
};

// Median wall and CPU time of kRuns runs; `prepare` runs untimed before each.
Timing timed(const std::function<void()>& f, const std::function<void()>& prepare = {}) {
  std::vector<double> wall, cpu;
  for (int i = 0; i < kRuns; ++i) {
    if (prepare) prepare();
    const auto start = bench::Clock::now();
    const double cpu_start = bench::cpu_seconds();
    f();
    wall.push_back(bench::seconds_since(start));
    cpu.push_back(bench::cpu_seconds() - cpu_start);
  }
  return {bench::quantile(wall, 0.5), bench::quantile(cpu, 0.5)};
}

std::string ms(const Timing& t) { return bench::fixed(t.wall * 1000, 1) + " ms (CPU " + bench::fixed(t.cpu * 1000, 1) + ")"; }

void phase(const std::string& what, const Timing& t) { bench::report("  snapshot phase: " + what, ms(t), "", "", ""); }

// Every column of the rows the snapshot carries, stepped and read as SQLite
// hands them out; no strings copied, nothing built.
void raw_read(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::size_t bytes = 0;
  for (const char* sql : {"SELECT id, num, name, organization, role, language, badge_code, badge_serial, arrives, "
                          "leaves FROM participants ORDER BY num",
                          "SELECT id, round, table_no, a, b, origin FROM meetings ORDER BY round, table_no"}) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        // Each value in its stored type, as the server's reader takes it.
        if (sqlite3_column_type(st, c) == SQLITE_TEXT) {
          sqlite3_column_text(st, c);
          bytes += static_cast<std::size_t>(sqlite3_column_bytes(st, c));
        } else {
          bytes += static_cast<std::size_t>(sqlite3_column_int64(st, c) != 0);
        }
      }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  if (bytes == 0) std::fprintf(stderr, "raw read found nothing\n");
}

std::size_t gzip_size(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));  // zlib's API is not const-correct
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  const std::size_t n = z.total_out;
  deflateEnd(&z);
  return n;
}

}  // namespace

int main() {
  bench::ScratchDir dir;
  const std::string central = bench::make_event(dir, "central.db", 10'000, 40, 1'000);
  const std::string token = bench::enrol(central, "kiosk");
  bench::LocalServer server(central);
  const client::TransportConfig config{server.url(), token, "", std::chrono::seconds(5), std::chrono::seconds(120)};
  client::CurlTransport transport(config);
  transport.get("/api/v1/health");  // connect once, as a running kiosk would be

  // The headline: request -> applied, as the kiosk's sync cycle does it.
  std::string fresh;
  int kiosk_no = 0;
  const Timing first_start = timed(
      [&] {
        store::Database db(fresh, store::OpenMode::read_write);
        client::KioskReplica replica(db);
        client::run_sync_cycle(transport, replica, {1000, 1000});
      },
      [&] { fresh = bench::make_kiosk(dir, "snapshot-" + std::to_string(++kiosk_no) + ".db"); });
  for (const char* sql : {"SELECT count(*) FROM participants", "SELECT count(*) FROM meetings"})
    if (count(fresh, sql) != count(central, sql)) {
      std::fprintf(stderr, "kiosk and server disagree: %s\n", sql);
      return 1;
    }

  // Baselines.
  std::size_t wire_bytes = 0;
  const Timing fetched = timed([&] {
    const auto answer = transport.get("/api/v1/snapshot");
    if (answer.status != 200) std::fprintf(stderr, "snapshot: HTTP %d\n", answer.status);
    wire_bytes = answer.body.size();
  });
  const Timing raw = timed([&] { raw_read(central); });

  // Phases, each on its own.
  protocol::Snapshot snapshot;
  const Timing read = timed([&] {
    store::Database db(central, store::OpenMode::read_only);
    snapshot = server::build_snapshot(db);
  });
  std::string body;
  const Timing encode = timed([&] { body = protocol::snapshot_json(snapshot); });
  std::size_t packed = 0;
  const Timing gzip = timed([&] { packed = gzip_size(body); });
  protocol::Snapshot parsed;
  const Timing parse = timed([&] { parsed = protocol::read_snapshot_text(body, 16); });
  const Timing apply = timed(
      [&] {
        store::Database db(fresh, store::OpenMode::read_write);
        client::KioskReplica(db).apply_snapshot(parsed);
      },
      [&] { fresh = bench::make_kiosk(dir, "apply-" + std::to_string(++kiosk_no) + ".db"); });
  if (parsed.participants.size() != 10'000 || parsed.meetings.size() != 40'000) return 1;

  bench::report("sync snapshot 10k participants + 40k meetings, request to applied (s)", bench::fixed(first_start.wall, 3),
                bench::fixed(fetched.wall, 3) + " same bytes fetched by curl, not applied",
                bench::fixed(first_start.wall / fetched.wall, 2) + "x the fetch", "<= 1 s");
  bench::report("sync snapshot request to applied, CPU (s)", bench::fixed(first_start.cpu, 3),
                bench::fixed(fetched.cpu, 3) + " fetch only", "", "");
  bench::report("sync snapshot server read (s)", bench::fixed(read.wall, 3),
                bench::fixed(raw.wall, 3) + " raw sqlite3 read of the same rows",
                bench::fixed(read.wall / raw.wall, 2) + "x", "");
  phase("server read into structs", read);
  phase("JSON encode (" + std::to_string(body.size() / 1024) + " KiB)", encode);
  phase("gzip level 1 (" + std::to_string(packed / 1024) + " KiB; " + std::to_string(wire_bytes / 1024) +
            " KiB decoded by curl)",
        gzip);
  phase("client parse", parse);
  phase("client apply (one transaction)", apply);
  phase("fetch: server + gzip + loopback + gunzip", fetched);
  return 0;
}
