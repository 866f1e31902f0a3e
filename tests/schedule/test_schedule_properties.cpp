// Property tests over random events: every schedule is valid, bipartite
// min-rounds always reaches the lower bound, fill matches a brute-force
// optimum wherever one can be enumerated.
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <set>

#include "domain/validation.hpp"
#include "random_instances.hpp"
#include "schedule/meeting_graph.hpp"
#include "schedule/scheduler.hpp"

using namespace speedmeet;
using namespace speedmeet::schedule;
using speedmeet::test::chance;
using speedmeet::test::draw;
using speedmeet::test::Instance;
using speedmeet::test::random_instance;
using speedmeet::test::Shape;

namespace {

struct Bounds {
  int edges = 0;
  int delta = 0;
  bool bipartite = true;
  int bound(int tables) const { return std::max(delta, (edges + tables - 1) / tables); }
};

Bounds bounds_of(const Instance& in) {
  const MeetingGraph g = build_wish_graph(in.people, in.wishes).graph;
  return {g.edge_count(), g.max_degree(), g.two_colouring().has_value()};
}

ScheduleRequest request_for(const Instance& in, Mode mode, int event_rounds, int tables, std::uint64_t seed) {
  ScheduleRequest r;
  r.mode = mode;
  r.participants = in.people;
  r.wishes = in.wishes;
  r.event_rounds = event_rounds;
  r.tables = tables;
  r.seed = seed;
  return r;
}

std::set<std::pair<std::string, std::string>> wished_pairs(const Instance& in) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (const Wish& w : in.wishes) pairs.insert(std::minmax(w.from, w.to));
  return pairs;
}

// Everything any schedule must satisfy, whatever the mode.
void require_sound(const ScheduleRequest& req, const ScheduleResult& res) {
  const auto problems = validate_schedule(res.meetings, req.event_rounds, req.tables);
  INFO((problems.empty() ? std::string() : problems.front().message));
  REQUIRE(problems.empty());
  std::map<std::string, const Participant*> by_id;
  for (const Participant& p : req.participants) by_id.emplace(p.id, &p);
  std::set<std::pair<std::string, std::string>> pairs;
  std::map<std::string, std::set<int>> company_tables;
  for (const Meeting& m : res.meetings) {
    for (const std::string* person : {&m.a, &m.b}) {
      const Participant* p = by_id.at(*person);
      REQUIRE(p->role != Role::staff);
      REQUIRE(m.round >= p->arrives.value_or(1));
      REQUIRE(m.round <= p->leaves.value_or(req.event_rounds));
      if (p->role == Role::company && req.fixed_tables && p->id == m.a) company_tables[p->id].insert(m.table);
      if (p->role == Role::company && req.fixed_tables) REQUIRE(m.a == p->id);  // the company hosts
    }
    REQUIRE(pairs.insert(std::minmax(m.a, m.b)).second);  // nobody meets twice
    REQUIRE(m.round <= res.report.rounds_used);
  }
  for (const auto& [company, tables] : company_tables) REQUIRE(tables.size() == 1);
  REQUIRE(res.report.meetings == static_cast<int>(res.meetings.size()));
  int per_round = 0;
  for (int n : res.report.meetings_per_round) {
    REQUIRE(n <= req.tables);
    per_round += n;
  }
  REQUIRE(per_round == res.report.meetings);
}

// Best weight over all subsets of the edges with at most `rounds` meetings
// per person and rounds × tables in all (exact for bipartite graphs).
std::int64_t brute_force_fill(const MeetingGraph& g, int rounds, int tables) {
  std::int64_t best = 0;
  std::vector<int> degree(static_cast<std::size_t>(g.vertex_count()), 0);
  std::function<void(std::size_t, int, std::int64_t)> go = [&](std::size_t e, int count, std::int64_t weight) {
    best = std::max(best, weight);
    if (e == g.edges.size()) return;
    const GraphEdge& edge = g.edges[e];
    int& du = degree[static_cast<std::size_t>(edge.u)];
    int& dv = degree[static_cast<std::size_t>(edge.v)];
    if (du < rounds && dv < rounds && count < rounds * tables) {
      ++du, ++dv;
      go(e + 1, count + 1, weight + edge.weight());
      --du, --dv;
    }
    go(e + 1, count, weight);
  };
  go(0, 0, 0);
  return best;
}

// The true optimum: every way of putting each edge in one of `rounds`
// rounds or leaving it out (rounds are interchangeable, so an edge may open
// only the next unused one), pruned by the weight still available.
std::int64_t brute_force_schedule(const MeetingGraph& g, int rounds, int tables) {
  const std::size_t n = g.edges.size();
  std::vector<std::int64_t> rest(n + 1, 0);
  for (std::size_t e = n; e-- > 0;) rest[e] = rest[e + 1] + g.edges[e].weight();
  std::vector<std::vector<char>> busy(static_cast<std::size_t>(g.vertex_count()),
                                      std::vector<char>(static_cast<std::size_t>(rounds), 0));
  std::vector<int> used(static_cast<std::size_t>(rounds), 0);
  std::int64_t best = 0;
  std::function<void(std::size_t, int, std::int64_t)> go = [&](std::size_t e, int opened, std::int64_t weight) {
    best = std::max(best, weight);
    if (e == n || weight + rest[e] <= best) return;
    const GraphEdge& edge = g.edges[e];
    auto& bu = busy[static_cast<std::size_t>(edge.u)];
    auto& bv = busy[static_cast<std::size_t>(edge.v)];
    for (int r = 0; r < std::min(rounds, opened + 1); ++r) {
      const auto ri = static_cast<std::size_t>(r);
      if (bu[ri] || bv[ri] || used[ri] >= tables) continue;
      bu[ri] = bv[ri] = 1;
      ++used[ri];
      go(e + 1, std::max(opened, r + 1), weight + edge.weight());
      bu[ri] = bv[ri] = 0;
      --used[ri];
    }
    go(e + 1, opened, weight);
  };
  go(0, 0, 0);
  return best;
}

}  // namespace

TEST_CASE("min-rounds on bipartite events always reaches max(Δ, ⌈E/T⌉)") {
  std::mt19937_64 rng(20261127);
  int instances = 0;
  for (int i = 0; i < 400; ++i, ++instances) {
    Shape s;
    s.companies = draw(rng, 1, 12);
    s.projects = draw(rng, 1, 20);
    s.density = chance(rng, 0.5) ? 0.1 : 0.7;  // sparse and dense
    const Instance in = random_instance(rng, s);
    const Bounds b = bounds_of(in);
    // Tight tables make ⌈E/T⌉ the bound; loose ones leave Δ in charge.
    const int tables = chance(rng, 0.5) ? std::max(1, b.edges / std::max(1, b.delta * 2)) : draw(rng, 1, 30);
    const auto req = request_for(in, Mode::min_rounds, b.bound(tables) + 3, tables, rng());
    const ScheduleResult res = make_schedule(req);
    INFO("instance " << i << ": E=" << b.edges << " Δ=" << b.delta << " T=" << tables);
    require_sound(req, res);
    REQUIRE(res.report.bipartite);
    REQUIRE(res.report.bound == b.bound(tables));
    REQUIRE(res.report.rounds_used == b.bound(tables));
    REQUIRE(res.report.meetings == b.edges);  // every wish held
  }
  CHECK(instances == 400);
}

TEST_CASE("min-rounds on general graphs holds every wish in at most max(Δ+1, ⌈E/T⌉) rounds") {
  std::mt19937_64 rng(7);
  int general = 0;
  for (int i = 0; i < 200; ++i) {
    Shape s;
    s.companies = draw(rng, 0, 8);
    s.projects = draw(rng, 3, 16);
    s.density = chance(rng, 0.5) ? 0.15 : 0.6;
    s.project_pairs = draw(rng, 1, 25);
    const Instance in = random_instance(rng, s);
    const Bounds b = bounds_of(in);
    general += !b.bipartite;
    const int tables = chance(rng, 0.5) ? std::max(1, b.edges / std::max(1, b.delta * 2)) : draw(rng, 1, 20);
    const int vizing = std::max(b.delta + 1, (b.edges + tables - 1) / tables);
    const auto req = request_for(in, Mode::min_rounds, vizing + 1, tables, rng());
    const ScheduleResult res = make_schedule(req);
    INFO("instance " << i << ": E=" << b.edges << " Δ=" << b.delta << " T=" << tables);
    require_sound(req, res);
    REQUIRE(res.report.meetings == b.edges);
    REQUIRE(res.report.rounds_used >= b.bound(tables));
    REQUIRE(res.report.rounds_used <= vizing);
    if (b.bipartite) REQUIRE(res.report.rounds_used == b.bound(tables));
  }
  CHECK(general > 150);  // the shape really makes odd cycles
}

TEST_CASE("fill on bipartite events equals the brute-force optimum") {
  std::mt19937_64 rng(42);
  int compared = 0;
  for (int i = 0; i < 250; ++i) {
    Shape s;
    s.companies = draw(rng, 1, 4);
    s.projects = draw(rng, 1, 5);
    s.density = chance(rng, 0.5) ? 0.3 : 0.7;
    Instance in = random_instance(rng, s);
    MeetingGraph g = build_wish_graph(in.people, in.wishes).graph;
    if (g.edge_count() > 14) continue;  // keep the enumeration small
    const int rounds = draw(rng, 1, 4);
    const int tables = draw(rng, 1, 4);
    auto req = request_for(in, Mode::fill, rounds + draw(rng, 0, 2), tables, rng());
    req.rounds = rounds;
    const ScheduleResult res = make_schedule(req);
    INFO("instance " << i << ": E=" << g.edge_count() << " R=" << rounds << " T=" << tables);
    require_sound(req, res);
    REQUIRE(res.report.rounds_used == rounds);
    REQUIRE(res.report.weight_optimal);
    const std::int64_t best = brute_force_schedule(g, rounds, tables);
    REQUIRE(res.report.weight == best);
    REQUIRE(brute_force_fill(g, rounds, tables) == best);  // König: degrees are the only limit
    ++compared;
  }
  CHECK(compared >= 200);
}

TEST_CASE("fill on general graphs stays close to the optimum and under its upper bound") {
  std::mt19937_64 rng(4242);
  double worst = 1.0, sum = 0;
  int measured = 0, optimal = 0;
  for (int i = 0; i < 150; ++i) {
    Shape s;
    s.companies = draw(rng, 0, 3);
    s.projects = draw(rng, 3, 6);
    s.density = 0.4;
    s.project_pairs = draw(rng, 2, 8);
    Instance in = random_instance(rng, s);
    MeetingGraph g = build_wish_graph(in.people, in.wishes).graph;
    if (g.edge_count() > 14 || g.edge_count() == 0) continue;
    const int rounds = draw(rng, 1, 4);
    const int tables = draw(rng, 1, 4);
    auto req = request_for(in, Mode::fill, rounds, tables, rng());
    const ScheduleResult res = make_schedule(req);
    require_sound(req, res);
    const std::int64_t best = brute_force_schedule(g, rounds, tables);
    REQUIRE(res.report.weight <= best);
    REQUIRE(2 * best <= res.report.upper_bound_x2);
    if (best > 0) {
      const double ratio = static_cast<double>(res.report.weight) / static_cast<double>(best);
      worst = std::min(worst, ratio);
      sum += ratio;
      ++measured;
      optimal += res.report.weight == best;
    }
  }
  INFO("worst ratio " << worst << ", mean " << sum / measured << ", optimal in " << optimal << " of " << measured);
  CHECK(measured > 100);
  CHECK(worst >= 0.75);
}

TEST_CASE("arrives/leaves windows are always respected") {
  std::mt19937_64 rng(99);
  int scheduled = 0, refused = 0;
  for (int i = 0; i < 150; ++i) {
    Shape s;
    s.companies = draw(rng, 2, 8);
    s.projects = draw(rng, 2, 12);
    s.density = chance(rng, 0.5) ? 0.15 : 0.5;
    s.project_pairs = chance(rng, 0.3) ? 4 : 0;
    s.late = draw(rng, 1, 4);
    s.event_rounds = draw(rng, 6, 14);
    const Instance in = random_instance(rng, s);
    const int tables = draw(rng, 2, 10);
    const Mode mode = chance(rng, 0.5) ? Mode::min_rounds : Mode::fill;
    auto req = request_for(in, mode, s.event_rounds, tables, rng());
    try {
      const ScheduleResult res = make_schedule(req);
      require_sound(req, res);  // checks every meeting against arrives/leaves
      ++scheduled;
    } catch (const ScheduleError& e) {
      REQUIRE(mode == Mode::min_rounds);  // fill always finds something
      REQUIRE(std::string(e.what()).size() > 20);
      ++refused;
    }
  }
  CHECK(scheduled > 100);
  CHECK(refused > 0);
}

TEST_CASE("all-pairs: every company meets every project holder once, in the fewest rounds") {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 80; ++i) {
    Shape s;
    s.companies = draw(rng, 1, 9);
    s.projects = draw(rng, 1, 9);
    const Instance in = random_instance(rng, s);
    const int tables = draw(rng, 1, 10);
    const int pairs = s.companies * s.projects;
    const int bound = std::max(std::max(s.companies, s.projects), (pairs + tables - 1) / tables);
    auto req = request_for(in, Mode::all_pairs, bound + draw(rng, 0, 2), tables, rng());
    req.fixed_tables = s.companies <= tables && chance(rng, 0.5);
    const ScheduleResult res = make_schedule(req);
    INFO("instance " << i << ": C=" << s.companies << " P=" << s.projects << " T=" << tables);
    require_sound(req, res);
    REQUIRE(res.report.meetings == pairs);
    REQUIRE(res.report.rounds_used == bound);
    int byes = 0;
    for (const auto& round : res.report.byes) byes += static_cast<int>(round.size());
    REQUIRE(byes == bound * (s.companies + s.projects) - 2 * pairs);  // every seat-less round is listed
  }
}

TEST_CASE("--fixed-tables: each company keeps one table all day") {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 80; ++i) {
    Shape s;
    s.companies = draw(rng, 1, 8);
    s.projects = draw(rng, 2, 14);
    s.density = 0.4;
    s.project_pairs = chance(rng, 0.3) ? 3 : 0;
    const Instance in = random_instance(rng, s);
    const int tables = draw(rng, s.companies, s.companies + 4);
    const Mode mode = chance(rng, 0.5) ? Mode::min_rounds : Mode::fill;
    const Bounds b = bounds_of(in);
    auto req = request_for(in, mode, std::max(b.delta + 1, b.bound(tables)) + 1, tables, rng());
    req.fixed_tables = true;
    const ScheduleResult res = make_schedule(req);
    require_sound(req, res);  // checks one table per company
    for (const Meeting& m : res.meetings)
      if (m.a[0] == 'C') CHECK(m.table == std::stoi(m.a.substr(1)));  // C001 -> table 1
  }
}

TEST_CASE("fill on larger events: valid, optimal for bipartite, never above R meetings per person") {
  std::mt19937_64 rng(123);
  for (int i = 0; i < 60; ++i) {
    Shape s;
    s.companies = draw(rng, 5, 25);
    s.projects = draw(rng, 5, 40);
    s.density = chance(rng, 0.5) ? 0.1 : 0.5;
    s.project_pairs = chance(rng, 0.25) ? 10 : 0;
    const Instance in = random_instance(rng, s);
    const int tables = draw(rng, 3, 25);
    const int rounds = draw(rng, 2, 12);
    auto req = request_for(in, Mode::fill, rounds, tables, rng());
    const ScheduleResult res = make_schedule(req);
    require_sound(req, res);
    std::map<std::string, int> meetings_of;
    for (const Meeting& m : res.meetings) {
      ++meetings_of[m.a];
      ++meetings_of[m.b];
    }
    for (const auto& [who, n] : meetings_of) REQUIRE(n <= rounds);
    REQUIRE(res.report.meetings <= rounds * tables);
    const auto wished = wished_pairs(in);
    for (const Meeting& m : res.meetings) REQUIRE(wished.contains(std::minmax(m.a, m.b)));
    if (res.report.bipartite) REQUIRE(res.report.weight_optimal);
    REQUIRE(2 * res.report.weight <= res.report.upper_bound_x2);
  }
}
