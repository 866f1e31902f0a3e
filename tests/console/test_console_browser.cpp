// The console in a real headless Chromium (console_browser.py, selenium)
// against a real `speedmeet serve` and a real headless kiosk that syncs:
// roles, the live board, revoke -> kiosk refusal, CSRF, escaping, and no
// browser console error. Set SCREENS=DIR to also write the screenshots.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "console_client.hpp"
#include "kiosk_processes.hpp"
#include "store/database.hpp"
#include "support/process.hpp"

using namespace speedmeet;
using namespace speedmeet::test;

TEST_CASE("the console in a real browser, with a real kiosk syncing") {
  ConsoleServer s;
  const std::string evil = "<img src=x onerror=alert(1)>";
  {
    store::Database db(s.central, store::OpenMode::read_write);
    db.prepare("UPDATE participants SET name = ? WHERE id = 'P01'").bind(1, evil).run();
    // The demo's rounds are full: free table 16 in round 1 for a walk-in.
    db.exec("DELETE FROM meetings WHERE round = 1 AND table_no = 16");
  }
  const KioskSetup door = make_kiosk(s.dir, s.central, "door", s.port);
  const auto script = [&](const std::string& hhmm, const std::string& id) {
    return s.dir.write("scan-" + id + ".script", "+0 sync\n+0 clock 2026-11-27T" + hhmm + "\n+0 scan " +
                                                     badge_of(s.central, id) + "\n+0 sync\n");
  };
  nlohmann::json setup = {
      {"port", s.port},
      {"speedmeet", SPEEDMEET_BIN},
      {"central", s.central},
      {"passwords", {{"host", kHostPassword}, {"desk", kDeskPassword}, {"admin", kAdminPassword}}},
      {"evil_name", evil},
      {"kiosk", {SPEEDMEET_KIOSK_BIN, "--config", door.config, "--headless", "--clock", "2026-11-27T13:00", "--size",
                 "480x270"}},
      {"scan_script", script("13:57", "C01")},
      {"revoked_script", script("13:59", "P07")},
  };
  // The kiosk's first snapshot, so that the timed scan later is only a scan.
  require_ok(run_kiosks(s.dir, {{&door, "+0 sync\n", "2026-11-27T13:00"}})[0]);
  const auto browser =
      run_process({"/usr/bin/python3", SPEEDMEET_SOURCE_DIR "/tests/console/console_browser.py",
                   s.dir.write("setup.json", setup.dump())});
  INFO(browser.out << browser.err);
  CHECK(browser.out.find("FAIL") == std::string::npos);
  CHECK(browser.exit_code == 0);
}
