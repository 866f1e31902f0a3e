// The three ways the day went wrong in issue 12, end to end: a real
// `speedmeet serve`, a real headless kiosk on the demo event, the re-match
// run by hand (`speedmeet rematch`) and the report. Each failed before
// presence was one definition shared by kiosk, re-match and reports.
#include <catch2/catch.hpp>

#include <signal.h>

#include <fstream>
#include <map>

#include "kiosk_processes.hpp"
#include "net_helpers.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using namespace std::chrono_literals;

namespace {

// A kiosk script: each scan at its own venue time (demo day, Luxembourg).
std::string at(const std::string& hhmm, const std::string& code) {
  return "+0 clock 2026-11-27T" + hhmm + "\n+0 scan " + code + "\n";
}

// A day on the demo event: central database, server, one door kiosk.
struct Day {
  TempDir dir;
  std::string central = make_central_db(dir);
  int port = free_port();
  KioskSetup door = make_kiosk(dir, central, "door", port);
  ServerProcess server{dir, central, port};

  Day() {
    server.start();
    REQUIRE(server.wait_ready(10s));
  }
  ~Day() {
    server.kill(SIGTERM);
    server.wait();
  }

  std::string badge(const std::string& id) { return badge_of(central, id); }

  // Runs the door kiosk on `script` (then a sync) and returns its scan lines.
  std::vector<nlohmann::json> door_scans(const std::string& script) {
    const auto out = run_kiosks(dir, {{&door, "+0 sync\n" + script + "+0 sync\n", "2026-11-27T13:00"}});
    auto lines = json_lines(out[0]);
    REQUIRE(lines.size() >= 2);
    CHECK(lines.front()["sync"] == "ok");
    CHECK(lines.back()["sync"] == "ok");
    CHECK(lines.back()["pending"] == 0);
    return {lines.begin() + 1, lines.end() - 1};
  }

  void rematch_round_1() { require_ok(run_speedmeet({"rematch", central, "--round", "1"})); }

  // Round-1 meetings in the central schedule, by participant.
  std::map<std::string, std::vector<Meeting>> round_1() {
    store::Database db(central, store::OpenMode::read_write);
    std::map<std::string, std::vector<Meeting>> by_person;
    for (const Meeting& m : store::EventStore(db).meetings())
      if (m.round == 1)
        for (const std::string& p : {m.a, m.b}) by_person[p].push_back(m);
    return by_person;
  }

  // meetings.csv of a report as of 16:30, by "A-B" pair: its status.
  std::map<std::string, std::string> report_status() {
    require_ok(run_speedmeet({"report", central, "--out", dir.file("report"), "--at", "2026-11-27T16:30"}));
    std::ifstream in(dir.file("report/meetings.csv"));
    std::map<std::string, std::string> status;
    for (std::string line; std::getline(in, line);) {
      const auto f = csv_fields(line);
      if (f.size() == 13 && f[1] == "1") status[f[4] + "-" + f[6]] = f[11];
    }
    return status;
  }
};

}  // namespace

TEST_CASE("day scenario 1: people checked in by their first scan are not re-matched away, and their meeting is held") {
  Day day;
  // C01 comes early and again inside the window; P01 scans once, inside the
  // window (an entrance row naming the meeting); P02 came, C02 never does.
  const auto scans = day.door_scans(at("13:30", day.badge("C01")) + at("13:57", day.badge("C01")) +
                                    at("13:57", day.badge("P01")) + at("13:57", day.badge("P02")));
  REQUIRE(scans.size() == 4);
  CHECK(scans[2]["outcome"] == "welcome");
  CHECK(scans[2]["checked_in"] == true);
  day.rematch_round_1();

  const auto schedule = day.round_1();
  REQUIRE(schedule.at("C01").size() == 1);
  CHECK(schedule.at("C01")[0].partner_of("C01") == "P01");  // still at table 1 together
  CHECK_FALSE(schedule.at("C01")[0].rematch);
  REQUIRE(schedule.at("P02").size() == 1);
  CHECK(schedule.at("P02")[0].partner_of("P02") == "C02");  // nobody free to pair with: stays put
  const auto status = day.report_status();
  CHECK(status.at("C01-P01") == "held");
  CHECK(status.at("C02-P02") == "one_side_only");
  CHECK(status.at("C03-P03") == "no_show");
}

TEST_CASE("day scenario 2: inside the next round's window, a person sitting in the current round is checked in for the next") {
  Day day;
  // Rounds of 12 minutes with 3-minute breaks and a 5-minute window: round
  // 2's window opens at 14:10, while round 1 runs until 14:12.
  const auto scans = day.door_scans(at("13:57", day.badge("C01")) + at("14:11", day.badge("C01")));
  REQUIRE(scans.size() == 2);
  CHECK(scans[0]["round"] == 1);
  CHECK(scans[0]["checked_in"] == true);
  CHECK(scans[1]["outcome"] == "next");
  CHECK(scans[1]["round"] == 2);
  CHECK(scans[1]["table"] == 1);
  CHECK(scans[1]["partner"] == "P22");
  CHECK(scans[1]["checked_in"] == true);
  // The server sees C01 in both rounds.
  CHECK(count_rows(day.central, "SELECT count(*) FROM journal WHERE participant_id = 'C01' AND meeting_id IS NOT NULL") == 2);
}

TEST_CASE("day scenario 3: a re-matched pair is never split again, whoever arrives late and however often the re-match runs") {
  Day day;
  // C01 and P02 came; their partners P01 and C02 did not.
  day.door_scans(at("13:57", day.badge("C01")) + at("13:58", day.badge("P02")));
  day.rematch_round_1();
  auto schedule = day.round_1();
  REQUIRE(schedule.at("C01").size() == 1);
  const Meeting pair = schedule.at("C01")[0];
  REQUIRE(pair.rematch);
  REQUIRE(pair.partner_of("C01") == "P02");

  // C01 scans again: already checked in with the new partner. P03 arrives
  // late; their partner C03 never comes.
  const auto later = day.door_scans(at("14:04", day.badge("C01")) + at("14:06", day.badge("P03")));
  REQUIRE(later.size() == 2);
  CHECK(later[0]["outcome"] == "next");
  CHECK(later[0]["partner"] == "P02");
  CHECK(later[0]["rematch"] == true);
  CHECK(later[0]["checked_in"] == false);  // present already: no second check-in
  CHECK(later[1]["outcome"] == "late");  // first scan, round running past its window
  CHECK(later[1]["checked_in"] == true);

  // The timer, a hand, a restart: the re-match runs again, twice.
  day.rematch_round_1();
  day.rematch_round_1();
  schedule = day.round_1();
  REQUIRE(schedule.at("C01").size() == 1);
  CHECK(schedule.at("C01")[0] == pair);
  REQUIRE(schedule.at("P02").size() == 1);
  CHECK(schedule.at("P02")[0] == pair);
  REQUIRE(schedule.at("P03").size() == 1);  // nobody left to pair P03 with
  for (const auto& [person, meetings] : schedule) CHECK(meetings.size() == 1);  // nobody twice in the round

  // The kiosk, after its next sync, still sends C01 to P02 in round 1, and on
  // to their own round-2 meeting.
  const auto after = day.door_scans(at("14:07", day.badge("C01")) + at("14:16", day.badge("C01")));
  REQUIRE(after.size() == 2);
  CHECK(after[0]["round"] == 1);
  CHECK(after[0]["partner"] == "P02");
  CHECK(after[1]["round"] == 2);
  CHECK(after[1]["partner"] == "P22");

  const auto status = day.report_status();
  CHECK(status.at("C01-P02") == "held");
  CHECK(status.at("C01-P01") == "replaced");
  CHECK(status.at("C02-P02") == "replaced");
  CHECK(status.at("C03-P03") == "one_side_only");
}
