// The scheduler's parts on hand-made graphs: colourings, balancing,
// min-cost flow, assignment, the graph model and the report.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "schedule/assignment.hpp"
#include "schedule/colour_table.hpp"
#include "schedule/edge_colouring.hpp"
#include "schedule/first_fit.hpp"
#include "schedule/meeting_graph.hpp"
#include "schedule/min_cost_flow.hpp"
#include "schedule/round_planner.hpp"
#include "schedule/scheduler.hpp"

#include "random_instances.hpp"

using namespace speedmeet;
using speedmeet::test::person;
using namespace speedmeet::schedule;

namespace {

std::vector<EdgeEnds> complete_graph(int n) {
  std::vector<EdgeEnds> edges;
  for (int u = 0; u < n; ++u)
    for (int v = u + 1; v < n; ++v) edges.push_back({u, v});
  return edges;
}

std::vector<EdgeEnds> complete_bipartite(int a, int b) {
  std::vector<EdgeEnds> edges;
  for (int u = 0; u < a; ++u)
    for (int v = 0; v < b; ++v) edges.push_back({u, a + v});
  return edges;
}

std::vector<EdgeEnds> petersen() {
  std::vector<EdgeEnds> edges;
  for (int i = 0; i < 5; ++i) {
    edges.push_back({i, (i + 1) % 5});          // outer cycle
    edges.push_back({i, 5 + i});                // spokes
    edges.push_back({5 + i, 5 + (i + 2) % 5});  // inner star
  }
  return edges;
}

// Every edge coloured, below `colours`, and no vertex with two edges of a colour.
void require_proper(const ColourTable& t, int colours) {
  std::set<std::pair<int, int>> seen;  // (vertex, colour)
  for (int e = 0; e < t.edge_count(); ++e) {
    const int c = t.colour(e);
    REQUIRE(c >= 0);
    REQUIRE(c < colours);
    REQUIRE(seen.insert({t.ends(e).u, c}).second);
    REQUIRE(seen.insert({t.ends(e).v, c}).second);
  }
}

std::vector<int> identity(int n) { return shuffled_order(n, 0); }

RoundProblem problem(int vertices, std::vector<EdgeEnds> edges, std::vector<RoundWindow> windows, int rounds,
                     int tables) {
  RoundProblem p;
  p.vertex_count = vertices;
  p.edges = std::move(edges);
  p.windows = std::move(windows);
  p.rounds = rounds;
  p.tables = tables;
  p.bipartite = true;
  return p;
}

}  // namespace

TEST_CASE("bipartite colouring uses exactly Δ colours") {
  for (const auto& [a, b] : {std::pair{1, 1}, std::pair{3, 5}, std::pair{7, 7}, std::pair{4, 12}}) {
    const auto edges = complete_bipartite(a, b);
    ColourTable t(a + b, edges, std::max(a, b));
    colour_bipartite(t, identity(static_cast<int>(edges.size())), std::max(a, b));
    require_proper(t, std::max(a, b));
  }
}

TEST_CASE("bipartite colouring refuses an odd cycle instead of producing a wrong schedule") {
  ColourTable t(3, {{0, 1}, {1, 2}, {0, 2}}, 2);
  CHECK_THROWS_AS(colour_bipartite(t, {0, 1, 2}, 2), std::logic_error);
}

TEST_CASE("Misra-Gries colours any graph with Δ+1 colours") {
  SECTION("odd complete graphs need Δ+1") {
    for (int n : {3, 5, 9}) {
      const auto edges = complete_graph(n);
      ColourTable t(n, edges, n);
      colour_misra_gries(t, shuffled_order(static_cast<int>(edges.size()), 3), n);
      require_proper(t, n);  // Δ = n-1
    }
  }
  SECTION("Petersen graph (class 2)") {
    ColourTable t(10, petersen(), 4);
    colour_misra_gries(t, identity(15), 4);
    require_proper(t, 4);
  }
  SECTION("many random orders on K8") {
    const auto edges = complete_graph(8);
    for (std::uint64_t seed = 0; seed < 30; ++seed) {
      ColourTable t(8, edges, 8);
      colour_misra_gries(t, shuffled_order(static_cast<int>(edges.size()), seed), 8);
      require_proper(t, 8);
    }
  }
}

TEST_CASE("balancing evens out round sizes without breaking the colouring") {
  // A star plus a perfect matching: the colouring puts the matching in one
  // class; balancing spreads it.
  std::vector<EdgeEnds> edges;
  for (int v = 1; v <= 4; ++v) edges.push_back({0, v});
  for (int v = 5; v < 25; v += 2) edges.push_back({v, v + 1});
  ColourTable t(25, edges, 4);
  for (int e = 0; e < 4; ++e) t.set(e, e);
  for (int e = 4; e < static_cast<int>(edges.size()); ++e) t.set(e, 0);
  REQUIRE(t.size(0) == 11);
  balance_round_sizes(t, 4);
  require_proper(t, 4);
  for (int c = 0; c < 4; ++c) CHECK((t.size(c) == 3 || t.size(c) == 4));
}

TEST_CASE("plan_rounds respects T and availability windows") {
  const auto edges = complete_bipartite(3, 3);  // Δ = 3, E = 9
  SECTION("T = 2 needs ⌈9/2⌉ = 5 rounds") {
    const PlannedRounds plan = plan_rounds(problem(6, edges, {}, 5, 2));
    CHECK(plan.unplaced == 0);
    std::vector<int> per_round(6, 0);
    for (int r : plan.round_of) ++per_round[static_cast<std::size_t>(r)];
    for (int r = 1; r <= 5; ++r) CHECK(per_round[static_cast<std::size_t>(r)] <= 2);
  }
  SECTION("windows") {
    std::vector<RoundWindow> windows(edges.size(), RoundWindow{1, 4});
    std::fill_n(windows.begin(), 3, RoundWindow{2, 4});  // vertex 0 arrives in round 2
    const PlannedRounds plan = plan_rounds(problem(6, edges, windows, 4, 3));
    CHECK(plan.unplaced == 0);
    for (std::size_t e = 0; e < edges.size(); ++e) CHECK(windows[e].contains(plan.round_of[e]));
  }
  SECTION("too few rounds leaves edges out instead of double-booking") {
    const PlannedRounds plan = plan_rounds(problem(6, edges, {}, 2, 3));
    CHECK(plan.unplaced == 3);
  }
}

TEST_CASE("min-cost flow finds the cheapest flow and stops when paths stop paying") {
  // source 0, sink 3; two routes.
  MinCostFlow f(4);
  const int a = f.add_arc(0, 1, 2, 0);
  const int b = f.add_arc(1, 3, 2, -5);
  const int c = f.add_arc(0, 2, 2, 0);
  const int d = f.add_arc(2, 3, 2, 4);  // costs: never worth it
  const auto r = f.run(0, 3, 10, true);
  CHECK(r.flow == 2);
  CHECK(r.cost == -10);
  CHECK(f.flow_on(a) == 2);
  CHECK(f.flow_on(b) == 2);
  CHECK(f.flow_on(c) == 0);
  CHECK(f.flow_on(d) == 0);

  MinCostFlow g(4);
  g.add_arc(0, 1, 2, 0);
  g.add_arc(1, 3, 2, -5);
  g.add_arc(0, 2, 2, 0);
  g.add_arc(2, 3, 2, 4);
  const auto all = g.run(0, 3, 3, false);  // forced to send 3
  CHECK(all.flow == 3);
  CHECK(all.cost == -6);
}

TEST_CASE("assignment picks the cheapest permutation") {
  const std::vector<std::vector<std::int64_t>> cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
  const auto col = min_cost_assignment(cost);
  std::int64_t total = 0;
  for (std::size_t i = 0; i < col.size(); ++i) total += cost[i][static_cast<std::size_t>(col[i])];
  CHECK(total == 5);  // 1 + 2 + 2
}

TEST_CASE("the wish graph merges mutual wishes and leaves staff out") {
  const std::vector<Participant> roster = {
      person("C1", Role::company), person("P1", Role::project), person("S1", Role::staff)};
  const std::vector<Wish> wishes = {{"C1", "P1", 3}, {"P1", "C1", 1}, {"C1", "S1", 3}, {"C1", "X9", 2}, {"C1", "C1", 2}};
  const WishGraph built = build_wish_graph(roster, wishes);
  REQUIRE(built.graph.edge_count() == 1);
  CHECK(built.graph.edges[0].weight() == 10);  // must 9 + nice 1
  CHECK(built.graph.edges[0].mutual());
  CHECK(built.ignored_wishes == 3);
  CHECK(built.graph.vertex_count() == 2);
}

TEST_CASE("wish weights: priority first, mutual above one-sided at the same priority") {
  CHECK(wish_weight(3) > 2 * wish_weight(2));  // one must beats a mutual want
  CHECK(wish_weight(2) > 2 * wish_weight(1));  // one want beats a mutual nice
  CHECK(2 * wish_weight(1) > wish_weight(1));  // mutual beats one-sided
  CHECK(wish_weight(0) == 0);
}

TEST_CASE("first-fit baseline places everything when rounds are unlimited") {
  const auto edges = complete_bipartite(4, 4);
  const FirstFit ff = first_fit(8, edges, 3, 0);
  CHECK(ff.rounds_used >= 6);  // ⌈16/3⌉
  for (int r : ff.round_of) CHECK(r >= 1);
  const FirstFit limited = first_fit(8, edges, 3, 2);
  CHECK(limited.rounds_used == 2);
  CHECK(std::count(limited.round_of.begin(), limited.round_of.end(), 0) == 10);
}

TEST_CASE("bad requests are refused with a sentence") {
  ScheduleRequest r;
  r.participants = {person("C1", Role::company), person("C2", Role::company), person("P1", Role::project)};
  r.wishes = {{"C1", "P1", 3}, {"C2", "P1", 3}};
  r.event_rounds = 1;
  r.tables = 1;
  SECTION("more rounds needed than the event has") {
    r.mode = Mode::min_rounds;
    CHECK_THROWS_WITH(make_schedule(r), Catch::Contains("needs 2 rounds") && Catch::Contains("the event has 1"));
  }
  SECTION("fixed tables with more companies than tables") {
    r.mode = Mode::fill;
    r.fixed_tables = true;
    CHECK_THROWS_WITH(make_schedule(r), Catch::Contains("2 companies and 1 tables"));
  }
  SECTION("--rounds beyond the event") {
    r.mode = Mode::fill;
    r.rounds = 2;
    CHECK_THROWS_AS(make_schedule(r), ScheduleError);
  }
  SECTION("--rounds with another mode") {
    r.mode = Mode::min_rounds;
    r.rounds = 1;
    CHECK_THROWS_WITH(make_schedule(r), Catch::Contains("fill only"));
  }
  SECTION("a pair never present together") {
    r.mode = Mode::min_rounds;
    r.event_rounds = 4;
    r.participants[0].leaves = 1;
    r.participants[2].arrives = 2;
    CHECK_THROWS_WITH(make_schedule(r), Catch::Contains("never at the event together"));
  }
  SECTION("fill with nothing wished is an empty, valid schedule") {
    r.mode = Mode::fill;
    r.wishes.clear();
    const auto res = make_schedule(r);
    CHECK(res.meetings.empty());
    CHECK(format_report(res.report).find("0 meetings in 1 rounds") != std::string::npos);
  }
}

TEST_CASE("the report names the bound, the rounds and the wishes") {
  ScheduleRequest r;
  r.mode = Mode::min_rounds;
  for (int i = 1; i <= 3; ++i) r.participants.push_back(person("C" + std::to_string(i), Role::company));
  for (int i = 1; i <= 3; ++i) r.participants.push_back(person("P" + std::to_string(i), Role::project));
  for (int c = 1; c <= 3; ++c)
    for (int p = 1; p <= 3; ++p) r.wishes.push_back({"C" + std::to_string(c), "P" + std::to_string(p), 1 + (c + p) % 3});
  r.event_rounds = 8;
  r.tables = 2;
  const auto res = make_schedule(r);
  const std::string text = format_report(res.report);
  INFO(text);
  CHECK(res.report.rounds_used == 5);
  CHECK(text.find("9 meetings in 5 rounds = the lower bound") != std::string::npos);
  CHECK(text.find("max(3, ⌈9/2⌉ = 5) = 5") != std::string::npos);
  CHECK(text.find("must 3/3 · want 3/3 · nice 3/3") != std::string::npos);
  CHECK(text.find("Idle tables") != std::string::npos);
}

TEST_CASE("the summary names everyone the schedule leaves without a meeting") {
  using namespace speedmeet::schedule;
  ScheduleRequest request;
  request.mode = Mode::fill;
  request.event_rounds = 2;
  request.tables = 2;
  for (const char* c : {"C01", "C02", "C17"}) request.participants.push_back(test::person(c, Role::company));
  for (const char* p : {"P01", "P02"}) request.participants.push_back(test::person(p, Role::project));
  request.participants.push_back(test::person("S01", Role::staff));
  request.wishes = {{"C01", "P01", 3}, {"C02", "P02", 2}, {"C01", "P02", 1}};  // nobody wants C17
  const ScheduleResult result = make_schedule(request);
  CHECK(result.report.people == 5);
  CHECK(result.report.without_meetings == std::vector<std::string>{"C17"});
  const std::string text = format_report(result.report);
  CHECK(text.find("No meeting    1 of 5 companies and project holders have none: C17") != std::string::npos);
  // Staff never count as left out.
  CHECK(text.find("S01") == std::string::npos);
}
