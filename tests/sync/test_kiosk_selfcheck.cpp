// Self-check and out-of-order codes (issue 16), with a real headless kiosk
// that keeps running while the test breaks and mends what it needs: the
// camera device disappears and comes back; the server is down, then up.
// The kiosk prints {"selfcheck":CODE} when its state changes.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "kiosk_processes.hpp"
#include "net_helpers.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using namespace std::chrono_literals;

namespace {

// A script long enough to outlast the test's changes: a minute of simulated
// time per line (a self-check each), each with `each` before it. The test
// stops the kiosk with SIGTERM once it saw what it waited for.
std::string minutes(const std::string& each, int count) {
  std::string s;
  for (int i = 0; i < count; ++i) s += each + "+60 wait\n";
  return s;
}

// A kiosk process the test watches line by line.
class RunningKiosk {
 public:
  RunningKiosk(const TempDir& dir, const KioskSetup& k, const std::string& script, const std::string& tag)
      : out_(dir.file(tag + ".out")),
        err_(dir.file(tag + ".err")),
        child_({SPEEDMEET_KIOSK_BIN, "--config", k.config, "--headless", "--script", dir.write(tag + ".script", script),
                "--clock", "2026-11-27T13:55", "--size", "480x270", "--screenshots", dir.file(tag + "-shots")},
               out_, err_) {}

  // Waits until the kiosk printed a line holding `text`; false after 60 s.
  bool wait_for(const std::string& text) {
    for (auto deadline = std::chrono::steady_clock::now() + 60s; std::chrono::steady_clock::now() < deadline;) {
      if (read_file(out_).find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  std::vector<nlohmann::json> stop() {
    child_.kill(SIGTERM);
    ProcessResult r;
    r.exit_code = child_.wait();
    r.out = read_file(out_);
    r.err = read_file(err_);
    return json_lines(r);
  }

 private:
  std::string out_, err_;
  ChildProcess child_;
};

std::vector<std::string> selfcheck_states(const std::vector<nlohmann::json>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines)
    if (l.contains("selfcheck")) out.push_back(l["selfcheck"]);
  return out;
}

struct Site {
  TempDir dir;
  std::string central = make_central_db(dir);
  int port = free_port();
  KioskSetup door = make_kiosk(dir, central, "door", port);
  ServerProcess server{dir, central, port};

  // The kiosk takes its snapshot while the server is up.
  Site() {
    server.start();
    REQUIRE(server.wait_ready(10s));
    require_ok(run_kiosks(dir, {{&door, "+0 sync\n", "2026-11-27T13:50"}})[0]);
  }
  ~Site() {
    server.kill(SIGTERM);
    server.wait();
  }
  void add_to_config(const std::string& toml) {
    std::ofstream(door.config, std::ios::app) << toml;
  }
};

}  // namespace

TEST_CASE("no camera device: out of order with E-CAM and the kiosk's name; back by itself when it returns") {
  Site site;
  const std::string camera = site.dir.file("video0");  // a frame source path that is not there
  site.add_to_config("[camera]\ndevice = \"" + camera + "\"\n");
  RunningKiosk kiosk(site.dir, site.door, "+0 scan " + badge_of(site.central, "C01") + "\n" + minutes("", 100'000), "cam");
  REQUIRE(kiosk.wait_for("\"selfcheck\":\"E-CAM\""));
  std::ofstream(camera).put('\n');
  REQUIRE(kiosk.wait_for("\"selfcheck\":\"ok\""));
  const auto lines = kiosk.stop();
  CHECK(selfcheck_states(lines) == std::vector<std::string>{"E-CAM", "ok"});
  CHECK(lines[0]["problem"] == "no camera at " + camera);
  REQUIRE(lines.size() >= 2);
  CHECK(lines[1]["outcome"] == "out_of_order");  // the scan: nothing decided, nothing recorded
  CHECK(lines[1]["reason"] == "E-CAM");
  CHECK(lines[1]["recorded"] == false);
  const auto shots = site.dir.file("cam-shots");
  CHECK(std::filesystem::exists(shots + "/0001-out-of-order.png"));
  CHECK(std::filesystem::exists(shots + "/0002-idle.png"));
}

TEST_CASE("server down where kiosk.toml requires it: out of order with E-NET; back once the server answers") {
  Site site;
  site.add_to_config("[selfcheck]\nrequire_server = true\n");
  site.server.kill(SIGTERM);
  site.server.wait();
  RunningKiosk kiosk(site.dir, site.door, minutes("+0 sync\n", 100'000), "net");
  REQUIRE(kiosk.wait_for("\"selfcheck\":\"E-NET\""));
  site.server.start();
  REQUIRE(site.server.wait_ready(10s));
  REQUIRE(kiosk.wait_for("\"selfcheck\":\"ok\""));
  const auto lines = kiosk.stop();
  CHECK(selfcheck_states(lines) == std::vector<std::string>{"E-NET", "ok"});
}
