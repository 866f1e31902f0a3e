// docs/CHECKIN.md's table, each row a test: the file is read here, so the
// documented rules and the code cannot drift apart.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "checkin/rules.hpp"
#include "domain/local_time.hpp"
#include "kiosk_fixture.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;

namespace {

struct TableRow {
  int line = 0;
  std::string time, who, before, outcome, row, checks_in, shows, says;
};

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(' ');
  const auto last = s.find_last_not_of(' ');
  return first == std::string::npos ? std::string{} : s.substr(first, last - first + 1);
}

std::vector<TableRow> read_table() {
  std::ifstream in(std::string(SPEEDMEET_SOURCE_DIR) + "/docs/CHECKIN.md");
  REQUIRE(in);
  std::vector<TableRow> rows;
  std::string line;
  bool inside = false;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line == "<!-- checkin-table -->") inside = true;
    else if (line == "<!-- end -->") inside = false;
    if (!inside || line.rfind("| ", 0) != 0 || line.find("---") != std::string::npos) continue;
    std::vector<std::string> cells;
    std::stringstream cut(line.substr(1));
    std::string cell;
    while (std::getline(cut, cell, '|')) cells.push_back(trim(cell));
    if (cells.size() < 8 || cells[0] == "time") continue;
    rows.push_back({number, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7]});
  }
  return rows;
}

// The demo's timing: 12-minute rounds, 3-minute breaks from 14:00 in
// Luxembourg; window 5 min, grace 3 min.
struct TableFixture : test::KioskFixture {
  LocalTimeZone zone{"Europe/Luxembourg"};
  Instant start = parse_date_time("2026-11-27T14:00", zone);

  Event table_event() const {
    Event e = event();
    e.plan = {start, 3, Minutes{12}, Minutes{3}};
    e.rounds = compute_rounds(e.plan);
    e.checkin_window = Minutes{5};
    e.grace = Minutes{3};
    return e;
  }

  static std::vector<RosterPerson> people() {
    return {person(1, "P1", "Ana Muller", Role::project), person(2, "P2", "Bo Reuter", Role::project),
            person(3, "P3", "Zoe Kieffer", Role::project), person(4, "C1", "Marc Weber", Role::company),
            person(5, "C2", "Lea Schmit", Role::company),  person(6, "C3", "Tom Hoffmann", Role::company),
            person(7, "C4", "Max Faber", Role::company),   person(8, "S1", "Sam Staff", Role::staff)};
  }

  // The schedule of the doc; `rematched`: Marc stood Ana up in round 1 and
  // the server paired her with Max (meeting 21) in place of meeting 11.
  KioskData table_data(bool rematched) const {
    std::vector<Meeting> meetings = {{12, 2, 1, "C2", "P1"}, {13, 3, 3, "C3", "P1"},
                                     {14, 1, 1, "C2", "P2"}, {15, 3, 1, "C1", "P2"}};
    std::vector<Meeting> replaced;
    const Meeting planned{11, 1, 2, "C1", "P1"};
    if (rematched) {
      Meeting with_max{21, 1, 2, "C4", "P1"};
      with_max.rematch = true;
      meetings.push_back(with_max);
      replaced.push_back(planned);
    } else {
      meetings.push_back(planned);
    }
    return KioskData(table_event(), people(), meetings, pk, replaced);
  }

  std::string id_of(const std::string& name) const {
    for (const auto& p : people())
      if (p.participant.name.rfind(name + " ", 0) == 0) return p.participant.id;
    FAIL("no person named " << name << " in the fixture");
    return {};
  }

  std::uint32_t num_of(const std::string& id) const {
    for (const auto& p : people())
      if (p.participant.id == id) return p.num;
    return 0;
  }

  // The journal rows that make "before" true for `id`.
  std::vector<JournalRow> history(const std::string& id, const std::string& before, const KioskData& data) const {
    if (before == "new") return {};
    std::vector<JournalRow> rows = {arrival(id)};
    std::smatch m;
    static const std::regex in_round("in round ([0-9])");
    int round = 0;
    if (std::regex_match(before, m, in_round)) round = std::stoi(m[1]);
    else if (before == "re-matched") round = 1;  // the check-in named the stood-up meeting 11
    else REQUIRE(before == "at venue");
    if (round == 0) return rows;
    std::int64_t meeting = 0;
    for (const Meeting& mt : data.every_meeting())
      if (mt.round == round && mt.involves(id) && (before != "re-matched" || mt.id == 11)) meeting = mt.id;
    REQUIRE(meeting != 0);
    rows.push_back(arrival(id, meeting, JournalKind::meeting));
    return rows;
  }
};

std::string row_name(RowKind kind) {
  switch (kind) {
    case RowKind::entrance: return "entrance";
    case RowKind::meeting: return "meeting";
    case RowKind::scan: return "scan";
    case RowKind::none: break;
  }
  return "none";
}

}  // namespace

TEST_CASE("docs/CHECKIN.md: every row of the rules table holds") {
  const auto table = read_table();
  REQUIRE(table.size() >= 20);
  TableFixture f;
  for (const TableRow& r : table) {
    INFO("docs/CHECKIN.md:" << r.line << ": " << r.time << " " << r.who << " (" << r.before << ")");
    const KioskData data = f.table_data(r.before == "re-matched");
    const std::string id = f.id_of(r.who);
    presence::Presence presence(data.every_meeting(), f.history(id, r.before, data));
    const Instant now = parse_date_time("2026-11-27T" + r.time, f.zone);
    const Decision d = CheckinRules(data, presence).decide(f.badge(f.num_of(id)), now);

    CHECK(std::string(to_string(d.outcome)) == r.outcome);
    CHECK(row_name(d.row) == r.row);
    if (r.checks_in == "–") {
      CHECK_FALSE(d.meeting_checkin);
    } else {
      CHECK(d.meeting_checkin);
      REQUIRE(d.meeting);
      CHECK("R" + std::to_string(d.meeting->round) == r.checks_in);
    }
    if (r.shows == "–") {
      CHECK_FALSE(d.meeting);
    } else {
      REQUIRE(d.meeting);
      CHECK("R" + std::to_string(d.meeting->round) + " T" + std::to_string(d.meeting->table) == r.shows);
    }
    // The journal row the kiosk writes for it.
    const auto row = journal_row_for(d, std::nullopt, KioskTime{});
    REQUIRE(row);
    CHECK(row->meeting_id.has_value() == d.meeting_checkin);

    if (r.says == "already checked in") {
      CHECK(d.already_checked_in);
      CHECK_FALSE(d.meeting->rematch);
    } else if (r.says == "new partner, checked in") {
      CHECK(d.already_checked_in);
      CHECK(d.meeting->rematch);
      CHECK(d.meeting->partner_name == "Max Faber");
    } else if (r.says == "your next meeting" || r.says == "welcome" || r.says == "go now") {
      CHECK_FALSE(d.already_checked_in);
      CHECK((r.says != "go now" || d.outcome == Outcome::late));
      CHECK((r.says != "welcome" || d.outcome == Outcome::welcome));
    } else if (r.says == "no more meetings") {
      CHECK_FALSE(d.meeting);
      CHECK((d.outcome == Outcome::done || d.outcome == Outcome::welcome));
    } else if (r.says == "see the desk") {
      CHECK(d.outcome == Outcome::no_meetings);
    } else {
      CHECK(r.says == "staff panel");
      CHECK(d.outcome == Outcome::staff);
    }
  }
}
