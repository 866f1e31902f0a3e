// A clock the kiosk can trust (issue 16), end to end: a real `speedmeet
// serve` whose clock is right, real headless kiosks whose own clocks are
// right, two hours fast, two hours slow, or at 1970. After one sync they
// decide and show exactly what the right clock does; before it, the 1970
// kiosk says "clock not set" and records nothing; rows keep both times.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <iomanip>
#include <regex>
#include <set>
#include <sstream>

#include "kiosk_processes.hpp"
#include "net_helpers.hpp"
#include "store/database.hpp"
#include "store/statement.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using namespace std::chrono_literals;
using SystemClock = std::chrono::system_clock;

namespace {

std::string utc_iso(SystemClock::time_point when, bool zone) {
  const std::time_t t = SystemClock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  std::ostringstream out;
  out << std::put_time(&utc, "%Y-%m-%dT%H:%M:%S") << (zone ? "Z" : "");
  return out.str();
}

// The demo event in UTC, round 1 starting two minutes from now: a scan now
// is inside its check-in window (5 minutes), as the server's clock says.
std::string event_starting_soon(const TempDir& dir) {
  std::string toml = read_file(source_path("config/demo/event.toml"));
  toml = std::regex_replace(toml, std::regex("\ntimezone = \"[^\"]*\""), "\ntimezone = \"UTC\"");
  toml = std::regex_replace(toml, std::regex("\nstart = [0-9T:-]+"),
                            "\nstart = " + utc_iso(SystemClock::now() + 2min, false));
  const std::string db = dir.file("central.db");
  require_ok(run_speedmeet({"init", db, "--event", dir.write("event.toml", toml)}));
  require_ok(run_speedmeet({"import", db, source_path("config/demo/participants.csv")}));
  require_ok(run_speedmeet({"import", db, "--meetings", source_path("config/demo/meetings.csv")}));
  return db;
}

struct Venue {
  TempDir dir;
  std::string central = event_starting_soon(dir);
  int port = free_port();
  ServerProcess server{dir, central, port};
  Venue() {
    server.start();
    REQUIRE(server.wait_ready(10s));
  }
  ~Venue() {
    server.kill(SIGTERM);
    server.wait();
  }
};

// What a scan line says, without what differs by design (the person, the
// table, the row's id, the latency).
std::string decision_of(const nlohmann::json& line) {
  return line["outcome"].get<std::string>() + "/" + line["reason"].get<std::string>() + "/round " +
         line["round"].dump() + "/checked_in " + line["checked_in"].dump();
}

// Screenshot names in order, without their sequence numbers, one for a
// screen shown again (a sync's reload redraws the same screen).
std::vector<std::string> screens_in(const std::string& dir) {
  std::set<std::string> files;
  for (const auto& f : std::filesystem::directory_iterator(dir)) files.insert(f.path().filename().string());
  std::vector<std::string> out;
  for (const auto& f : files)
    if (out.empty() || out.back() != f.substr(5) || f.substr(5).rfind("result", 0) == 0) out.push_back(f.substr(5));
  return out;
}

struct Row {
  std::int64_t device_time, corrected_time;
  std::string participant;
};
std::vector<Row> journal_of(const KioskSetup& k) {
  store::Database db(k.data + "/kiosk.db", store::OpenMode::read_write);
  auto st = db.prepare("SELECT device_time, coalesce(corrected_time, -1), coalesce(participant_id, '') FROM journal "
                       "WHERE device = ? ORDER BY seq");
  st.bind(1, k.name);
  std::vector<Row> rows;
  while (st.step()) rows.push_back({st.int64(0), st.int64(1), st.text(2)});
  return rows;
}

std::int64_t unix_ms(SystemClock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

TEST_CASE("kiosks whose clocks are 2 h fast, 2 h slow or at 1970 decide as a right clock does after one sync") {
  Venue venue;
  const auto now = SystemClock::now();
  struct Skewed {
    std::string name;
    std::string device_clock;
    std::int64_t skew_ms;  // device minus true time
  };
  const std::vector<Skewed> kiosks{{"right", utc_iso(now, true), 0},
                                   {"fast", utc_iso(now + 2h, true), 7'200'000},
                                   {"slow", utc_iso(now - 2h, true), -7'200'000},
                                   {"epoch", "1970-01-01T00:00:00Z", 0}};
  std::vector<std::string> reference_decisions, reference_screens;
  for (std::size_t i = 0; i < kiosks.size(); ++i) {
    const Skewed& k = kiosks[i];
    INFO("kiosk " << k.name);
    const KioskSetup setup = make_kiosk(venue.dir, venue.central, k.name, venue.port);
    // Company i and project i meet at table i in round 1.
    const std::string company = "C0" + std::to_string(i + 1), project = "P0" + std::to_string(i + 1);
    const std::string shots = venue.dir.file(k.name + "-shots");
    const bool epoch = k.name == "epoch";
    // The 1970 kiosk is first scanned before it ever synced.
    const std::string before = epoch ? "+0 scan " + badge_of(venue.central, company) + "\n" : "";
    const auto out = run_kiosks(venue.dir, {{&setup,
                                             before + "+0 sync\n+1 scan " + badge_of(venue.central, company) +
                                                 "\n+1 scan " + badge_of(venue.central, project) + "\n+9 wait\n+0 sync\n",
                                             "",
                                             {"--device-clock", k.device_clock, "--screenshots", shots}}});
    auto lines = json_lines(out[0]);
    INFO(out[0].out << out[0].err);
    if (epoch) {
      REQUIRE(lines.size() == 5);
      CHECK(lines[0]["outcome"] == "clock_not_set");
      CHECK(lines[0]["recorded"] == false);
      CHECK(lines[0]["checked_in"] == false);
      lines.erase(lines.begin());
    }
    REQUIRE(lines.size() == 4);
    CHECK(lines[0]["sync"] == "ok");
    CHECK(lines[3]["sync"] == "ok");
    CHECK(lines[3]["pending"] == 0);
    CHECK(lines[1]["table"] == static_cast<int>(i + 1));
    const std::vector<std::string> decisions{decision_of(lines[1]), decision_of(lines[2])};
    auto screens = screens_in(shots);
    if (epoch) {
      REQUIRE(screens.size() >= 2);
      CHECK(screens.front() == "clock-not-set.png");  // from the start: the clock reads 1970
      screens.erase(screens.begin());
    }
    if (i == 0) {
      CHECK(decisions[0] == "welcome//round 1/checked_in true");
      CHECK(decisions[1] == "welcome//round 1/checked_in true");
      reference_decisions = decisions;
      reference_screens = screens;
    } else {
      CHECK(decisions == reference_decisions);
      CHECK(screens == reference_screens);
    }

    // Each row keeps the device's own time and the corrected one.
    const auto rows = journal_of(setup);
    REQUIRE(rows.size() == 2);  // nothing from the scan before the sync
    for (const Row& r : rows) {
      CHECK(std::llabs(r.corrected_time - unix_ms(now)) < 60'000);
      if (epoch) CHECK(r.device_time < 60'000);  // 1970, a few seconds in
      else CHECK(std::llabs(r.device_time - r.corrected_time - k.skew_ms) < 60'000);  // the runs take real seconds
    }
  }

  // The server heard each kiosk's offset: `device list` and the report say it.
  const auto list = run_speedmeet({"device", "list", venue.central});
  require_ok(list);
  INFO(list.out);
  // Within a minute of two hours: a script's own delays move a simulated
  // device clock ahead of real time (11 s here), and a loaded machine runs
  // each kiosk seconds after `now` was read.
  CHECK(std::regex_search(list.out, std::regex("fast\t.*clock offset -(2:00:[0-5][0-9]|1:59:[0-5][0-9])")));
  CHECK(std::regex_search(list.out, std::regex("slow\t.*clock offset \\+(2:00:[0-5][0-9]|1:59:[0-5][0-9])")));
  CHECK(std::regex_search(list.out, std::regex("epoch\t.*clock offset \\+[0-9]+ d ")));
  require_ok(run_speedmeet({"report", venue.central, "--out", venue.dir.file("report")}));
  std::ifstream devices(venue.dir.file("report/devices.csv"));
  std::map<std::string, std::int64_t> offsets;
  for (std::string line; std::getline(devices, line);) {
    const auto f = csv_fields(line);
    if (f.size() == 14 && f[0].find("device") == std::string::npos) offsets[f[0]] = std::stoll(f[10]);
  }
  REQUIRE(offsets.size() == 4);
  CHECK(std::llabs(offsets["fast"] + 7'200'000) < 60'000);
  CHECK(std::llabs(offsets["slow"] - 7'200'000) < 60'000);
  CHECK(std::llabs(offsets["right"]) < 60'000);
}

TEST_CASE("a kiosk at 1970 that cannot sync: clock not set until staff confirm the time on the staff panel") {
  Venue venue;
  const KioskSetup setup = make_kiosk(venue.dir, venue.central, "door", venue.port);
  const std::string shots = venue.dir.file("door-shots");
  // The kiosk took its snapshot (on a pinned clock); then the server goes away.
  require_ok(run_kiosks(venue.dir, {{&setup, "+0 sync\n", utc_iso(SystemClock::now(), true)}})[0]);
  venue.server.kill(SIGTERM);
  venue.server.wait();
  // S01 is staff: their badge opens the panel even now; the fourth action confirms the time.
  const std::string script = "+0 scan " + badge_of(venue.central, "C01") + "\n+1 scan " + badge_of(venue.central, "S01") +
                             "\n+1 key down\n+1 key down\n+1 key down\n+1 key enter\n+1 key escape\n+1 scan " +
                             badge_of(venue.central, "C02") + "\n";
  const auto out = run_kiosks(venue.dir, {{&setup, script, "", {"--device-clock", "1970-01-01T00:00:00Z", "--screenshots", shots}}});
  const auto lines = json_lines(out[0]);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0]["outcome"] == "clock_not_set");
  CHECK(lines[1]["outcome"] == "staff");
  CHECK(lines[2]["outcome"] == "welcome");  // decided at the time staff confirmed: an entrance, no meeting
  CHECK(lines[2]["checked_in"] == true);
  const auto screens = screens_in(shots);
  CHECK(std::count(screens.begin(), screens.end(), "clock-not-set.png") >= 1);
  const auto rows = journal_of(setup);
  REQUIRE(rows.size() == 2);                 // the staff scan and C02's entrance; nothing for C01
  CHECK(rows[1].participant == "C02");
  CHECK(rows[1].corrected_time == rows[1].device_time);  // confirmed as it reads: no offset
  store::Database db(setup.data + "/kiosk.db", store::OpenMode::read_write);
  auto st = db.prepare("SELECT count(*) FROM journal WHERE meeting_id IS NOT NULL");
  REQUIRE(st.step());
  CHECK(st.int64(0) == 0);  // 1970 is long before any round: no meeting check-in
}
