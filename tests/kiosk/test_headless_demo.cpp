#include <catch2/catch.hpp>

#include <filesystem>

#include <sqlite3.h>

#include "kiosk_run.hpp"
#include "scan/sdl/image_file.hpp"
#include "qr/qr_encoder.hpp"
#include "support/db_dump.hpp"

using namespace speedmeet::test;
namespace fs = std::filesystem;

TEST_CASE("a scripted morning at the demo kiosk") {
  TempDir dir;
  // A QR code seen by the camera, and a frame with none.
  speedmeet::scan::save_gray_png(speedmeet::qr::render_qr("P03", 6), dir.file("p03.png"));
  speedmeet::scan::save_gray_png(speedmeet::qr::GrayImage(640, 480, 200), dir.file("blank.png"));
  // The demo clock starts 3 minutes before round 1 (14:00 in Luxembourg).
  const std::string script = dir.write("morning.txt",
                                       "+1 scan P01\n"            // welcome, table 1 with C01
                                       "+1 scan P01\n"            // same code within 3 s: ignored
                                       "+5 scan SM1.AAAA.BBBB\n"  // not a valid badge
                                       "+5 scan C01\n"            // welcome; P01 is waiting at table 1
                                       "+1 scan S01\n"            // staff panel
                                       "+1 key down\n+1 key enter\n"  // host board
                                       "+1 key escape\n"
                                       "+900 scan P01\n"          // 14:12: round 1 over; P01 sits out round 2
                                       "+0 clock 2026-11-27T14:22\n"
                                       "+0 scan P18\n"            // round 2 running for 7 min: late
                                       "+1 image " + dir.file("p03.png") + "\n"  // camera: P03, next at 14:30
                                       "+1 image " + dir.file("blank.png") + "\n"  // camera: nothing readable
                                       "+0 clock 2026-11-27T16:30\n"
                                       "+0 scan P01\n");          // after the last round: done
  const auto r = run_process(kiosk_args(dir, script, true));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 10);
  CHECK(lines[0]["outcome"] == "welcome");
  CHECK(lines[0]["participant"] == "P01");
  CHECK(lines[0]["table"] == 1);
  CHECK(lines[0]["partner"] == "C01");
  CHECK(lines[0]["recorded"] == true);
  CHECK(lines[0]["row"].get<std::string>().size() == 36);
  CHECK(lines[1]["outcome"] == "ignored");
  CHECK(lines[2]["outcome"] == "rejected");
  CHECK(lines[2]["reason"] == "malformed");
  CHECK(lines[3]["outcome"] == "welcome");
  CHECK(lines[3]["participant"] == "C01");
  CHECK(lines[4]["outcome"] == "staff");
  CHECK(lines[5]["outcome"] == "next");
  CHECK(lines[5]["round"] == 3);
  CHECK(lines[6]["outcome"] == "late");
  CHECK(lines[6]["participant"] == "P18");
  CHECK(lines[7]["outcome"] == "welcome");
  CHECK(lines[7]["participant"] == "P03");
  CHECK(lines[7]["round"] == 3);
  CHECK(lines[8]["outcome"] == "rejected");
  CHECK(lines[8]["reason"] == "unreadable");
  CHECK(lines[9]["outcome"] == "done");
  for (const auto& l : lines) CHECK(l["latency_ms"].get<double>() >= 0);

  // A PNG per screen change, named after the screen.
  std::vector<std::string> shots;
  for (const auto& e : fs::directory_iterator(dir.file("shots"))) shots.push_back(e.path().filename().string());
  std::sort(shots.begin(), shots.end());
  REQUIRE(!shots.empty());
  CHECK(shots.front() == "0001-idle.png");
  auto has = [&](const std::string& part) {
    return std::any_of(shots.begin(), shots.end(), [&](const std::string& s) { return s.find(part) != std::string::npos; });
  };
  CHECK(has("result-welcome"));
  CHECK(has("result-rejected-malformed"));
  CHECK(has("staff"));
  CHECK(has("board"));
  CHECK(has("result-late"));
  CHECK(has("result-done"));

  // The demo keeps its data: a second run sees P01 as already arrived.
  const auto again = run_process(kiosk_args(dir, dir.write("again.txt", "+0 scan P01\n"), false));
  REQUIRE(again.exit_code == 0);
  CHECK(json_lines(again.out).at(0)["outcome"] == "next");
  CHECK(integrity_check(dir.file("demo/demo.db")) == "ok");
}

namespace {

struct StoredRow {
  std::string kind, participant, staff;
  bool names_meeting = false;
};

// The journal row of that uuid, as the demo database holds it.
StoredRow stored_row(const std::string& db_path, const std::string& uuid) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);  // replays the WAL
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT kind, participant_id, staff, meeting_id IS NOT NULL FROM journal WHERE uuid = ?",
                             -1, &st, nullptr) == SQLITE_OK);
  sqlite3_bind_text(st, 1, uuid.c_str(), -1, SQLITE_TRANSIENT);
  StoredRow row;
  const bool found = sqlite3_step(st) == SQLITE_ROW;
  if (found) {
    auto text = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i))); };
    row = {text(0), text(1), text(2), sqlite3_column_int(st, 3) != 0};
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  REQUIRE(found);
  return row;
}

}  // namespace

TEST_CASE("staff check someone in by name on the staff panel; a badge scanned meanwhile is a scan") {
  TempDir dir;
  // 13:57, round 1's window: S01 (Martine Kieffer) opens the panel, then "Check someone in".
  const std::string script = dir.write("desk.txt",
                                       "+1 scan S01\n"
                                       "+1 key down\n+1 key down\n+1 key enter\n"
                                       "+1 type Marx\n"
                                       "+1 key backspace\n"
                                       "+1 type c\n"            // Marc: Élodie Marchal, then Marc Thill
                                       "+1 key down\n"
                                       "+1 key enter\n"         // Marc Thill (C09), by hand
                                       "+8 scan S01\n"          // the result timed out; the panel again
                                       "+1 key down\n+1 key down\n+1 key enter\n"
                                       "+1 type p01\n"
                                       "+1 scan P09\n"          // a badge while the search is open
                                       "+8 scan S01\n"
                                       "+1 key down\n+1 key down\n+1 key enter\n"
                                       "+1 type C09\n"
                                       "+1 key enter\n");       // Marc again: not checked in twice
  const auto r = run_process(kiosk_args(dir, script, true));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0]["outcome"] == "staff");
  CHECK_FALSE(lines[0].contains("manual_by"));

  const auto& marc = lines[1];
  CHECK(marc["outcome"] == "welcome");
  CHECK(marc["participant"] == "C09");
  CHECK(marc["round"] == 1);
  CHECK(marc["table"] == 9);
  CHECK(marc["partner"] == "P09");
  CHECK(marc["checked_in"] == true);
  CHECK(marc["recorded"] == true);
  CHECK(marc["manual_by"] == "S01");

  CHECK(lines[3]["outcome"] == "welcome");  // P09's badge, scanned while the search was open
  CHECK(lines[3]["participant"] == "P09");
  CHECK_FALSE(lines[3].contains("manual_by"));

  const auto& again = lines[5];
  CHECK(again["participant"] == "C09");
  CHECK(again["outcome"] == "next");
  CHECK(again["checked_in"] == false);
  CHECK(again["manual_by"] == "S01");

  const std::string db = dir.file("demo/demo.db");
  const StoredRow first = stored_row(db, marc["row"]);
  CHECK(first.kind == "entrance");
  CHECK(first.participant == "C09");
  CHECK(first.staff == "S01");
  CHECK(first.names_meeting);
  const StoredRow scanned = stored_row(db, lines[3]["row"]);
  CHECK(scanned.staff.empty());
  const StoredRow second = stored_row(db, again["row"]);
  CHECK(second.kind == "scan");
  CHECK(second.staff == "S01");
  CHECK_FALSE(second.names_meeting);

  std::vector<std::string> shots;
  for (const auto& e : fs::directory_iterator(dir.file("shots"))) shots.push_back(e.path().filename().string());
  CHECK(std::any_of(shots.begin(), shots.end(), [](const std::string& s) { return s.find("staff-search") != std::string::npos; }));
}

TEST_CASE("headless usage and input errors exit 2 with a reason") {
  TempDir dir;
  const auto bad_script = run_process(kiosk_args(dir, dir.write("bad.txt", "+1 scan A\nscan B\n"), false));
  CHECK(bad_script.exit_code == 2);
  CHECK(bad_script.err.find("bad.txt:2") != std::string::npos);
  const auto missing_image = run_process(kiosk_args(dir, dir.write("img.txt", "+1 image /nonexistent/x.png\n"), false));
  CHECK(missing_image.exit_code == 1);
  CHECK(missing_image.err.find("/nonexistent/x.png") != std::string::npos);
  const auto both = run_process({SPEEDMEET_KIOSK_BIN, "--demo", "--config", "x.toml", "--headless"});
  CHECK(both.exit_code == 2);
  const auto bad_clock = run_process({SPEEDMEET_KIOSK_BIN, "--demo", "--data", dir.file("demo"), "--headless",
                                      "--script", dir.write("s.txt", "+0 wait\n"), "--clock", "noon"});
  CHECK(bad_clock.exit_code == 2);
  CHECK(bad_clock.err.find("noon") != std::string::npos);
}
