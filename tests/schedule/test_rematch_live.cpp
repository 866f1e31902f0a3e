// The server's own re-match: a real `speedmeet serve` on 127.0.0.1, an event
// whose round 1 started moments ago, check-ins uploaded with libcurl before
// the grace period ends, and the re-match read back from the change feed as
// a kiosk would, with no command run by hand.
#include <catch2/catch.hpp>

#include <csignal>
#include <chrono>
#include <ctime>
#include <iomanip>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "client/curl_transport.hpp"
#include "net_helpers.hpp"
#include "protocol/messages.hpp"
#include "protocol/json_tree.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using SystemClock = std::chrono::system_clock;

namespace {

// Time the test allows itself to set up and upload before round 1's grace
// period ends; generous so a loaded machine or a sanitizer build still makes it.
constexpr auto setup_margin = std::chrono::seconds(25);

// TOML local date-time in UTC for `when` (the event below is in UTC).
std::string toml_local_time(SystemClock::time_point when) {
  const std::time_t t = SystemClock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  std::ostringstream out;
  out << std::put_time(&utc, "%Y-%m-%dT%H:%M:%S");
  return out.str();
}

// The demo event moved to UTC with round 1 starting so that its grace period
// (3 minutes) ends `setup_margin` from now.
std::string live_demo_db(const TempDir& dir, SystemClock::time_point grace_ends) {
  std::string toml = read_file(source_path("config/demo/event.toml"));
  toml = std::regex_replace(toml, std::regex("\ntimezone = \"[^\"]*\""), "\ntimezone = \"UTC\"");
  toml = std::regex_replace(toml, std::regex("\nstart = [0-9T:-]+"),
                            "\nstart = " + toml_local_time(grace_ends - std::chrono::minutes(3)));
  const std::string db = dir.file("central.db");
  require_ok(run_speedmeet({"init", db, "--event", dir.write("event.toml", toml)}));
  require_ok(run_speedmeet({"import", db, source_path("config/demo/participants.csv")}));
  require_ok(run_speedmeet({"import", db, "--wishes", source_path("config/demo/wishes.csv")}));
  require_ok(run_speedmeet({"schedule", db, "--mode", "fill"}));
  return db;
}

std::string enrol(const std::string& db, const std::string& device) {
  const auto r = run_speedmeet({"device", "add", db, device});
  require_ok(r);
  return r.out.substr(0, r.out.find('\n'));
}

struct Scanner {
  std::string device;
  std::int64_t seq = 0;
  std::vector<protocol::JournalRow> rows;

  // The kiosk's one row for a first scan inside the window: entrance and
  // meeting check-in together.
  void check_in(const std::string& who, std::int64_t meeting_id) {
    ++seq;
    const std::string number = std::to_string(seq);
    protocol::JournalRow row;
    row.uuid = "00000000-0000-4000-8000-" + std::string(12 - number.size(), '0') + number;
    row.device = device;
    row.seq = seq;
    row.device_time_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(SystemClock::now().time_since_epoch()).count();
    row.kind = JournalKind::meeting;
    row.participant = who;
    row.meeting_id = meeting_id;
    row.outcome = "next";
    row.code = who;
    rows.push_back(row);
  }
};

std::vector<Meeting> round_meetings(const std::string& db, int round) {
  store::Database d(db, store::OpenMode::read_only);
  std::vector<Meeting> out;
  for (const Meeting& m : store::EventStore(d).meetings())
    if (m.round == round) out.push_back(m);
  return out;
}

bool have_met(const std::vector<Meeting>& all, const std::string& a, const std::string& b) {
  return std::any_of(all.begin(), all.end(),
                     [&](const Meeting& m) { return std::minmax(m.a, m.b) == std::minmax(a, b); });
}

}  // namespace

TEST_CASE("serve re-matches stood-up attendees by itself; the next feed page carries the new pairs") {
  TempDir dir;
  const auto grace_ends = SystemClock::now() + setup_margin;
  const std::string db = live_demo_db(dir, grace_ends);
  const std::string token = enrol(db, "door-1");

  std::vector<Meeting> all;
  {
    store::Database d(db, store::OpenMode::read_only);
    all = store::EventStore(d).meetings();
  }
  const auto round1 = round_meetings(db, 1);
  REQUIRE(round1.size() >= 4);
  // Stood up: the company at t1 (its project holder stays away) and the
  // project holder at a table whose company stays away and who has never
  // met that company — the pair the server should form.
  const Meeting& t1 = round1[0];
  auto other = std::find_if(round1.begin() + 1, round1.end(),
                            [&](const Meeting& m) { return !have_met(all, t1.a, m.b); });
  REQUIRE(other != round1.end());
  const Meeting t2 = *other;
  const std::set<std::string> absent{t1.b, t2.a};

  // Everyone else checks in for round 1 before the grace period ends; the
  // last of them (a late arrival) within it keeps their meeting.
  Scanner door;
  door.device = "door-1";
  for (const Meeting& m : round1)
    for (const std::string& who : {m.a, m.b})
      if (!absent.contains(who)) door.check_in(who, m.id);

  const int port = free_port();
  ServerProcess server(dir, db, port);
  server.start();
  REQUIRE(server.wait_ready(std::chrono::seconds(20)));

  client::TransportConfig config;
  config.server_url = "http://127.0.0.1:" + std::to_string(port);
  config.token = token;
  client::CurlTransport kiosk(config);
  const auto snapshot = kiosk.get("/api/v1/snapshot");
  REQUIRE(snapshot.status == 200);
  const auto snap = protocol::parse_snapshot(protocol::Json::parse(snapshot.body));
  const auto posted = kiosk.post_json("/api/v1/journal", protocol::make_journal_batch(snap.event.id, door.rows));
  REQUIRE(posted.status == 200);
  const auto results = protocol::parse_journal_results(protocol::Json::parse(posted.body), door.rows.size());
  for (const auto& r : results) REQUIRE(r.result == protocol::RowResult::stored);
  INFO("the setup took longer than its margin; raise setup_margin");
  REQUIRE(SystemClock::now() < grace_ends);

  // Poll the feed from the snapshot's cursor as a kiosk does every few
  // seconds, until the re-match appears (the server checks every 5 s).
  std::vector<protocol::Change> seen;
  std::int64_t cursor = snap.cursor;
  const auto deadline = grace_ends + std::chrono::seconds(30);
  bool rematched = false;
  while (!rematched && SystemClock::now() < deadline) {
    const auto r = kiosk.get("/api/v1/changes?since=" + std::to_string(cursor) + "&limit=500");
    REQUIRE(r.status == 200);
    const auto page = protocol::parse_changes_page(protocol::Json::parse(r.body));
    for (const auto& c : page.changes) {
      seen.push_back(c);
      if (c.entity == protocol::Entity::meeting && !c.is_delete && protocol::to_json(c.data).value("origin", "") == "rematch")
        rematched = true;
    }
    cursor = page.next_cursor;
    if (!rematched) std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  INFO(server.all_logs());
  REQUIRE(rematched);
  CHECK(SystemClock::now() >= grace_ends);  // not before the grace period ended

  std::set<std::string> deleted, kept_apart;
  std::vector<protocol::MeetingInfo> added;
  for (const auto& c : seen) {
    if (c.entity != protocol::Entity::meeting) continue;
    if (c.is_delete)
      deleted.insert(c.key);
    else if (std::get<protocol::MeetingInfo>(c.data).replaced)
      kept_apart.insert(c.key);
    else
      added.push_back(std::get<protocol::MeetingInfo>(c.data));
  }
  // The two stood-up meetings are gone from the schedule (kiosks keep them
  // apart, flagged, so presence carries over) and one new pair sits at a
  // freed table.
  CHECK(deleted == std::set<std::string>{std::to_string(t1.id), std::to_string(t2.id)});
  CHECK(kept_apart == deleted);
  REQUIRE(added.size() == 1);
  CHECK(added[0].round == 1);
  CHECK(std::minmax(added[0].a, added[0].b) == std::minmax(t1.a, t2.b));
  CHECK((added[0].table == t1.table || added[0].table == t2.table));
  CHECK(!have_met(all, added[0].a, added[0].b));  // never a pair that met or will meet

  // Everyone who came keeps their meeting; the server logs the run once.
  const auto after = round_meetings(db, 1);
  for (const Meeting& m : round1)
    if (m.id != t1.id && m.id != t2.id) CHECK(std::find(after.begin(), after.end(), m) != after.end());
  const std::string logs = server.all_logs();
  CHECK(logs.find("rematch round=1 meetings=1") != std::string::npos);

  // The report keeps the day as it happened: both stood-up meetings, counted
  // apart as replaced, beside the new pair.
  require_ok(run_speedmeet({"report", db, "--out", dir.file("report")}));
  const std::string report = read_file(dir.file("report/meetings.csv"));
  for (const Meeting& m : {t1, t2}) {
    const std::string line = "\n" + std::to_string(m.id) + "," + std::to_string(m.round) + "," +
                             std::to_string(m.table) + ",";
    const auto at = report.find(line);
    REQUIRE(at != std::string::npos);
    const std::string row = report.substr(at + 1, report.find('\n', at + 1) - at - 1);
    INFO(row);
    CHECK(row.find(",replaced,yes") != std::string::npos);
  }
  CHECK(report.find(",rematch,") != std::string::npos);

  // Mid-event, the schedule can no longer be replaced: the check-ins point at it.
  const auto again = run_speedmeet({"schedule", db, "--mode", "fill", "--seed", "2"});
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("the event has begun") != std::string::npos);
  CHECK(round_meetings(db, 1) == after);

  server.kill(SIGTERM);
  CHECK(server.wait() == 0);
}
