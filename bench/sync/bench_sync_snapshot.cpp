// A kiosk's first start on a large event: 10,000 participants and 40,000
// meetings. Two figures, each beside the change feed replayed from cursor 0:
//  * served: GET /api/v1/snapshot (server read, JSON, gzip, loopback) and
//    the kiosk's strict parse of it;
//  * first start: the same, then stored in the empty kiosk database.
#include <cstdio>

#include "bench_report.hpp"
#include "client/curl_transport.hpp"
#include "client/kiosk_replica.hpp"
#include "client/sync_cycle.hpp"
#include "protocol/json_guard.hpp"
#include "sync_bench_support.hpp"

using namespace speedmeet;

namespace {

std::int64_t count(const std::string& db_path, const char* sql) {
  store::Database db(db_path, store::OpenMode::read_only);
  auto st = db.prepare(sql);
  return st.step() ? st.int64(0) : -1;
}

struct Timing {
  double wall = 0, cpu = 0;
};

template <class F>
Timing timed(F&& f) {
  const auto start = bench::Clock::now();
  const double cpu = bench::cpu_seconds();
  f();
  return {bench::seconds_since(start), bench::cpu_seconds() - cpu};
}

void line(const std::string& metric, const Timing& value, const Timing& baseline, const std::string& what,
          const std::string& target) {
  bench::report(metric + " (s)", bench::fixed(value.wall, 3), bench::fixed(baseline.wall, 3) + " " + what,
                bench::fixed(baseline.wall / value.wall, 1) + "x", target);
  bench::report(metric + ", CPU (s)", bench::fixed(value.cpu, 3), bench::fixed(baseline.cpu, 3) + " " + what,
                bench::fixed(baseline.cpu / value.cpu, 1) + "x", "");
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

  std::size_t participants = 0;
  const Timing served = timed([&] {
    const auto answer = transport.get("/api/v1/snapshot");
    participants = protocol::parse_snapshot(protocol::parse_json(answer.body, 16)).participants.size();
  });
  const Timing feed = timed([&] {
    std::int64_t cursor = 0;
    for (bool more = true; more;) {
      const auto answer = transport.get("/api/v1/changes?since=" + std::to_string(cursor) + "&limit=1000");
      const auto page = protocol::parse_changes_page(protocol::parse_json(answer.body, 16));
      for (const auto& c : page.changes)
        if (c.entity == protocol::Entity::participant) protocol::parse_participant(c.data);
        else if (c.entity == protocol::Entity::meeting) protocol::parse_meeting(c.data);
      cursor = page.next_cursor;
      more = page.more;
    }
  });
  if (participants != 10'000) return 1;

  const std::string fresh = bench::make_kiosk(dir, "snapshot.db");
  const Timing first_start = timed([&] {
    store::Database db(fresh, store::OpenMode::read_write);
    client::KioskReplica replica(db);
    client::run_sync_cycle(transport, replica, {1000, 1000});
  });
  const std::string replayed = bench::make_kiosk(dir, "replay.db");
  const Timing replay = timed([&] {
    store::Database db(replayed, store::OpenMode::read_write);
    client::KioskReplica replica(db);
    db.exec("INSERT INTO sync_state (key, value) VALUES ('cursor', '0')");  // as if there from the start
    client::run_sync_cycle(transport, replica, {1000, 1000});
  });
  for (const char* sql : {"SELECT count(*) FROM participants", "SELECT count(*) FROM meetings"})
    if (count(fresh, sql) != count(replayed, sql) || count(fresh, sql) != count(central, sql)) {
      std::fprintf(stderr, "kiosk and server disagree: %s\n", sql);
      return 1;
    }

  line("sync snapshot 10k participants + 40k meetings served + parsed", served, feed, "change feed", "<= 1 s");
  line("sync first start 10k + 40k stored in the kiosk", first_start, replay, "change-feed replay", "");
  return 0;
}
