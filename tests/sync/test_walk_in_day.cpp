// A walk-in on the day, end to end: a real `speedmeet serve`, a real
// headless kiosk on the demo event with a receipt printer (a file standing
// in for /dev/usb/lp0). The desk adds someone during round 2 with the real
// `speedmeet walk-in`; they are placed in round 3 at the one table free
// there, with the company that has no meeting; after the kiosk's next sync,
// the badge the desk printed (decoded from its PDF) says welcome with round
// 3's table and partner, and the kiosk prints their agenda slip.
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kiosk_processes.hpp"
#include "net_helpers.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// The demo schedule without C05's round-3 meeting (table 5, with P08): the
// one free seat of round 3, as a cancellation before the day leaves it.
std::string meetings_with_a_free_table(const TempDir& dir) {
  std::ifstream in(source_path("config/demo/meetings.csv"));
  std::string kept;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("3,5,", 0) != 0) kept += line + "\n";
  REQUIRE(kept.find("3,5,C05,P08") == std::string::npos);
  return dir.write("meetings-free-table.csv", kept);
}

std::string tool(const std::string& name) {
  for (const char* dir : {"/usr/bin", "/usr/local/bin", "/bin"})
    if (fs::exists(fs::path(dir) / name)) return (fs::path(dir) / name).string();
  FAIL(name << " is not installed");
  return name;
}

// The code in the badge PDF's QR, read with pdftoppm and `speedmeet decode`.
std::string code_in_pdf(const TempDir& dir, const std::string& pdf) {
  require_ok(run_process({tool("pdftoppm"), "-r", "150", "-png", "-singlefile", pdf, dir.file("walk-in-badge")}));
  const auto r = run_speedmeet({"decode", dir.file("walk-in-badge.png")});
  require_ok(r);
  const auto tab = r.out.find('\t');
  REQUIRE(tab != std::string::npos);
  return r.out.substr(tab + 1, r.out.find('\n') - tab - 1);
}

}  // namespace

TEST_CASE("a walk-in added during round 2 is placed in round 3 with a free partner, and the kiosk shows it") {
  TempDir dir;
  const std::string central = make_central_db(dir);
  require_ok(run_speedmeet({"import", central, "--meetings", meetings_with_a_free_table(dir)}));
  const int port = free_port();
  KioskSetup door = make_kiosk(dir, central, "door", port);
  const std::string slips = dir.write("lp0", "");
  {
    std::ofstream config(door.config, std::ios::app);
    config << "[printer]\ndevice = \"" << slips << "\"\n";
  }
  ServerProcess server{dir, central, port};
  server.start();
  REQUIRE(server.wait_ready(10s));

  // Round 2 is running (14:15-14:27): the door kiosk takes its snapshot and
  // checks C01 in.
  const auto before = json_lines(run_kiosks(
      dir, {{&door, "+0 sync\n+0 scan " + badge_of(central, "C01") + "\n", "2026-11-27T14:16"}})[0]);
  REQUIRE(before.size() == 2);
  CHECK(before[0]["sync"] == "ok");
  CHECK(before[1]["outcome"] == "welcome");

  // 14:20: the desk adds the walk-in and prints their badge.
  const auto added = run_speedmeet({"walk-in", central, "--name", "Wanda Walker", "--organization", "Late Startup",
                                    "--role", "project", "--language", "en", "--email", "wanda@example.org",
                                    "--at", "2026-11-27T14:20", "--out", dir.file("w01.pdf")});
  require_ok(added);
  CHECK(added.out.rfind("W01: Wanda Walker (Late Startup), project, en, badge serial 1\n"
                        "round 3 at 14:30, table 5 (P\xC3\xA9trusse): with C05 J\xC3\xA4ngi Reuter "
                        "(Post Telecom L\xC3\xABtzebuerg)\nno free seat: rounds 4, 5, 6, 7, 8\n",
                        0) == 0);
  {
    store::Database db(central, store::OpenMode::read_write);
    std::vector<Meeting> mine;
    for (const Meeting& m : store::EventStore(db).meetings())
      if (m.involves("W01")) mine.push_back(m);
    REQUIRE(mine.size() == 1);
    CHECK(mine[0].round == 3);
    CHECK(mine[0].table == 5);
    CHECK(mine[0].partner_of("W01") == "C05");
    CHECK_FALSE(mine[0].rematch);
  }
  const std::string code = code_in_pdf(dir, dir.file("w01.pdf"));
  CHECK(code == badge_of(central, "W01"));

  // The kiosk's next sync brings the walk-in and their meeting; their badge
  // is welcome, with round 3's table and partner.
  const auto after = json_lines(run_kiosks(
      dir, {{&door, "+0 sync\n+0 clock 2026-11-27T14:21\n+0 scan " + code + "\n+0 sync\n", "2026-11-27T14:20"}})[0]);
  REQUIRE(after.size() == 3);
  CHECK(after[0]["sync"] == "ok");
  CHECK(after[1]["outcome"] == "welcome");
  CHECK(after[1]["participant"] == "W01");
  CHECK(after[1]["round"] == 3);
  CHECK(after[1]["table"] == 5);
  CHECK(after[1]["partner"] == "C05");
  CHECK(after[1]["rematch"] == false);
  CHECK(after[1]["checked_in"] == true);
  CHECK(after[2]["sync"] == "ok");
  CHECK(after[2]["pending"] == 0);

  // Two first check-ins, two slips: C01's, then the walk-in's (WPC1252).
  const std::string printed = read_file(slips);
  const auto second = printed.find("\x1b@", 1);
  REQUIRE(printed.rfind("\x1b@", 0) == 0);
  REQUIRE(second != std::string::npos);
  const std::string slip = printed.substr(second);
  CHECK(slip.find("Wanda Walker\n") != std::string::npos);
  CHECK(slip.find("14:30 Table 5 P\xE9trusse\n") != std::string::npos);
  CHECK(slip.find("      with J\xE4ngi Reuter\n") != std::string::npos);
  CHECK(slip.find("\nW01\n") != std::string::npos);
  CHECK(slip.substr(slip.size() - 4) == std::string("\x1dV\x42\x03"));

  server.kill(SIGTERM);
  CHECK(server.wait() == 0);
}
