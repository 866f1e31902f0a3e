// A kiosk killed at any moment has stored every check-in it announced.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include <sqlite3.h>

#include "kiosk_run.hpp"
#include "support/db_dump.hpp"

using namespace speedmeet::test;

namespace {

std::string five_thousand_scans() {
  std::vector<std::string> ids;
  for (int i = 1; i <= 16; ++i) ids.push_back((i < 10 ? "C0" : "C") + std::to_string(i));
  for (int i = 1; i <= 32; ++i) ids.push_back((i < 10 ? "P0" : "P") + std::to_string(i));
  std::string script;
  for (int i = 0; i < 5000; ++i) script += "+0.2 scan " + ids[static_cast<std::size_t>(i) % ids.size()] + "\n";
  return script;
}

std::set<std::string> journal_rows(const std::string& db_path) {
  std::set<std::string> rows;
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);  // read-write: replays the WAL
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT uuid FROM journal", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) rows.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

// Rows the kiosk said were recorded; a line cut by the kill is not a claim.
std::vector<std::string> announced_rows(const std::string& stdout_path) {
  std::vector<std::string> rows;
  std::ifstream in(stdout_path);
  for (std::string line; std::getline(in, line);) {
    if (in.eof()) break;  // no newline: the kill cut it
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_discarded() && j["recorded"] == true) rows.push_back(j["row"]);
  }
  return rows;
}

}  // namespace

// Waits until the kiosk has announced its first check-in (a whole line on
// stdout), so that the kill lands while it scans, however slow the start
// (the sanitizer build on a loaded machine takes seconds to start).
bool first_line_written(const std::string& stdout_path, ChildProcess& kiosk) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline && kiosk.running()) {
    std::ifstream in(stdout_path);
    std::string line;
    if (std::getline(in, line) && !in.eof()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

TEST_CASE("SIGKILL at random moments: every announced check-in is in the journal") {
  TempDir dir;
  const std::string script = dir.write("scans.txt", five_thousand_scans());
  std::mt19937 rng(27112026);
  std::uniform_int_distribution<int> kill_after_ms(0, 800);
  std::size_t announced_total = 0;
  int killed_while_running = 0;
  for (int run = 0; run < 20; ++run) {
    const std::string out = dir.file("out" + std::to_string(run) + ".txt");
    ChildProcess kiosk(kiosk_args(dir, script, false), out, dir.file("err.txt"));
    REQUIRE(first_line_written(out, kiosk));
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(rng)));
    if (kiosk.running()) ++killed_while_running;
    kiosk.kill(SIGKILL);
    kiosk.wait();

    const auto announced = announced_rows(out);
    announced_total += announced.size();
    INFO("run " << run << ": " << announced.size() << " check-ins announced");
    const std::string db = dir.file("demo/demo.db");
    REQUIRE(integrity_check(db) == "ok");
    const auto stored = journal_rows(db);
    for (const auto& row : announced) CHECK(stored.count(row) == 1);
  }
  CHECK(killed_while_running == 20);
  CHECK(announced_total > 100);
  // Restarted once more, the kiosk opens the journal and carries on.
  const auto last = run_process(kiosk_args(dir, dir.write("one.txt", "+0 scan P05\n"), false));
  CHECK(last.exit_code == 0);
  CHECK(json_lines(last.out).at(0)["recorded"] == true);
}
