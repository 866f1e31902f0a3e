// Every bad input file is refused with exit code 2, a message naming the file
// and line, and a database left exactly as it was.
#include <catch2/catch.hpp>

#include <filesystem>

#include "demo_db.hpp"
#include "support/db_dump.hpp"

using namespace speedmeet::test;

namespace {

const std::string kParticipantsHeader = "id,name,organization,role,language,email,badge_code\n";

struct BadImport {
  const char* what;
  const char* flag;      // "" participants, "--wishes", "--meetings"
  std::string content;
  int line;              // expected line in "file:line:"
  const char* mentions;  // a word the message must contain
};

std::vector<BadImport> bad_imports() {
  const std::string h = kParticipantsHeader;
  const std::string ok_row = "X01,Zoé Kieffer,Kieffer Sàrl,project,fr,zoe@example.lu,\n";
  return {
      {"unknown role", "", h + ok_row + "X02,Jo,Org,boss,en,,\n", 3, "unknown role"},
      {"duplicate id", "", h + ok_row + "X02,Jo,Org,project,en,,\nX01,Jo,Org,project,en,,\n", 4, "duplicate id"},
      {"empty name", "", h + "X02,,Org,project,en,,\n", 2, "name"},
      {"not UTF-8 (Latin-1 export)", "", h + ok_row + "X02,J\xE9r\xF4me,Org,project,fr,,\n", 3, "UTF-8"},
      {"wrong column count", "", h + ok_row + "X02,Jo,Org,project\n", 3, "fields"},
      {"missing header", "", ok_row + "X02,Jo,Org,project,en,,\n", 1, "header"},
      {"unknown language", "", h + "X02,Jo,Org,project,lb,,\n", 2, "language"},
      {"bad e-mail", "", h + "X02,Jo,Org,project,en,jo at example,\n", 2, "e-mail"},
      {"quote never closed", "", h + ok_row + "X02,\"Jo,Org,project,en,,\n", 3, "never closed"},
      {"badge code given twice", "", h + "X02,Jo,Org,project,en,,TKT-1\nX03,Al,Org,project,en,,TKT-1\n", 3, "badge code"},
      {"badge code of someone already imported", "", h + ok_row + "X02,Jo,Org,project,en,,TKT-8F3A-2291\n", 3,
       "already belongs"},
      {"id with spaces", "", h + "X 02,Jo,Org,project,en,,\n", 2, "letters, digits"},
      {"stray quote in a field", "", h + "X02,Jo \"JJ\" Smith,Org,project,en,,\n", 2, "quote"},
      // Every other character rule: tests/organizer/test_names.cpp.
      {"C1 control in a name", "", h + "X02,Jo\xC2\x85Smith,Org,project,en,,\n", 2,
       "field \"name\": contains the control character U+0085"},
      {"leaves before arriving", "", "id,name,organization,role,arrives,leaves\nX02,Jo,Org,project,5,2\n", 2, "before arriving"},
      {"availability outside the rounds", "", "id,name,organization,role,arrives\nX02,Jo,Org,project,9\n", 2, "1..8"},
      {"unknown participant in a wish", "--wishes", "from,to,priority\nC01,P01,2\nC01,P99,2\n", 3, "unknown participant"},
      {"self wish", "--wishes", "from,to,priority\nC01,C01,2\n", 2, "themselves"},
      {"priority out of range", "--wishes", "from,to,priority\nC01,P01,4\n", 2, "1..3"},
      {"staff wish", "--wishes", "from,to,priority\nS01,P01,1\n", 2, "staff"},
      {"duplicate wish", "--wishes", "from,to,priority\nC01,P01,1\nC02,P02,1\nC01,P01,3\n", 4, "duplicate wish"},
      {"double booking", "--meetings", "round,table,a,b\n1,1,C01,P01\n1,2,C02,P01\n", 3, "already at table 1"},
      {"table used twice", "--meetings", "round,table,a,b\n1,1,C01,P01\n1,1,C02,P02\n", 3, "already used"},
      {"table outside 1..T", "--meetings", "round,table,a,b\n1,17,C01,P01\n", 2, "1..16"},
      {"round not a number", "--meetings", "round,table,a,b\none,1,C01,P01\n", 2, "whole number"},
      {"unknown participant in a meeting", "--meetings", "round,table,a,b\n2,3,C01,Q01\n", 2, "unknown participant"},
      {"self meeting", "--meetings", "round,table,a,b\n1,1,C01,C01\n", 2, "themselves"},
  };
}

struct BadEvent {
  const char* what;
  std::string content;
  std::string location;  // expected "file:line" text (file name appended by the test)
  const char* mentions;
};

const std::string kGoodToml =
    "id = \"dsm\"\nname = \"Matchmaking\"\nvenue = \"Kirchberg\"\ntimezone = \"Europe/Luxembourg\"\n"
    "tables = 16\nstart = 2026-11-27T14:00:00\nrounds = 8\nround_minutes = 12\nbreak_minutes = 3\n";

std::string replace_line(const std::string& text, int line, const std::string& with) {
  std::string out;
  int n = 1;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1, ++n)
    out += (n == line ? with : text.substr(start, nl - start)) + "\n";
  return out;
}

std::vector<BadEvent> bad_events() {
  return {
      {"TOML syntax error", replace_line(kGoodToml, 3, "venue = \"Kirchberg"), ":3", "string"},
      {"unknown time zone", replace_line(kGoodToml, 4, "timezone = \"Europe/Lux\""), ":4", "IANA"},
      {"start with an offset", replace_line(kGoodToml, 6, "start = 2026-11-27T14:00:00+01:00"), ":6", "offset"},
      {"start as a string", replace_line(kGoodToml, 6, "start = \"14:00\""), ":6", "local date and time"},
      {"start in the daylight-saving gap", replace_line(kGoodToml, 6, "start = 2026-03-29T02:30:00"), ":6", "does not exist"},
      {"zero tables", replace_line(kGoodToml, 5, "tables = 0"), ":5", "1..1000"},
      {"rounds as text", replace_line(kGoodToml, 7, "rounds = \"eight\""), ":7", "whole number"},
      {"misspelt key", replace_line(kGoodToml, 8, "round_minute = 12"), ":8", "unknown key"},
      {"id with capitals", replace_line(kGoodToml, 1, "id = \"DSM 2026\""), ":1", "lower-case"},
      {"missing key", replace_line(kGoodToml, 9, "# no break"), ": field \"break_minutes\"", "missing"},
      {"table label out of range", kGoodToml + "[table_labels]\n17 = \"Far\"\n", ":11", "table number"},
  };
}

}  // namespace

TEST_CASE("bad CSV imports change nothing and say where") {
  TempDir dir;
  const std::string db = make_demo_db(dir);
  const std::string before = dump_database(db);
  const auto cases = bad_imports();
  REQUIRE(cases.size() >= 20);
  for (const auto& c : cases) {
    SECTION(c.what) {
      const std::string file = dir.write("bad.csv", c.content);
      std::vector<std::string> args{"import", db};
      if (*c.flag) args.push_back(c.flag);
      args.push_back(file);
      const auto r = run_speedmeet(args);
      INFO(c.what << "\nstderr: " << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find(file + ":" + std::to_string(c.line) + ":") != std::string::npos);
      CHECK(r.err.find(c.mentions) != std::string::npos);
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one sentence, one line
      CHECK(dump_database(db) == before);
    }
  }
}

TEST_CASE("bad event.toml files create no database") {
  TempDir dir;
  for (const auto& c : bad_events()) {
    SECTION(c.what) {
      const std::string toml = dir.write("event.toml", c.content);
      const std::string db = dir.file("new.db");
      const auto r = run_speedmeet({"init", db, "--event", toml});
      INFO(c.what << "\nstderr: " << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find(toml + c.location) != std::string::npos);
      CHECK(r.err.find(c.mentions) != std::string::npos);
      CHECK_FALSE(std::filesystem::exists(db));
      CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);  // only event.toml
    }
  }
}

TEST_CASE("init never overwrites, and the good TOML of the table above is accepted") {
  TempDir dir;
  const std::string toml = dir.write("event.toml", kGoodToml);
  const std::string db = dir.file("central.db");
  require_ok(run_speedmeet({"init", db, "--event", toml}));
  const std::string before = dump_database(db);
  const auto again = run_speedmeet({"init", db, "--event", toml});
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("already exists") != std::string::npos);
  CHECK(dump_database(db) == before);
}

TEST_CASE("usage errors exit 2") {
  CHECK(run_speedmeet({}).exit_code == 2);
  CHECK(run_speedmeet({"frobnicate"}).exit_code == 2);
  CHECK(run_speedmeet({"init", "x.db"}).exit_code == 2);
  CHECK(run_speedmeet({"import", "x.db", "a.csv", "--wishes", "b.csv"}).exit_code == 2);
  CHECK(run_speedmeet({"show", "--bogus"}).exit_code == 2);
  const auto missing = run_speedmeet({"show", "/nonexistent/central.db"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("speedmeet init") != std::string::npos);
}
