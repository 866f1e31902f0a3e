#include <catch2/catch.hpp>

#include "organizer/csv.hpp"
#include "domain/input_error.hpp"

using namespace std::string_literals;

using namespace speedmeet::organizer;
using speedmeet::InputError;

namespace {

// Runs parse_csv expecting an InputError; returns it.
InputError csv_error(const std::string& text) {
  try {
    parse_csv(text, "x.csv");
  } catch (const InputError& e) {
    return e;
  }
  FAIL("no InputError for: " << text);
  throw;
}

}  // namespace

TEST_CASE("comma CSV with LF") {
  const auto t = parse_csv("id,name\nP1,Ana\nP2,Marc\n", "x.csv");
  CHECK(t.separator == ',');
  CHECK(t.header == std::vector<std::string>{"id", "name"});
  REQUIRE(t.records.size() == 2);
  CHECK(t.records[1].fields == std::vector<std::string>{"P2", "Marc"});
  CHECK(t.records[1].line == 3);
}

TEST_CASE("semicolon CSV with BOM and CRLF, as a French spreadsheet exports it") {
  const auto t = parse_csv("\xEF\xBB\xBFid;name;organization\r\nP1;Léa;Dupont, Fils & Cie\r\n", "x.csv");
  CHECK(t.separator == ';');
  CHECK(t.header[0] == "id");
  REQUIRE(t.records.size() == 1);
  CHECK(t.records[0].fields[2] == "Dupont, Fils & Cie");
}

TEST_CASE("quoted fields hold separators, quotes and newlines") {
  const auto t = parse_csv("id,name,note\nP1,\"Weber, Marc\",\"says \"\"hi\"\"\r\nand bye\"\nP2,B,c\n", "x.csv");
  REQUIRE(t.records.size() == 2);
  CHECK(t.records[0].fields[1] == "Weber, Marc");
  CHECK(t.records[0].fields[2] == "says \"hi\"\nand bye");
  CHECK(t.records[1].line == 4);  // the quoted newline moved the next record down
}

TEST_CASE("header names are trimmed and case-insensitive; blank lines are skipped") {
  const auto t = parse_csv(" ID , Name \n\nP1,Ana\n\n", "x.csv");
  CHECK(t.header == std::vector<std::string>{"id", "name"});
  CHECK(t.records.size() == 1);
}

TEST_CASE("a last line without newline is read") {
  CHECK(parse_csv("a,b\n1,2", "x.csv").records.size() == 1);
}

TEST_CASE("malformed CSV is refused with the line") {
  CHECK(csv_error("").line() == 1);
  CHECK(csv_error("a,b\n1,2,3\n").line() == 2);
  CHECK(csv_error("a,b\n1\n").line() == 2);
  CHECK(csv_error("a,b\n1,\"open\n2,3\n").line() == 2);
  CHECK(csv_error("a,b\n1,x\"y\n").line() == 2);
  CHECK(csv_error("a,b\n1,\"x\"y\n").line() == 2);
  CHECK(csv_error("a,b\n1,2\n3,\xC3\x28\n").line() == 3);  // invalid UTF-8
  CHECK(csv_error("a,b\n1,\xED\xA0\x80\n").line() == 2);   // UTF-8 surrogate
  CHECK(csv_error("a,b\n1,2\0\n"s).line() == 0);           // NUL byte
  CHECK(csv_error("a,b\n1," + std::string(kMaxCsvField + 1, 'x') + "\n").line() == 2);
}

TEST_CASE("header matching: required, optional, unknown") {
  const auto t = parse_csv("name,id,email\n", "x.csv");
  const auto cols = match_header(t, {"id", "name"}, {"email", "badge_code"});
  CHECK(cols.index == std::vector<int>{1, 0, 2, -1});
  CHECK_THROWS_WITH(match_header(parse_csv("id\n", "x.csv"), {"id", "name"}), Catch::Contains("\"name\""));
  CHECK_THROWS_WITH(match_header(parse_csv("id,name,shoe\n", "x.csv"), {"id", "name"}), Catch::Contains("\"shoe\""));
  CHECK_THROWS_WITH(match_header(parse_csv("id,name,id\n", "x.csv"), {"id", "name"}), Catch::Contains("twice"));
}

TEST_CASE("UTF-8 helpers") {
  CHECK(find_invalid_utf8("Léa Müller Lëtzebuerg 😀") == std::string_view::npos);
  CHECK(find_invalid_utf8("ab\xC0\xAF") == 2);  // overlong '/'
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(utf8_length("Léa") == 3);
}
