// Names and organizations are printed on badges and agendas and shown on
// kiosk screens: the participants import refuses every control character
// (Unicode Cc: C0, DEL, C1) and every bidi override or isolate, naming the
// file, line and field, and imports nothing; a line break inside a name or
// organization (a spreadsheet cell's Alt+Enter) is folded to one space with a
// warning.
#include <catch2/catch.hpp>

#include <tuple>

#include "domain/input_error.hpp"
#include "organizer/csv.hpp"
#include "organizer/event_config.hpp"
#include "organizer/event_database.hpp"
#include "organizer/importer.hpp"
#include "support/db_dump.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::test;

namespace {

const std::string kHeader = "id,name,organization,role,language,email,badge_code\n";
const std::string kGoodRow = "X01,Zoé Kieffer,Kieffer Sàrl,project,fr,zoe@example.lu,\n";

struct BadName {
  const char* what;
  std::string row;  // line 3, after the header and a good row
  const char* field;
  const char* problem;
};

}  // namespace

TEST_CASE("names and organizations refuse control characters and bidi controls, naming file, line and field") {
  TempDir dir;
  const std::string path = dir.file("central.db");
  organizer::create_event_database(path, organizer::load_event_config(source_path("config/demo/event.toml")));
  auto db = organizer::open_event_database(path);
  organizer::import_participants(db, organizer::read_csv_file(source_path("config/demo/participants.csv")));
  const std::string before = dump_database(path);

  const std::vector<BadName> cases = {
      {"tab", "X02,Jo\tSmith,Org,project,en,,\n", "name", "the control character U+0009"},
      {"escape", "X02,Jo\x1B[31m,Org,project,en,,\n", "name", "the control character U+001B"},
      {"DEL", "X02,Jo\x7FSmith,Org,project,en,,\n", "name", "the control character U+007F"},
      {"C1 first", "X02,\xC2\x80Jo,Org,project,en,,\n", "name", "the control character U+0080"},
      {"C1 NEXT LINE", "X02,Jo\xC2\x85Smith,Org,project,en,,\n", "name", "the control character U+0085"},
      {"C1 CSI in an organization", "X02,Jo,Org\xC2\x9B" "31m,project,en,,\n", "organization",
       "the control character U+009B"},
      {"C1 last", "X02,Jo,Org\xC2\x9F,project,en,,\n", "organization", "the control character U+009F"},
      {"left-to-right embedding", "X02,\xE2\x80\xAAJo,Org,project,en,,\n", "name", "the bidirectional control U+202A"},
      {"right-to-left embedding", "X02,\xE2\x80\xABJo,Org,project,en,,\n", "name", "the bidirectional control U+202B"},
      {"pop directional formatting", "X02,Jo\xE2\x80\xAC,Org,project,en,,\n", "name",
       "the bidirectional control U+202C"},
      {"left-to-right override", "X02,Jo,\xE2\x80\xADOrg,project,en,,\n", "organization",
       "the bidirectional control U+202D"},
      {"right-to-left override", "X02,Jo\xE2\x80\xAEhtimS,Org,project,en,,\n", "name",
       "the bidirectional control U+202E, which would reorder the text around it"},
      {"left-to-right isolate", "X02,Jo,\xE2\x81\xA6Org,project,en,,\n", "organization",
       "the bidirectional control U+2066"},
      {"right-to-left isolate", "X02,\xE2\x81\xA7Jo,Org,project,en,,\n", "name", "the bidirectional control U+2067"},
      {"first strong isolate", "X02,\xE2\x81\xA8Jo,Org,project,en,,\n", "name", "the bidirectional control U+2068"},
      {"pop directional isolate", "X02,Jo,Org\xE2\x81\xA9,project,en,,\n", "organization",
       "the bidirectional control U+2069"},
      {"C1 in a badge code", "X02,Jo,Org,project,en,,TKT\xC2\x9F" "1\n", "badge_code", "the control character U+009F"},
      {"DEL in an e-mail address", "X02,Jo,Org,project,en,jo\x7F@example.lu,\n", "email",
       "the control character U+007F"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const auto csv = organizer::parse_csv(kHeader + kGoodRow + c.row, "bad.csv");
    try {
      organizer::import_participants(db, csv);
      FAIL("imported");
    } catch (const InputError& e) {
      CHECK(e.file() == "bad.csv");
      CHECK(e.line() == 3);
      CHECK(e.field() == c.field);
      CHECK(std::string(e.what()).find(std::string("contains ") + c.problem) != std::string::npos);
    }
    CHECK(dump_database(path) == before);
  }

  // Everything else people's names hold goes through: accents, scripts,
  // emoji, the no-break space and the directional marks (not overrides).
  const auto fine = organizer::parse_csv(
      kHeader + kGoodRow + "X02,Ólafur Ægir Ñúñez,Ørsted & Söhne,project,en,,\n" +
          "X03,محمد علي,شركة\xE2\x80\x8F,company,en,,\n" + "X04,Jo\xC2\xA0" "Smith 😀,\xE2\x80\x8EOrg,project,en,,\n",
      "fine.csv");
  const auto result = organizer::import_participants(db, fine);
  CHECK(result.added == 4);
}

TEST_CASE("a line break inside a name or organization is folded to one space, with a warning naming file:line") {
  CHECK(organizer::fold_line_breaks("Ana\nMaria") == "Ana Maria");
  CHECK(organizer::fold_line_breaks("Ana \r\n  Maria") == "Ana Maria");
  CHECK(organizer::fold_line_breaks("Ana\r\rMaria\n\nda Silva") == "Ana Maria da Silva");
  CHECK(organizer::fold_line_breaks("\nAna\n") == "Ana");
  CHECK(organizer::fold_line_breaks("Ana  Maria") == "Ana  Maria");  // no break: as it is
  CHECK(organizer::fold_line_breaks("\n\n").empty());

  TempDir dir;
  const std::string path = dir.file("central.db");
  organizer::create_event_database(path, organizer::load_event_config(source_path("config/demo/event.toml")));
  auto db = organizer::open_event_database(path);
  // As a spreadsheet writes Alt+Enter: a quoted cell with LF, or CRLF.
  const auto csv = organizer::parse_csv(kHeader + kGoodRow + "X02,\"Ana\nMaria\",\"Lux\r\nRobotics\",company,en,,\n" +
                                            "X03,Marc Weber,Post,company,en,,\n",
                                        "people.csv");
  const auto result = organizer::import_participants(db, csv);
  CHECK(result.added == 3);
  REQUIRE(result.warnings.size() == 2);
  CHECK(result.warnings[0] == "people.csv:3: field \"name\": a line break folded to one space: \"Ana Maria\"");
  CHECK(result.warnings[1] ==
        "people.csv:3: field \"organization\": a line break folded to one space: \"Lux Robotics\"");
  const std::string dump = dump_database(path);
  CHECK(dump.find("|Ana Maria|Lux Robotics|company|") != std::string::npos);

  // Only the breaks fold: the other control characters and a break in any
  // other field are still refused, and nothing is imported.
  const std::string before = dump_database(path);
  for (const auto& [row, field, problem] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"X04,\"Jo\nSmith\tJr\",Org,project,en,,\n", "name", "contains the control character U+0009"},
           {"X04,Jo,Org,\"project\n\",en,,\n", "role", "contains a line break"},
           {"X04,Jo,Org,project,en,\"jo@example.lu\n\",\n", "email", "contains a line break"},
           {"X04,\"\n\",Org,project,en,,\n", "name", "must not be empty"}}) {
    INFO(row);
    try {
      organizer::import_participants(db, organizer::parse_csv(kHeader + kGoodRow + row, "bad.csv"));
      FAIL("imported");
    } catch (const InputError& e) {
      CHECK(e.line() == 3);
      CHECK(e.field() == field);
      CHECK(std::string(e.what()).find(problem) != std::string::npos);
    }
    CHECK(dump_database(path) == before);
  }
}
