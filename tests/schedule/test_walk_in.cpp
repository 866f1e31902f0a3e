// A walk-in's seats, the pure part (plan_walk_in): free tables, byes,
// wishes first, no double booking, and a schedule that stays valid.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "domain/validation.hpp"
#include "schedule/walk_in.hpp"

#include "random_instances.hpp"

using namespace speedmeet;
using speedmeet::test::person;
using namespace speedmeet::schedule;

namespace {

// Four companies at fixed tables 1-4, six project holders, one staff; four
// rounds. C4 sits out round 3 (table 4 free); every round two project
// holders have a bye.
WalkInRequest small_event(Role walk_in_role) {
  WalkInRequest r;
  r.person = person("W01", walk_in_role);
  r.rounds = 4;
  r.tables = 4;
  for (int i = 1; i <= 4; ++i) r.roster.push_back(person("C" + std::to_string(i), Role::company));
  for (int i = 1; i <= 6; ++i) r.roster.push_back(person("P" + std::to_string(i), Role::project));
  r.roster.push_back(person("S1", Role::staff));
  std::int64_t id = 1;
  for (int round = 1; round <= 4; ++round)
    for (int c = 1; c <= 4; ++c) {
      if (round == 3 && c == 4) continue;
      const int p = (c + round - 2) % 6 + 1;
      r.schedule.push_back({id++, round, c, "C" + std::to_string(c), "P" + std::to_string(p)});
    }
  return r;
}

std::set<std::string> busy_in(const std::vector<Meeting>& schedule, int round) {
  std::set<std::string> busy;
  for (const Meeting& m : schedule)
    if (m.round == round) busy.insert({m.a, m.b});
  return busy;
}

// The plan added to the schedule: valid, one meeting per round for the
// walk-in, each partner once, partners free in that round.
void check_plan(const WalkInRequest& r, const WalkInPlan& plan) {
  std::vector<Meeting> after = r.schedule;
  std::set<std::string> partners;
  std::set<int> rounds;
  for (const Meeting& m : plan.meetings) {
    INFO("round " << m.round << " table " << m.table << ": " << m.a << " - " << m.b);
    REQUIRE(m.involves(r.person.id));
    CHECK(m.round >= r.first_round);
    CHECK(rounds.insert(m.round).second);
    const std::string partner = m.partner_of(r.person.id);
    CHECK(partners.insert(partner).second);
    CHECK_FALSE(busy_in(r.schedule, m.round).contains(partner));
    after.push_back(m);
  }
  const auto problems = validate_schedule(after, r.rounds, r.tables);
  CHECK(problems.empty());
  for (const auto& p : problems) INFO(p.message);
}

}  // namespace

TEST_CASE("walk-in: a project holder sits with the company that has a free table, only where a table is free") {
  WalkInRequest r = small_event(Role::project);
  r.first_round = 3;
  const WalkInPlan plan = plan_walk_in(r);
  check_plan(r, plan);
  REQUIRE(plan.meetings.size() == 1);
  CHECK(plan.meetings[0].round == 3);
  CHECK(plan.meetings[0].table == 4);  // C4's own table
  CHECK(plan.meetings[0].a == "C4");   // the company first, as schedules write it
  CHECK(plan.meetings[0].b == "W01");
  CHECK(plan.open_rounds == std::vector<int>{4});  // round 4: every table taken
}

TEST_CASE("walk-in: a company takes a project holder with a bye, keeps one table, never meets anyone twice") {
  WalkInRequest r = small_event(Role::company);
  r.tables = 5;  // a fifth table, free all day
  r.first_round = 2;
  const WalkInPlan plan = plan_walk_in(r);
  check_plan(r, plan);
  REQUIRE(plan.meetings.size() == 3);  // rounds 2, 3, 4
  for (const Meeting& m : plan.meetings) {
    CHECK(m.a == "W01");
    CHECK(m.partner_of("W01")[0] == 'P');  // company × project: never C4, free in round 3
  }
  CHECK(plan.meetings[0].table == plan.meetings[2].table);  // the walk-in company keeps its table when free
  CHECK(plan.open_rounds.empty());
}

TEST_CASE("walk-in: their wishes first, and a wish allows project × project") {
  WalkInRequest r = small_event(Role::project);
  r.tables = 5;
  r.first_round = 3;
  // Round 3: C4 (table 4 free) or, by a wish, P1, P2 or P6 (byes); round 4:
  // every company is busy and P1 is not free. W01 wishes to meet P1 and C4
  // is already at the venue: the wish wins.
  REQUIRE_FALSE(busy_in(r.schedule, 3).contains("P1"));
  REQUIRE(busy_in(r.schedule, 4).contains("P1"));
  r.wishes.push_back({"W01", "P1", 3});
  r.at_venue = {"C4"};
  const WalkInPlan plan = plan_walk_in(r);
  check_plan(r, plan);
  REQUIRE(plan.meetings.size() == 1);
  CHECK(plan.meetings[0].round == 3);
  CHECK(plan.meetings[0].partner_of("W01") == "P1");
  CHECK(plan.meetings[0].table == 4);  // the lowest free table: project holders have none of their own
  CHECK(plan.open_rounds == std::vector<int>{4});
  // A wish from the other side counts too; without any, two project holders never meet.
  r.wishes = {{"P1", "W01", 1}};
  CHECK(plan_walk_in(r).meetings.at(0).partner_of("W01") == "P1");
  r.wishes.clear();
  const WalkInPlan unwished = plan_walk_in(r);
  REQUIRE(unwished.meetings.size() == 1);
  CHECK(unwished.meetings[0].partner_of("W01") == "C4");
  CHECK(unwished.meetings[0].table == 4);
}

TEST_CASE("walk-in: the partner at the venue is preferred among equals; availability and staff are respected") {
  WalkInRequest r = small_event(Role::company);
  r.tables = 5;
  r.first_round = 4;
  const std::set<std::string> free_in_4 = [&] {
    std::set<std::string> f;
    for (const Participant& p : r.roster)
      if (p.role == Role::project && !busy_in(r.schedule, 4).contains(p.id)) f.insert(p.id);
    return f;
  }();
  REQUIRE(free_in_4.size() == 2);
  for (const std::string& arrived : free_in_4) {
    r.at_venue = {arrived};
    const WalkInPlan plan = plan_walk_in(r);
    REQUIRE(plan.meetings.size() == 1);
    CHECK(plan.meetings[0].partner_of("W01") == arrived);
  }
  // Neither can come in round 4 (leaves in round 3): no meeting.
  for (Participant& p : r.roster)
    if (free_in_4.contains(p.id)) p.leaves = 3;
  CHECK(plan_walk_in(r).meetings.empty());
  CHECK(plan_walk_in(r).open_rounds == std::vector<int>{4});
  // The walk-in's own window: arrives in round 5 of 4 means no seat.
  WalkInRequest late = small_event(Role::project);
  late.person.arrives = 4;
  late.first_round = 1;
  for (const Meeting& m : plan_walk_in(late).meetings) CHECK(m.round == 4);
  // Staff take no meetings.
  WalkInRequest staff = small_event(Role::staff);
  staff.tables = 5;
  staff.first_round = 2;
  CHECK(plan_walk_in(staff).meetings.empty());
  CHECK(plan_walk_in(staff).open_rounds == std::vector<int>{2, 3, 4});
}

TEST_CASE("walk-in: after the last round has started there is nothing to place") {
  WalkInRequest r = small_event(Role::project);
  r.first_round = 5;
  const WalkInPlan plan = plan_walk_in(r);
  CHECK(plan.meetings.empty());
  CHECK(plan.open_rounds.empty());
}

TEST_CASE("walk-in: on random events the plan is valid, as large as possible and never double-books") {
  std::mt19937_64 rng(2026);
  for (int trial = 0; trial < 200; ++trial) {
    test::Shape shape;
    shape.companies = test::draw(rng, 2, 8);
    shape.projects = test::draw(rng, 2, 12);
    shape.event_rounds = test::draw(rng, 2, 8);
    shape.late = test::draw(rng, 0, 3);
    const test::Instance in = test::random_instance(rng, shape);
    WalkInRequest r;
    r.person = person("W01", test::chance(rng, 0.5) ? Role::company : Role::project);
    r.rounds = shape.event_rounds;
    r.tables = test::draw(rng, 1, shape.companies + 1);
    r.first_round = test::draw(rng, 1, r.rounds);
    r.roster = in.people;
    r.wishes = in.wishes;
    // A random valid schedule: greedy over random company × project pairs.
    std::int64_t id = 1;
    for (int round = 1; round <= r.rounds; ++round) {
      std::set<std::string> busy;
      int table = 1;
      for (const Participant& a : in.people)
        for (const Participant& b : in.people)
          if (a.role == Role::company && b.role == Role::project && table <= r.tables && !busy.contains(a.id) &&
              !busy.contains(b.id) && test::chance(rng, 0.3)) {
            r.schedule.push_back({id++, round, table++, a.id, b.id});
            busy.insert({a.id, b.id});
          }
    }
    const int wished = test::draw(rng, 0, 3);
    for (int k = 0; k < wished; ++k) {
      const Participant& p = in.people[static_cast<std::size_t>(test::draw(rng, 0, static_cast<int>(in.people.size()) - 1))];
      if (p.role != Role::staff) r.wishes.push_back({"W01", p.id, test::draw(rng, 1, 3)});
    }
    INFO("trial " << trial);
    const WalkInPlan plan = plan_walk_in(r);
    check_plan(r, plan);
    CHECK(plan.meetings.size() + plan.open_rounds.size() == static_cast<std::size_t>(r.rounds - r.first_round + 1));
    // Maximal: every open round really has no free table or no allowed free partner left.
    std::set<std::string> used;
    for (const Meeting& m : plan.meetings) used.insert(m.partner_of("W01"));
    for (int round : plan.open_rounds) {
      int tables_used = 0;
      for (const Meeting& m : r.schedule) tables_used += m.round == round;
      if (tables_used >= r.tables) continue;
      for (const Participant& p : r.roster) {
        const bool allowed = p.role != Role::staff && ((p.role == Role::company) != (r.person.role == Role::company));
        const bool free = !busy_in(r.schedule, round).contains(p.id) && !used.contains(p.id) &&
                          (!p.arrives || *p.arrives <= round) && (!p.leaves || round <= *p.leaves);
        // An open round with a free table and a free allowed partner nobody took
        // would be a meeting left on the table (an augmenting path of length 1).
        CHECK_FALSE((allowed && free));
      }
    }
  }
}
