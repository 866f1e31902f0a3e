#include "scheduler.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "domain/validation.hpp"
#include "meeting_graph.hpp"
#include "round_planner.hpp"
#include "selection.hpp"

namespace speedmeet::schedule {
namespace {

int ceil_div(int a, int b) { return b <= 0 ? 0 : (a + b - 1) / b; }

std::string window_text(const RoundWindow& w) {
  return w.first == w.last ? "round " + std::to_string(w.first)
                           : "rounds " + std::to_string(w.first) + "-" + std::to_string(w.last);
}

// Edges with the round each one got (0: not held).
struct Placement {
  std::vector<int> edges;
  std::vector<int> round_of;
  int rounds = 0;
};

bool anyone_restricted(const MeetingGraph& g, int event_rounds) {
  for (int v = 0; v < g.vertex_count(); ++v) {
    const RoundWindow w = g.window(v, event_rounds);
    if (w.first > 1 || w.last < event_rounds) return true;
  }
  return false;
}

std::vector<EdgeEnds> ends_of(const MeetingGraph& g, const std::vector<int>& edges) {
  std::vector<EdgeEnds> out;
  out.reserve(edges.size());
  for (int e : edges) out.push_back({g.edges[static_cast<std::size_t>(e)].u, g.edges[static_cast<std::size_t>(e)].v});
  return out;
}

std::vector<RoundWindow> windows_of(const MeetingGraph& g, const std::vector<int>& edges, int rounds) {
  std::vector<RoundWindow> out;
  out.reserve(edges.size());
  for (int e : edges) out.push_back(g.window(g.edges[static_cast<std::size_t>(e)], rounds));
  return out;
}

std::vector<int> all_edges(const MeetingGraph& g) {
  std::vector<int> edges(g.edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) edges[i] = static_cast<int>(i);
  return edges;
}

const std::string& id_of(const MeetingGraph& g, int v) { return g.people[static_cast<std::size_t>(v)].id; }

void describe_graph(const MeetingGraph& g, const ScheduleRequest& req, ScheduleReport& r) {
  r.participants = g.vertex_count();
  r.companies = static_cast<int>(std::count_if(g.people.begin(), g.people.end(),
                                               [](const Participant& p) { return p.role == Role::company; }));
  r.wished_meetings = g.edge_count();
  const int busiest = g.max_degree_vertex();
  r.max_degree = g.max_degree();
  r.max_degree_id = busiest < 0 ? "" : id_of(g, busiest);
  r.table_bound = ceil_div(r.wished_meetings, req.tables);
  r.bound = std::max(r.max_degree, r.table_bound);
  const auto degree = g.degrees();
  for (int v = 0; v < g.vertex_count(); ++v) {
    const int d = degree[static_cast<std::size_t>(v)];
    const RoundWindow w = g.window(v, req.event_rounds);
    if (d == 0 || w.first <= 1) continue;
    if (w.first - 1 + d > r.availability_bound) {
      r.availability_bound = w.first - 1 + d;
      r.availability_bound_id = id_of(g, v);
    }
  }
}

// min-rounds promises every wish: say which one availability makes impossible.
void require_availability_allows_all(const MeetingGraph& g, int event_rounds) {
  for (const GraphEdge& e : g.edges)
    if (g.window(e, event_rounds).empty())
      throw ScheduleError(id_of(g, e.u) + " (" + window_text(g.window(e.u, event_rounds)) + ") and " + id_of(g, e.v) +
                          " (" + window_text(g.window(e.v, event_rounds)) +
                          ") are never at the event together, so their wish cannot become a meeting; "
                          "use --mode fill, or change their arrives/leaves");
  const auto degree = g.degrees();
  for (int v = 0; v < g.vertex_count(); ++v) {
    const RoundWindow w = g.window(v, event_rounds);
    const int d = degree[static_cast<std::size_t>(v)];
    if (d > w.size())
      throw ScheduleError(id_of(g, v) + " has " + std::to_string(d) + " meetings to hold but attends only " +
                          window_text(w) + "; use --mode fill to choose the best of them");
  }
}

std::string too_many_rounds(const ScheduleReport& r, int needed, bool exact) {
  if (r.mode == Mode::all_pairs)
    return "all-pairs needs " + std::to_string(needed) + " rounds for " + std::to_string(r.wished_meetings) +
           " meetings (every one of " + std::to_string(r.companies) + " companies meets every one of " +
           std::to_string(r.participants - r.companies) + " project holders at " + std::to_string(r.tables) +
           " tables) but the event has " + std::to_string(r.event_rounds) +
           "; nothing was changed. Use --mode fill for the best wished meetings in the event's rounds, or add "
           "rounds in event.toml";
  std::string why = "Δ = " + std::to_string(r.max_degree) + (r.max_degree_id.empty() ? "" : " for " + r.max_degree_id) +
                    ", ⌈E/T⌉ = ⌈" + std::to_string(r.wished_meetings) + "/" + std::to_string(r.tables) +
                    "⌉ = " + std::to_string(r.table_bound);
  if (r.availability_bound > r.bound)
    why += ", " + r.availability_bound_id + " arrives late: " + std::to_string(r.availability_bound);
  return std::string(to_string(r.mode)) + " needs " + (exact ? "" : "at least ") + std::to_string(needed) +
         " rounds for all " + std::to_string(r.wished_meetings) + " meetings (" + why + ") but the event has " +
         std::to_string(r.event_rounds) +
         "; nothing was changed. Use --mode fill to choose the best meetings for the event's rounds, or add rounds "
         "in event.toml";
}

// Every edge of the graph in the fewest rounds the planner reaches: the bound
// first, one more round at a time while something is left out.
Placement place_every_edge(const MeetingGraph& g, bool bipartite, const ScheduleRequest& req, ScheduleReport& r) {
  Placement out{all_edges(g), {}, 0};
  if (g.edges.empty()) return out;
  const bool restricted = anyone_restricted(g, req.event_rounds);
  if (restricted) require_availability_allows_all(g, req.event_rounds);
  const int first_try = std::max(r.bound, r.availability_bound);
  if (first_try > req.event_rounds) throw ScheduleError(too_many_rounds(r, first_try, bipartite && !restricted));
  for (int k = first_try; k <= req.event_rounds; ++k) {
    RoundProblem problem;
    problem.vertex_count = g.vertex_count();
    problem.edges = ends_of(g, out.edges);
    problem.rounds = k;
    problem.tables = req.tables;
    problem.bipartite = bipartite;
    problem.seed = req.seed;
    if (restricted) problem.windows = windows_of(g, out.edges, k);
    PlannedRounds plan = plan_rounds(problem);
    if (plan.unplaced == 0) {
      out.round_of = std::move(plan.round_of);
      out.rounds = k;
      return out;
    }
  }
  throw ScheduleError(std::string(to_string(r.mode)) + " could not fit all " + std::to_string(r.wished_meetings) +
                      " meetings into the event's " + std::to_string(req.event_rounds) + " rounds (the lower bound is " +
                      std::to_string(first_try) +
                      (restricted ? "; arrives/leaves windows make it harder" : "") +
                      "); nothing was changed. Use --mode fill, or add rounds in event.toml");
}

// all-pairs with every company at a table each round (or every project
// holder, whichever side is smaller): the Latin-square rotation.
Placement rotation(const MeetingGraph& g, const std::vector<int>& companies, const std::vector<int>& projects) {
  std::map<std::pair<int, int>, int> edge_of;
  for (int e = 0; e < g.edge_count(); ++e)
    edge_of.emplace(std::pair{g.edges[static_cast<std::size_t>(e)].u, g.edges[static_cast<std::size_t>(e)].v}, e);
  const bool companies_stay = companies.size() <= projects.size();
  const std::vector<int>& seated = companies_stay ? companies : projects;
  const std::vector<int>& moving = companies_stay ? projects : companies;
  Placement out;
  out.rounds = static_cast<int>(moving.size());
  for (int r = 0; r < out.rounds; ++r)
    for (std::size_t i = 0; i < seated.size(); ++i) {
      const int a = seated[i];
      const int b = moving[(i + static_cast<std::size_t>(r)) % moving.size()];
      out.edges.push_back(edge_of.at({std::min(a, b), std::max(a, b)}));
      out.round_of.push_back(r + 1);
    }
  return out;
}

// The host of a meeting keeps the table: the company, else the lower id.
int host_of(const MeetingGraph& g, const GraphEdge& e) {
  const bool u_company = g.people[static_cast<std::size_t>(e.u)].role == Role::company;
  const bool v_company = g.people[static_cast<std::size_t>(e.v)].role == Role::company;
  return (v_company && !u_company) ? e.v : e.u;
}

std::vector<Meeting> seat_meetings(const MeetingGraph& g, const Placement& p, int tables, bool fixed_tables) {
  std::map<int, int> company_table;  // vertex -> its table (fixed tables)
  if (fixed_tables)
    for (int v = 0; v < g.vertex_count(); ++v)
      if (g.people[static_cast<std::size_t>(v)].role == Role::company)
        company_table.emplace(v, static_cast<int>(company_table.size()) + 1);

  std::map<int, std::vector<std::pair<int, int>>> by_round;  // round -> (host, partner)
  for (std::size_t i = 0; i < p.edges.size(); ++i) {
    if (p.round_of[i] <= 0) continue;
    const GraphEdge& e = g.edges[static_cast<std::size_t>(p.edges[i])];
    const int host = host_of(g, e);
    by_round[p.round_of[i]].emplace_back(host, host == e.u ? e.v : e.u);
  }
  std::vector<Meeting> meetings;
  for (auto& [round, pairs] : by_round) {
    std::sort(pairs.begin(), pairs.end());
    std::vector<char> taken(static_cast<std::size_t>(tables) + 1, 0);
    std::vector<std::pair<int, int>> floating;
    for (const auto& [host, partner] : pairs) {
      const auto fixed = company_table.find(host);
      if (fixed == company_table.end()) {
        floating.emplace_back(host, partner);
        continue;
      }
      taken[static_cast<std::size_t>(fixed->second)] = 1;
      meetings.push_back({0, round, fixed->second, id_of(g, host), id_of(g, partner)});
    }
    int next = 1;
    for (const auto& [host, partner] : floating) {
      while (next <= tables && taken[static_cast<std::size_t>(next)]) ++next;
      // A round never holds more than T meetings, so a table is always left.
      meetings.push_back({0, round, next++, id_of(g, host), id_of(g, partner)});
    }
  }
  std::sort(meetings.begin(), meetings.end(),
            [](const Meeting& a, const Meeting& b) { return std::pair{a.round, a.table} < std::pair{b.round, b.table}; });
  return meetings;
}

void count_wishes(const ScheduleRequest& req, const std::vector<Meeting>& meetings, ScheduleReport& r) {
  // Ids to numbers once: events have tens of thousands of wishes.
  std::unordered_map<std::string, std::uint32_t> number;
  for (const Participant& p : req.participants)
    if (p.role != Role::staff) number.emplace(p.id, static_cast<std::uint32_t>(number.size()));
  auto pair_key = [](std::uint32_t a, std::uint32_t b) { return static_cast<std::uint64_t>(a) << 32 | b; };
  std::unordered_map<std::uint64_t, int> wishes;  // (from, to) -> highest priority
  for (const Wish& w : req.wishes) {
    const auto from = number.find(w.from);
    const auto to = number.find(w.to);
    if (from == number.end() || to == number.end() || from == to || w.priority < 1 || w.priority > 3) continue;
    int& p = wishes[pair_key(from->second, to->second)];
    p = std::max(p, w.priority);
  }
  std::unordered_set<std::uint64_t> met;
  for (const Meeting& m : meetings) {
    const auto a = number.find(m.a);
    const auto b = number.find(m.b);
    if (a == number.end() || b == number.end()) continue;
    met.insert(pair_key(a->second, b->second));
    met.insert(pair_key(b->second, a->second));
  }
  for (const auto& [pair, priority] : wishes) {
    auto& count = r.wishes[static_cast<std::size_t>(priority)];
    ++count.wished;
    r.weight_wished += wish_weight(priority);
    if (met.contains(pair)) {
      ++count.met;
      r.weight += wish_weight(priority);
    }
  }
}

void finish_report(const ScheduleRequest& req, const std::vector<Meeting>& meetings, ScheduleReport& r) {
  r.meetings = static_cast<int>(meetings.size());
  r.meetings_per_round.assign(static_cast<std::size_t>(r.rounds_used), 0);
  for (const Meeting& m : meetings)
    if (m.round >= 1 && m.round <= r.rounds_used) ++r.meetings_per_round[static_cast<std::size_t>(m.round - 1)];
  count_wishes(req, meetings, r);
  // Whoever the schedule leaves without a single meeting: the organizer must
  // hear it before the day, not from the person at the kiosk.
  std::set<std::string> seated;
  for (const Meeting& m : meetings) seated.insert({m.a, m.b});
  for (const Participant& p : req.participants) {
    if (p.role == Role::staff) continue;
    ++r.people;
    if (!seated.contains(p.id)) r.without_meetings.push_back(p.id);
  }
}

std::string general_graph_note(int rounds, int bound) {
  return "Project holders also meet each other (the wish graph has an odd cycle), so König's theorem does not "
         "apply: Misra-Gries colours any graph in at most Δ+1 rounds. This schedule uses " +
         std::to_string(rounds) + (rounds == bound ? ", the lower bound itself." : " (bound " + std::to_string(bound) +
                                                                                     "; Δ+1 at most).");
}

ScheduleResult min_rounds(const ScheduleRequest& req, ScheduleReport& r) {
  WishGraph built = build_wish_graph(req.participants, req.wishes);
  const MeetingGraph& g = built.graph;
  r.ignored_wishes = built.ignored_wishes;
  r.bipartite = g.two_colouring().has_value();
  describe_graph(g, req, r);
  const Placement p = place_every_edge(g, r.bipartite, req, r);
  r.rounds_used = p.rounds;
  if (!r.bipartite) r.notes.push_back(general_graph_note(p.rounds, r.bound));
  if (r.bipartite && p.rounds > r.bound)
    r.notes.push_back("Arrives/leaves windows needed " + std::to_string(p.rounds) + " rounds; without them " +
                      std::to_string(r.bound) + " would do.");
  return {seat_meetings(g, p, req.tables, req.fixed_tables), r};
}

ScheduleResult fill(const ScheduleRequest& req, ScheduleReport& r) {
  const int rounds = req.rounds.value_or(req.event_rounds);
  if (rounds < 1 || rounds > req.event_rounds)
    throw ScheduleError("--rounds " + std::to_string(rounds) + " is outside the event's rounds 1-" +
                        std::to_string(req.event_rounds) +
                        ": fill schedules rounds 1..R of the event; add rounds in event.toml for more");
  WishGraph built = build_wish_graph(req.participants, req.wishes);
  const MeetingGraph& g = built.graph;
  r.ignored_wishes = built.ignored_wishes;
  const auto side = g.two_colouring();
  r.bipartite = side.has_value();
  describe_graph(g, req, r);
  r.rounds_used = rounds;

  std::vector<int> capacity(static_cast<std::size_t>(g.vertex_count()));
  for (int v = 0; v < g.vertex_count(); ++v) capacity[static_cast<std::size_t>(v)] = g.window(v, rounds).size();
  std::vector<char> allowed(g.edges.size());
  for (std::size_t e = 0; e < g.edges.size(); ++e) allowed[e] = !g.window(g.edges[e], rounds).empty();
  const int total = rounds * req.tables;
  const Selection chosen = r.bipartite ? select_bipartite(g, *side, capacity, allowed, total)
                                       : select_general(g, capacity, allowed, total);

  // Then every other wish, heaviest first, wherever it still fits.
  std::vector<int> edges = chosen.edges;
  std::vector<char> in(g.edges.size(), 0);
  for (int e : edges) in[static_cast<std::size_t>(e)] = 1;
  std::vector<int> others;
  for (int e = 0; e < g.edge_count(); ++e)
    if (!in[static_cast<std::size_t>(e)] && allowed[static_cast<std::size_t>(e)]) others.push_back(e);
  std::stable_sort(others.begin(), others.end(), [&](int a, int b) {
    return g.edges[static_cast<std::size_t>(a)].weight() > g.edges[static_cast<std::size_t>(b)].weight();
  });
  edges.insert(edges.end(), others.begin(), others.end());

  const bool restricted = anyone_restricted(g, rounds);
  RoundProblem problem;
  problem.vertex_count = g.vertex_count();
  problem.edges = ends_of(g, edges);
  problem.rounds = rounds;
  problem.tables = req.tables;
  problem.bipartite = r.bipartite;
  problem.seed = req.seed;
  problem.required = static_cast<int>(chosen.edges.size());
  if (restricted) problem.windows = windows_of(g, edges, rounds);
  for (int e : edges) problem.weights.push_back(g.edges[static_cast<std::size_t>(e)].weight());
  const PlannedRounds plan = plan_rounds(problem);
  const Placement p{edges, plan.round_of, rounds};

  r.upper_bound_x2 = chosen.upper_bound_x2;
  r.weight_optimal = r.bipartite && plan.unplaced == 0;
  if (rounds < req.event_rounds)
    r.notes.push_back("--rounds " + std::to_string(rounds) + ": rounds " + std::to_string(rounds + 1) + "-" +
                      std::to_string(req.event_rounds) + " of the event stay empty.");
  if (restricted)
    r.notes.push_back("Arrives/leaves respected: the flow offers each participant only the rounds they attend" +
                      std::string(r.weight_optimal ? ", and every meeting it chose found a round."
                                                   : "; some it chose found no common round, so the weight is "
                                                     "measured against the flow's upper bound."));
  if (!r.bipartite)
    r.notes.push_back("Project holders also meet each other (the wish graph has an odd cycle): the choice is greedy "
                      "guided by a flow on the graph's bipartite double cover, whose value bounds the best possible "
                      "weight from above.");
  if (plan.unplaced > 0)
    r.notes.push_back(std::to_string(plan.unplaced) + " chosen meetings did not fit the rounds (Δ+1 colours or "
                      "availability) and were replaced where others fit.");
  if (r.bound <= rounds)
    r.notes.push_back("Every wish fits in " + std::to_string(rounds) + " rounds; --mode min-rounds would need only " +
                      std::to_string(std::max(r.bound, 1)) + ".");
  return {seat_meetings(g, p, req.tables, req.fixed_tables), r};
}

ScheduleResult all_pairs(const ScheduleRequest& req, ScheduleReport& r) {
  const MeetingGraph g = build_all_pairs_graph(req.participants, req.wishes);
  std::vector<int> companies, projects;
  for (int v = 0; v < g.vertex_count(); ++v)
    (g.people[static_cast<std::size_t>(v)].role == Role::company ? companies : projects).push_back(v);
  if (companies.empty() || projects.empty())
    throw ScheduleError("all-pairs needs at least one company and one project holder");
  r.bipartite = true;
  describe_graph(g, req, r);
  const bool restricted = anyone_restricted(g, req.event_rounds);
  const auto smaller = std::min(companies.size(), projects.size());
  Placement p;
  if (!restricted && static_cast<int>(smaller) <= req.tables) {
    if (r.bound > req.event_rounds) throw ScheduleError(too_many_rounds(r, r.bound, true));
    p = rotation(g, companies, projects);
    const bool more_projects = companies.size() <= projects.size();
    const std::string smaller_side = more_projects ? "company" : "project holder";
    const std::string larger_side = more_projects ? "project holder" : "company";
    r.notes.push_back("Latin-square rotation: in round r the i-th " + smaller_side + " meets the ((i + r - 2) mod " +
                      std::to_string(std::max(companies.size(), projects.size())) + " + 1)-th " + larger_side +
                      ", so every " + smaller_side + " meets someone each round and the surplus " + larger_side +
                      "s sit out (byes below).");
  } else {
    p = place_every_edge(g, true, req, r);
  }
  r.rounds_used = p.rounds;
  ScheduleResult result{seat_meetings(g, p, req.tables, req.fixed_tables), r};
  result.report.byes.assign(static_cast<std::size_t>(p.rounds), {});
  for (int round = 1; round <= p.rounds; ++round) {
    std::set<std::string> busy;
    for (const Meeting& m : result.meetings)
      if (m.round == round) busy.insert({m.a, m.b});
    for (const Participant& person : g.people)
      if (!busy.contains(person.id)) result.report.byes[static_cast<std::size_t>(round - 1)].push_back(person.id);
  }
  return result;
}

// Arrives/leaves and "staff never meet", checked like validate_schedule.
void check_attendance(const ScheduleRequest& req, const std::vector<Meeting>& meetings) {
  std::map<std::string, const Participant*> by_id;
  for (const Participant& p : req.participants) by_id.emplace(p.id, &p);
  for (const Meeting& m : meetings)
    for (const std::string* id : {&m.a, &m.b}) {
      const auto it = by_id.find(*id);
      if (it == by_id.end() || it->second->role == Role::staff ||
          m.round < it->second->arrives.value_or(1) || m.round > it->second->leaves.value_or(req.event_rounds))
        throw std::logic_error("scheduler seated " + *id + " in round " + std::to_string(m.round) +
                               " against the roster");
    }
}

void check_request(const ScheduleRequest& req) {
  if (req.tables < 1) throw ScheduleError("the event has no tables");
  if (req.event_rounds < 1) throw ScheduleError("the event has no rounds");
  if (req.rounds && req.mode != Mode::fill)
    throw ScheduleError("--rounds applies to --mode fill only; " + std::string(to_string(req.mode)) +
                        " finds its own number of rounds");
  if (req.fixed_tables) {
    const auto companies = std::count_if(req.participants.begin(), req.participants.end(),
                                         [](const Participant& p) { return p.role == Role::company; });
    if (companies > req.tables)
      throw ScheduleError("--fixed-tables gives every company its own table, but there are " +
                          std::to_string(companies) + " companies and " + std::to_string(req.tables) + " tables");
  }
}

}  // namespace

std::string_view to_string(Mode mode) {
  switch (mode) {
    case Mode::min_rounds: return "min-rounds";
    case Mode::fill: return "fill";
    case Mode::all_pairs: return "all-pairs";
  }
  return "?";
}

std::optional<Mode> parse_mode(std::string_view text) {
  for (Mode m : {Mode::min_rounds, Mode::fill, Mode::all_pairs})
    if (to_string(m) == text) return m;
  return std::nullopt;
}

ScheduleResult make_schedule(const ScheduleRequest& req) {
  check_request(req);
  ScheduleReport report;
  report.mode = req.mode;
  report.fixed_tables = req.fixed_tables;
  report.seed = req.seed;
  report.tables = req.tables;
  report.event_rounds = req.event_rounds;
  ScheduleResult result;
  switch (req.mode) {
    case Mode::min_rounds: result = min_rounds(req, report); break;
    case Mode::fill: result = fill(req, report); break;
    case Mode::all_pairs: result = all_pairs(req, report); break;
  }
  finish_report(req, result.meetings, result.report);
  // The planner's own guarantee, checked on every run: a bug must never
  // reach the database.
  const auto problems = validate_schedule(result.meetings, req.event_rounds, req.tables);
  if (!problems.empty()) throw std::logic_error("scheduler produced an invalid schedule: " + problems.front().message);
  check_attendance(req, result.meetings);
  return result;
}

}  // namespace speedmeet::schedule
