// What the console's pages show, from a real central database: the board's
// table states and standby list, attendance, people search, a person, and
// the departures the re-match respects.
#include <catch2/catch.hpp>

#include "console/views.hpp"
#include "console/zip_writer.hpp"
#include "scheduling/central_schedule.hpp"
#include "server/device_registry.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/journal.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using nlohmann::json;

namespace {

constexpr std::int64_t kRound1 = 1795784400;  // the demo's first round, 14:00 in Luxembourg

std::int64_t meeting_at(store::Database& db, int round, int table) {
  for (const Meeting& m : store::EventStore(db).meetings())
    if (m.round == round && m.table == table) return m.id;
  FAIL("no meeting at table " << table);
  return 0;
}

const json& table(const json& board, int number) {
  for (const json& t : board["tables"])
    if (t["number"] == number) return t;
  throw std::runtime_error("no table " + std::to_string(number));
}

// Round 1: table 1 both in, table 2 only C02, table 3 nobody, table 4 only
// C04 whose partner P04 the desk marked as gone, table 5 only P05.
void play_round_1(store::Database& db) {
  store::Journal door(db, "door");
  const std::int64_t at = (kRound1 - 60) * 1000;
  door.append(meeting_checkin("C01", meeting_at(db, 1, 1), at));
  door.append(meeting_checkin("P01", meeting_at(db, 1, 1), at));
  door.append(meeting_checkin("C02", meeting_at(db, 1, 2), at));
  door.append(meeting_checkin("C04", meeting_at(db, 1, 4), at));
  door.append(meeting_checkin("P05", meeting_at(db, 1, 5), at));
  door.append(entrance("P04", at - 600'000));
  db.prepare("INSERT INTO departures (participant_id, left_at, staff) VALUES ('P04', 1, 'dora')").run();
}

}  // namespace

TEST_CASE("the board: table states before and after the grace period, standby without departed people") {
  TempDir dir;
  store::Database db(make_central_db(dir), store::OpenMode::read_write);
  play_round_1(db);

  const json before = console::board_json(db, std::nullopt, from_unix(kRound1 + 60));
  REQUIRE(before["round"]["number"] == 1);
  CHECK(table(before, 1)["state"] == "complete");
  CHECK(table(before, 2)["state"] == "waiting");
  CHECK(table(before, 3)["state"] == "empty");
  CHECK(table(before, 2)["meeting"]["a"]["present"] == true);
  CHECK(table(before, 2)["meeting"]["b"]["present"] == false);
  CHECK(before["standby"].empty());  // nobody is standing by before the grace period ends
  CHECK(before.dump().find('@') == std::string::npos);

  const json after = console::board_json(db, 1, from_unix(kRound1 + 10 * 60));
  CHECK(table(after, 3)["state"] == "no_show");
  std::set<std::string> standby;
  for (const json& p : after["standby"]) standby.insert(p["id"].get<std::string>());
  CHECK(standby.contains("C02"));
  CHECK(standby.contains("C04"));
  CHECK_FALSE(standby.contains("P04"));
  int counted = 0;
  for (const auto& [state, n] : after["counts"].items()) counted += n.get<int>();
  CHECK(counted == static_cast<int>(after["tables"].size()));

  // The default round follows the clock: round 2 once round 1 has ended.
  CHECK(console::board_json(db, std::nullopt, from_unix(kRound1 + 13 * 60))["round"]["number"] == 2);
  CHECK(console::board_json(db, 99, from_unix(kRound1))["round"].is_null());
}

TEST_CASE("the re-match pairs standby people but never one the desk marked as gone") {
  TempDir dir;
  store::Database db(make_central_db(dir), store::OpenMode::read_write);
  play_round_1(db);
  const auto outcome = schedule::rematch_round(db, 1);
  for (const schedule::Standby& s : outcome.standby) CHECK(s.participant != "P04");
  for (const Meeting& m : outcome.added) CHECK_FALSE(m.involves("P04"));
  REQUIRE(outcome.added.size() == 1);  // P05 with C02 or C04
  CHECK(outcome.added[0].involves("P05"));
  // A re-matched table says so on the board.
  const json board = console::board_json(db, 1, from_unix(kRound1 + 10 * 60));
  CHECK(table(board, outcome.added[0].table)["meeting"]["rematch"] == true);
}

TEST_CASE("attendance, people search and a person's page") {
  TempDir dir;
  store::Database db(make_central_db(dir), store::OpenMode::read_write);
  play_round_1(db);
  store::Journal(db, "door").append(entrance("C01", (kRound1 - 120) * 1000));
  store::Journal(db, "door-2").append(entrance("C01", (kRound1 - 30) * 1000));  // admitted again by a second kiosk

  const json attendance = console::attendance_json(db, from_unix(kRound1 + 60));
  CHECK(attendance["at_venue"] == 6);
  CHECK(attendance["rounds"][0]["present"] == 5);
  REQUIRE(attendance["doubles"].size() == 1);
  CHECK(attendance["doubles"][0]["id"] == "C01");
  CHECK(attendance["next_round"] == 1);
  for (const json& p : attendance["missing"]) CHECK(p["id"] != "C01");

  const json found = console::people_json(db, "c0");
  CHECK(found.size() >= 9);
  CHECK(console::people_json(db, "banque kirchberg")[0]["id"] == "C01");
  CHECK(console::people_json(db, "no such person").empty());

  const auto person = console::person_json(db, "C01", from_unix(kRound1));
  REQUIRE(person);
  CHECK((*person)["person"]["at_venue"] == true);
  CHECK((*person)["scans"].size() == 3);
  CHECK((*person)["agenda"][0]["round"] == 1);
  CHECK_FALSE(console::person_json(db, "nobody", from_unix(kRound1)));
}

TEST_CASE("the stored zip is read back whole by another implementation (Python's zipfile)") {
  TempDir dir;
  const std::string zip = console::stored_zip({{"a.csv", "x,y\r\n1,2\r\n"}, {"empty.csv", ""}}, 1795784400);
  const auto path = dir.write("all.zip", zip);
  const auto read = run_process({"/usr/bin/python3", "-c",
                                 "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n"
                                 "print(z.namelist(), z.read('a.csv'))",
                                 path});
  INFO(read.err);
  REQUIRE(read.exit_code == 0);
  CHECK(read.out == "['a.csv', 'empty.csv'] b'x,y\\r\\n1,2\\r\\n'\n");
}

TEST_CASE("the devices page's data: each kiosk's clock offset as it last reported it, or null") {
  TempDir dir;
  const auto central = make_central_db(dir);
  require_ok(run_speedmeet({"device", "add", central, "door-1"}));
  require_ok(run_speedmeet({"device", "add", central, "door-2"}));
  store::Database db(central, store::OpenMode::read_write);
  server::DeviceRegistry(db).record_clock("door-1", -7'200'123, 4, 1'795'784'400'000);
  const auto devices = console::devices_json(db);
  REQUIRE(devices.size() == 2);
  CHECK(devices[0]["name"] == "door-1");
  CHECK(devices[0]["clock_offset_ms"] == -7'200'123);
  CHECK(devices[0]["clock_rtt_ms"] == 4);
  CHECK(devices[1]["clock_offset_ms"].is_null());
}
