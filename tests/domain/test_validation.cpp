#include <catch2/catch.hpp>

#include "domain/validation.hpp"

using namespace speedmeet;
using Kind = ScheduleProblem::Kind;

namespace {

std::vector<Kind> kinds(const std::vector<ScheduleProblem>& problems) {
  std::vector<Kind> out;
  for (const auto& p : problems) out.push_back(p.kind);
  return out;
}

}  // namespace

TEST_CASE("a valid schedule has no problems") {
  const std::vector<Meeting> ok = {{0, 1, 1, "A", "B"}, {0, 1, 2, "C", "D"}, {0, 2, 1, "A", "D"}, {0, 2, 2, "C", "B"}};
  CHECK(validate_schedule(ok, 2, 2).empty());
  CHECK(validate_schedule({}, 0, 0).empty());
}

TEST_CASE("every kind of problem is reported, with the clashing meeting") {
  SECTION("round outside 1..R") {
    const auto p = validate_schedule({{0, 0, 1, "A", "B"}, {0, 4, 1, "C", "D"}}, 3, 2);
    CHECK(kinds(p) == std::vector{Kind::round_out_of_range, Kind::round_out_of_range});
  }
  SECTION("table outside 1..T") {
    const auto p = validate_schedule({{0, 1, 0, "A", "B"}, {0, 1, 3, "C", "D"}}, 3, 2);
    CHECK(kinds(p) == std::vector{Kind::table_out_of_range, Kind::table_out_of_range});
  }
  SECTION("self meeting") {
    const auto p = validate_schedule({{0, 1, 1, "A", "A"}}, 1, 1);
    CHECK(kinds(p) == std::vector{Kind::self_meeting});
  }
  SECTION("table used twice in a round") {
    const auto p = validate_schedule({{0, 1, 1, "A", "B"}, {0, 1, 1, "C", "D"}}, 1, 1);
    REQUIRE(kinds(p) == std::vector{Kind::table_double_used});
    CHECK(p[0].meeting == 1);
    CHECK(p[0].other_meeting == 0);
  }
  SECTION("participant booked twice in a round, on either side") {
    const auto p = validate_schedule({{0, 1, 1, "A", "B"}, {0, 1, 2, "C", "A"}, {0, 1, 3, "B", "D"}}, 1, 3);
    REQUIRE(kinds(p) == std::vector{Kind::participant_double_booked, Kind::participant_double_booked});
    CHECK(p[0].message.find("A is already at table 1") != std::string::npos);
    CHECK(p[1].meeting == 2);
  }
  SECTION("the same pair in two rounds is allowed by the validator") {
    CHECK(validate_schedule({{0, 1, 1, "A", "B"}, {0, 2, 1, "A", "B"}}, 2, 1).empty());
  }
}
