#include <catch2/catch.hpp>

#include "demo_db.hpp"
#include "support/db_dump.hpp"

using namespace speedmeet::test;

TEST_CASE("the demo event imports and shows local round times") {
  TempDir dir;
  const std::string db = make_demo_db(dir);
  const auto show = run_speedmeet({"show", db});
  require_ok(show);
  CHECK(show.out.find("Digital Skills Matchmaking") != std::string::npos);
  CHECK(show.out.find("Europe/Luxembourg (UTC+01:00)") != std::string::npos);
  CHECK(show.out.find("2026-11-27  14:00-14:12    16 / 16") != std::string::npos);
  CHECK(show.out.find("2026-11-27  15:45-15:57    16 / 16") != std::string::npos);
  CHECK(show.out.find("16 companies, 32 project holders, 4 staff") != std::string::npos);
  CHECK(show.out.find("128 meetings, valid") != std::string::npos);
}

TEST_CASE("re-importing the same participants file changes nothing") {
  TempDir dir;
  const std::string db = make_demo_db(dir);
  const std::string before = dump_database(db);
  const auto again = run_speedmeet({"import", db, source_path("config/demo/participants.csv")});
  require_ok(again);
  CHECK(again.out.find("0 participants added, 0 updated, 52 unchanged") != std::string::npos);
  CHECK(dump_database(db) == before);
}

TEST_CASE("a spreadsheet export (BOM, semicolons, CRLF, quotes) imports like the plain file") {
  TempDir dir;
  const std::string db = make_demo_db(dir, false);
  const std::string before = dump_database(db);
  // The same three people, as a French spreadsheet saves them.
  const std::string plain =
      "id,name,organization,role,language,email,badge_code\n"
      "C01,Léa Muller,\"Schmit, Weber & Associés\",company,fr,lea@example.lu,\n";
  const std::string excel =
      "\xEF\xBB\xBFid;name;organization;role;language;email;badge_code\r\n"
      "C01;Léa Muller;Schmit, Weber & Associés;company;fr;lea@example.lu;\r\n";
  require_ok(run_speedmeet({"import", db, dir.write("plain.csv", plain)}));
  const std::string after_plain = dump_database(db);
  CHECK(after_plain != before);
  const auto r = run_speedmeet({"import", db, dir.write("excel.csv", excel)});
  require_ok(r);
  CHECK(r.out.find("1 unchanged") != std::string::npos);
  CHECK(dump_database(db) == after_plain);
}

TEST_CASE("a name with a line break in its cell (Alt+Enter) imports folded, with a warning on stderr") {
  TempDir dir;
  const std::string db = make_demo_db(dir, false);
  const std::string csv =
      "id;name;organization;role\r\n"
      "P01;\"Renamed\r\nPerson\";New Org;project\r\n";
  const auto r = run_speedmeet({"import", db, dir.write("breaks.csv", csv)});
  require_ok(r);
  CHECK(r.out.find("1 updated") != std::string::npos);
  CHECK(r.err == "speedmeet import: warning: " + dir.file("breaks.csv") +
                     ":2: field \"name\": a line break folded to one space: \"Renamed Person\"\n");
  CHECK(dump_database(db).find("|Renamed Person|New Org|project|") != std::string::npos);
}

TEST_CASE("an updated participant keeps its badge number") {
  TempDir dir;
  const std::string db = make_demo_db(dir, false);
  const std::string csv = "id,name,organization,role\nP01,Renamed Person,New Org,project\n";
  const auto r = run_speedmeet({"import", db, dir.write("upd.csv", csv)});
  require_ok(r);
  CHECK(r.out.find("1 updated") != std::string::npos);
  const std::string dump = dump_database(db);
  CHECK(dump.find("P01|") != std::string::npos);
  CHECK(dump.find("Renamed Person|New Org|project") != std::string::npos);
}

TEST_CASE("a new schedule replaces the old one") {
  TempDir dir;
  const std::string db = make_demo_db(dir);
  const auto r = run_speedmeet({"import", db, "--meetings", dir.write("m.csv", "round,table,a,b\n1,1,C01,P05\n")});
  require_ok(r);
  CHECK(r.out.find("schedule of 1 meetings imported (replacing 128)") != std::string::npos);
  CHECK(run_speedmeet({"show", db}).out.find("1 meetings, valid") != std::string::npos);
}
