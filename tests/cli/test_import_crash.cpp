// A writer killed mid-import leaves a sound database holding all of the
// import or none of it.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <random>
#include <thread>

#include "demo_db.hpp"
#include "support/db_dump.hpp"

#include <sqlite3.h>

using namespace speedmeet::test;

namespace {

std::string big_participants_csv(int count) {
  std::string csv = "id,name,organization,role,language,email,badge_code\n";
  for (int i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    csv += "Z" + n + ",Person Nummer " + n + ",Firma " + n + " Sàrl,project,de,p" + n + "@example.lu,\n";
  }
  return csv;
}

long long count_participants(const std::string& db) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr);  // read-write: recovers the WAL
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "SELECT count(*) FROM participants", -1, &st, nullptr);
  long long n = -1;
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  return n;
}

}  // namespace

TEST_CASE("SIGKILL during a long import: all or nothing, integrity ok") {
  TempDir dir;
  constexpr int kRows = 20000;
  const std::string csv = dir.write("big.csv", big_participants_csv(kRows));
  const std::string event = source_path("config/demo/event.toml");

  // How long a whole import takes here, to aim the kills inside it.
  const std::string timing_db = dir.file("timing.db");
  require_ok(run_speedmeet({"init", timing_db, "--event", event}));
  const auto t0 = std::chrono::steady_clock::now();
  require_ok(run_speedmeet({"import", timing_db, csv}));
  const auto full = std::chrono::steady_clock::now() - t0;
  REQUIRE(count_participants(timing_db) == kRows);

  std::mt19937 rng(20261127);
  int killed_mid_import = 0;
  for (int attempt = 0; attempt < 5; ++attempt) {
    const std::string db = dir.file("crash" + std::to_string(attempt) + ".db");
    require_ok(run_speedmeet({"init", db, "--event", event}));
    ChildProcess writer({SPEEDMEET_BIN, "import", db, csv}, dir.file("out.txt"), dir.file("err.txt"));
    std::uniform_real_distribution<double> when(0.2, 0.9);
    std::this_thread::sleep_for(std::chrono::duration_cast<std::chrono::microseconds>(full * when(rng)));
    if (writer.running()) {
      writer.kill(SIGKILL);
      if (writer.wait() == -SIGKILL) ++killed_mid_import;
    }
    writer.wait();
    INFO("attempt " << attempt);
    CHECK(integrity_check(db) == "ok");
    const long long n = count_participants(db);
    CHECK((n == 0 || n == kRows));
  }
  CHECK(killed_mid_import >= 3);
}
