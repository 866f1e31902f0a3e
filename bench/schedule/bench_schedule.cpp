// Scheduling at scale: 2,000 participants, 20,000 wishes, 400 tables.
// min-rounds and fill (R = 12) beside the greedy first-fit "quick schedule"
// that commercial tools offer, measured in the same run.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>

#include "bench_report.hpp"
#include "schedule/first_fit.hpp"
#include "schedule/meeting_graph.hpp"
#include "schedule/scheduler.hpp"

using namespace speedmeet;
using namespace speedmeet::schedule;

namespace {

constexpr int kCompanies = 1000;
constexpr int kProjects = 1000;
constexpr int kWishes = 20000;
constexpr int kTables = 400;
constexpr int kFillRounds = 12;

std::string id(char prefix, int i) {
  char text[16];
  std::snprintf(text, sizeof text, "%c%04d", prefix, i);
  return text;
}

Participant person(const std::string& pid, Role role) {
  Participant p;
  p.id = pid;
  p.name = pid;
  p.role = role;
  return p;
}

// Popularity is skewed (some companies are wanted by many), as at real
// events; priorities: 25% must, 45% want, 30% nice.
ScheduleRequest make_event(int project_pairs) {
  ScheduleRequest r;
  for (int i = 0; i < kCompanies; ++i) r.participants.push_back(person(id('C', i), Role::company));
  for (int i = 0; i < kProjects; ++i) r.participants.push_back(person(id('P', i), Role::project));
  std::mt19937_64 rng(2026);
  auto skewed = [&](int n) {  // mild skew: the first companies draw about twice the average
    const double u = static_cast<double>(rng() % 1000000) / 1000000.0;
    return std::min(n - 1, static_cast<int>(std::pow(u, 1.1) * n));
  };
  std::set<std::pair<std::string, std::string>> seen;
  while (static_cast<int>(r.wishes.size()) < kWishes) {
    const std::string c = id('C', skewed(kCompanies));
    const std::string p = id('P', static_cast<int>(rng() % kProjects));
    const bool from_company = rng() % 2 == 0;
    const std::string from = from_company ? c : p;
    const std::string to = from_company ? p : c;
    if (!seen.insert({from, to}).second) continue;
    const int roll = static_cast<int>(rng() % 100);
    r.wishes.push_back({from, to, roll < 25 ? 3 : roll < 70 ? 2 : 1});
  }
  // Project holders meeting each other make the graph general (odd cycles).
  for (int added = 0; added < project_pairs;) {
    const std::string a = id('P', static_cast<int>(rng() % kProjects));
    const std::string b = id('P', static_cast<int>(rng() % kProjects));
    if (a == b || seen.contains({b, a}) || !seen.insert({a, b}).second) continue;
    r.wishes.push_back({a, b, static_cast<int>(rng() % 3) + 1});
    ++added;
  }
  r.tables = kTables;
  return r;
}

struct Outcome {
  int rounds = 0;
  int meetings = 0;
  int wishes_met = 0;
  int must_met = 0;
  std::int64_t weight = 0;
};

// Wishes met by a set of (u, v) vertex pairs of the graph.
Outcome score(const MeetingGraph& g, const std::vector<int>& held_edges) {
  Outcome o;
  o.meetings = static_cast<int>(held_edges.size());
  for (int e : held_edges) {
    const GraphEdge& edge = g.edges[static_cast<std::size_t>(e)];
    o.weight += edge.weight();
    for (int p : {edge.priority_uv, edge.priority_vu})
      if (p > 0) {
        ++o.wishes_met;
        o.must_met += p == 3;
      }
  }
  return o;
}

Outcome score(const ScheduleReport& r) {
  return {r.rounds_used, r.meetings, r.wishes[1].met + r.wishes[2].met + r.wishes[3].met, r.wishes[3].met, r.weight};
}

std::vector<EdgeEnds> ends(const MeetingGraph& g, const std::vector<int>& order) {
  std::vector<EdgeEnds> out;
  for (int e : order) out.push_back({g.edges[static_cast<std::size_t>(e)].u, g.edges[static_cast<std::size_t>(e)].v});
  return out;
}

// First-fit over the edges in the given order; returns what it held.
std::pair<Outcome, double> greedy(const MeetingGraph& g, const std::vector<int>& order, int tables, int round_limit) {
  const auto start = bench::Clock::now();
  const FirstFit ff = first_fit(g.vertex_count(), ends(g, order), tables, round_limit);
  const double seconds = bench::seconds_since(start);
  std::vector<int> held;
  for (std::size_t i = 0; i < order.size(); ++i)
    if (ff.round_of[i] > 0) held.push_back(order[i]);
  Outcome o = score(g, held);
  o.rounds = ff.rounds_used;
  return {o, seconds};
}

std::string ratio(double a, double b) { return b == 0 ? "-" : bench::fixed(a / b, 3); }

// One event, both modes, beside first-fit; `label` prefixes the metrics.
void run(const std::string& label, ScheduleRequest event) {
  const MeetingGraph g = build_wish_graph(event.participants, event.wishes).graph;
  const int tables = event.tables;
  const int bound = std::max(g.max_degree(), (g.edge_count() + tables - 1) / tables);
  std::fprintf(stderr, "bench_schedule %s: %d participants, %zu wishes -> E = %d meetings, Δ = %d, T = %d, bound %d\n",
               label.c_str(), g.vertex_count(), event.wishes.size(), g.edge_count(), g.max_degree(), tables, bound);

  // Wish order, as a spreadsheet lists them.
  std::vector<int> wish_order(static_cast<std::size_t>(g.edge_count()));
  for (std::size_t i = 0; i < wish_order.size(); ++i) wish_order[i] = static_cast<int>(i);
  std::shuffle(wish_order.begin(), wish_order.end(), std::mt19937_64(7));

  event.mode = Mode::min_rounds;
  event.event_rounds = 10 * bound;  // room enough: the event is sized after
  auto start = bench::Clock::now();
  const ScheduleResult min = make_schedule(event);
  const double min_seconds = bench::seconds_since(start);
  const auto [greedy_min, greedy_min_seconds] = greedy(g, wish_order, tables, 0);
  bench::report(label + " min-rounds time (s)", bench::fixed(min_seconds, 3), bench::fixed(greedy_min_seconds, 3),
                ratio(min_seconds, greedy_min_seconds), "<= 1 s");
  bench::report(label + " min-rounds rounds/bound", bench::fixed(1.0 * min.report.rounds_used / bound, 2) + " (" +
                    std::to_string(min.report.rounds_used) + "/" + std::to_string(bound) + ")",
                bench::fixed(1.0 * greedy_min.rounds / bound, 2) + " (" + std::to_string(greedy_min.rounds) + ")",
                ratio(min.report.rounds_used, greedy_min.rounds), "1.00");

  // fill, 12 rounds; the quick-schedule button takes the heaviest wishes first.
  event.mode = Mode::fill;
  event.event_rounds = kFillRounds;
  start = bench::Clock::now();
  const ScheduleResult fill = make_schedule(event);
  const double fill_seconds = bench::seconds_since(start);
  std::vector<int> priority_order = wish_order;
  std::stable_sort(priority_order.begin(), priority_order.end(), [&](int a, int b) {
    return g.edges[static_cast<std::size_t>(a)].weight() > g.edges[static_cast<std::size_t>(b)].weight();
  });
  const auto [greedy_fill, greedy_fill_seconds] = greedy(g, priority_order, tables, kFillRounds);
  const Outcome ours = score(fill.report);
  bench::report(label + " fill R=12 time (s)", bench::fixed(fill_seconds, 3), bench::fixed(greedy_fill_seconds, 3),
                ratio(fill_seconds, greedy_fill_seconds), "<= 3 s");
  bench::report(label + " fill R=12 meetings", std::to_string(ours.meetings), std::to_string(greedy_fill.meetings),
                ratio(ours.meetings, greedy_fill.meetings), "<= R·T = " + std::to_string(kFillRounds * tables));
  bench::report(label + " fill R=12 wishes met", std::to_string(ours.wishes_met),
                std::to_string(greedy_fill.wishes_met), ratio(ours.wishes_met, greedy_fill.wishes_met), "-");
  bench::report(label + " fill R=12 must wishes met", std::to_string(ours.must_met),
                std::to_string(greedy_fill.must_met), ratio(ours.must_met, greedy_fill.must_met), ">= 1");
  const std::string quality =
      fill.report.weight_optimal
          ? "optimal (flow)"
          : ">= " + bench::fixed(2.0 * static_cast<double>(ours.weight) / static_cast<double>(fill.report.upper_bound_x2), 3) +
                " of optimum";
  bench::report(label + " fill R=12 wish weight", std::to_string(ours.weight), std::to_string(greedy_fill.weight),
                ratio(static_cast<double>(ours.weight), static_cast<double>(greedy_fill.weight)), quality);
}

}  // namespace

int main() {
  run("schedule", make_event(0));
  run("schedule general", make_event(2000));
  // Tables to spare: Δ binds, and Vizing's Δ+1 has to be folded back to Δ.
  ScheduleRequest loose = make_event(2000);
  loose.tables = 5 * kTables;
  run("schedule general T=2000", loose);
  return 0;
}
