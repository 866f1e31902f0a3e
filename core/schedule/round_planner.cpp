#include "round_planner.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>

#include "assignment.hpp"
#include "edge_colouring.hpp"

namespace speedmeet::schedule {
namespace {

constexpr int kNone = ColourTable::kNone;
constexpr int kNoLimit = std::numeric_limits<int>::max();

// What a move must respect. Colours are rounds - 1.
struct Limits {
  int rounds = 0;
  int tables = kNoLimit;
  const std::vector<RoundWindow>* windows = nullptr;  // nullptr: ignored
  const std::vector<std::int64_t>* weights = nullptr;  // nullptr: all equal

  std::int64_t weight(int edge) const {
    return weights == nullptr || weights->empty() ? 1 : (*weights)[static_cast<std::size_t>(edge)];
  }
  void heaviest_first(std::vector<int>& edges) const {
    std::stable_sort(edges.begin(), edges.end(), [&](int a, int b) { return weight(a) > weight(b); });
  }
  bool allows(int edge, int colour) const {
    return windows == nullptr || windows->empty() ||
           (*windows)[static_cast<std::size_t>(edge)].contains(colour + 1);
  }
};

// Tries to colour (u, v) with `a` (free at u) by swapping the a/b path that
// starts at v, b free at v. Checks windows and table counts before touching.
bool place_by_swap(ColourTable& t, int edge, int u, int v, int a, int b, const Limits& limits) {
  // Either a or b ends up one edge fuller: with both full, do not even look.
  if (t.size(a) >= limits.tables && t.size(b) >= limits.tables) return false;
  const auto path = t.alternating_path(v, a, b);
  for (int e : path) {
    const EdgeEnds& ends = t.ends(e);
    if (ends.u == u || ends.v == u) return false;  // odd cycle: the swap would take a from u
    if (!limits.allows(e, t.colour(e) == a ? b : a)) return false;
  }
  // An odd path (a, b, ..., a) moves one edge from a to b; the new edge refills a.
  const bool odd = path.size() % 2 == 1;
  const int grows = odd ? b : a;
  if (t.size(grows) + 1 > limits.tables) return false;
  t.swap_colours(path, a, b);
  t.set(edge, a);
  return true;
}

// Puts an uncoloured edge in a round of its window: directly where both ends
// are free and a table is left, else by one alternating-path swap.
bool try_place(ColourTable& t, int edge, const Limits& limits) {
  std::vector<int> candidates;
  for (int c = 0; c < limits.rounds; ++c)
    if (limits.allows(edge, c)) candidates.push_back(c);
  // Emptier rounds first: keeps rounds balanced.
  std::stable_sort(candidates.begin(), candidates.end(), [&](int x, int y) { return t.size(x) < t.size(y); });
  // Every placement leaves some round one meeting fuller: with all full, stop.
  bool room = false;
  for (int c = 0; c < limits.rounds && !room; ++c) room = t.size(c) < limits.tables;
  if (!room) return false;
  const auto [u, v] = t.ends(edge);
  for (int c : candidates)
    if (t.is_free(u, c) && t.is_free(v, c) && t.size(c) < limits.tables) {
      t.set(edge, c);
      return true;
    }
  for (const auto& [x, y] : {std::pair{u, v}, std::pair{v, u}})
    for (int a : candidates) {
      if (!t.is_free(x, a)) continue;
      for (int b = 0; b < limits.rounds; ++b)
        if (b != a && t.is_free(y, b) && place_by_swap(t, edge, x, y, a, b, limits)) return true;
    }
  return false;
}

std::vector<int> edges_of_colour(const ColourTable& t, int c) {
  std::vector<int> out;
  for (int e = 0; e < t.edge_count(); ++e)
    if (t.colour(e) == c) out.push_back(e);
  return out;
}

// Gives every coloured edge the colour target[old colour].
void recolour(ColourTable& t, const std::vector<int>& target) {
  std::vector<int> old(static_cast<std::size_t>(t.edge_count()));
  for (int e = 0; e < t.edge_count(); ++e) {
    old[static_cast<std::size_t>(e)] = t.colour(e);
    t.clear(e);
  }
  for (int e = 0; e < t.edge_count(); ++e)
    if (const int c = old[static_cast<std::size_t>(e)]; c != kNone) t.set(e, target[static_cast<std::size_t>(c)]);
}

// Vizing may need one colour more than there are rounds: the lightest
// colour classes go, and their edges are re-homed, heaviest first.
void fold_extra_colours(ColourTable& t, const Limits& limits, std::vector<int>& unplaced) {
  if (t.colours() <= limits.rounds) return;
  std::vector<std::int64_t> class_weight(static_cast<std::size_t>(t.colours()), 0);
  for (int e = 0; e < t.edge_count(); ++e)
    if (t.colour(e) != kNone) class_weight[static_cast<std::size_t>(t.colour(e))] += limits.weight(e);
  std::vector<int> by_weight(static_cast<std::size_t>(t.colours()));
  std::iota(by_weight.begin(), by_weight.end(), 0);
  std::stable_sort(by_weight.begin(), by_weight.end(), [&](int a, int b) {
    return class_weight[static_cast<std::size_t>(a)] > class_weight[static_cast<std::size_t>(b)];
  });
  std::vector<int> target(by_weight.size());
  for (std::size_t rank = 0; rank < by_weight.size(); ++rank)
    target[static_cast<std::size_t>(by_weight[rank])] = static_cast<int>(rank);
  recolour(t, target);

  std::vector<int> homeless;
  for (int c = limits.rounds; c < t.colours(); ++c)
    for (int e : edges_of_colour(t, c)) {
      t.clear(e);
      homeless.push_back(e);
    }
  limits.heaviest_first(homeless);
  const Limits anywhere{limits.rounds, kNoLimit, nullptr, limits.weights};
  for (int e : homeless)
    if (!try_place(t, e, anywhere)) unplaced.push_back(e);
}

void drop_over_capacity(ColourTable& t, const Limits& limits, std::vector<int>& unplaced) {
  for (int c = 0; c < limits.rounds; ++c) {
    auto members = edges_of_colour(t, c);
    limits.heaviest_first(members);
    while (t.size(c) > limits.tables) {
      t.clear(members.back());
      unplaced.push_back(members.back());
      members.pop_back();
    }
  }
}

// Renumbers the rounds so that as many edges as possible already sit inside
// their availability window (a minimum-cost assignment of classes to rounds).
void renumber_for_windows(ColourTable& t, const Limits& limits) {
  const auto rounds = static_cast<std::size_t>(limits.rounds);
  std::vector<std::vector<std::int64_t>> misfits(rounds, std::vector<std::int64_t>(rounds, 0));
  for (int e = 0; e < t.edge_count(); ++e) {
    const int c = t.colour(e);
    if (c == kNone) continue;
    for (std::size_t r = 0; r < rounds; ++r)
      if (!limits.allows(e, static_cast<int>(r))) misfits[static_cast<std::size_t>(c)][r] += limits.weight(e);
  }
  recolour(t, min_cost_assignment(misfits));
}

void repair_windows(ColourTable& t, const Limits& limits, std::vector<int>& unplaced) {
  std::vector<int> misfits;
  for (int e = 0; e < t.edge_count(); ++e)
    if (t.colour(e) != kNone && !limits.allows(e, t.colour(e))) misfits.push_back(e);
  for (int e : misfits) t.clear(e);
  limits.heaviest_first(misfits);
  for (int e : misfits)
    if (!try_place(t, e, limits)) unplaced.push_back(e);
}

// An edge left out takes a round from lighter edges when that gains weight:
// it evicts the (at most two) meetings its people have there, and those
// look for another round. Every step gains, so it ends.
std::vector<int> push_lighter_aside(ColourTable& t, std::vector<int> left_out, const Limits& limits) {
  for (bool changed = true; changed;) {
    changed = false;
    limits.heaviest_first(left_out);
    std::vector<int> still;
    for (int e : left_out) {
      if (t.colour(e) != kNone) continue;
      const auto [u, v] = t.ends(e);
      int best_round = kNone;
      std::int64_t best_loss = limits.weight(e);
      for (int r = 0; r < limits.rounds; ++r) {
        if (!limits.allows(e, r)) continue;
        const int at_u = t.edge_at(u, r);
        const int at_v = t.edge_at(v, r);
        const int evicted = (at_u != kNone) + (at_v != kNone);
        if (t.size(r) - evicted >= limits.tables) continue;
        const std::int64_t loss =
            (at_u != kNone ? limits.weight(at_u) : 0) + (at_v != kNone ? limits.weight(at_v) : 0);
        if (loss < best_loss) {
          best_loss = loss;
          best_round = r;
        }
      }
      if (best_round == kNone) {
        still.push_back(e);
        continue;
      }
      std::vector<int> evicted;
      for (int x : {t.edge_at(u, best_round), t.edge_at(v, best_round)})
        if (x != kNone) {
          t.clear(x);
          evicted.push_back(x);
        }
      t.set(e, best_round);
      for (int x : evicted)
        if (!try_place(t, x, limits)) still.push_back(x);
      changed = true;
    }
    left_out = std::move(still);
  }
  return left_out;
}

bool has_windows(const RoundProblem& p) {
  return std::any_of(p.windows.begin(), p.windows.end(),
                     [&](const RoundWindow& w) { return w.first > 1 || w.last < p.rounds; });
}

int max_degree(int vertex_count, const std::vector<EdgeEnds>& edges) {
  std::vector<int> degree(static_cast<std::size_t>(vertex_count), 0);
  int best = 0;
  for (const EdgeEnds& e : edges) {
    best = std::max(best, ++degree[static_cast<std::size_t>(e.u)]);
    best = std::max(best, ++degree[static_cast<std::size_t>(e.v)]);
  }
  return best;
}

}  // namespace

std::vector<int> shuffled_order(int n, std::uint64_t seed) {
  std::vector<int> order(static_cast<std::size_t>(std::max(n, 0)));
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 random(seed);
  for (std::size_t i = order.size(); i > 1; --i) {
    // Modulo draw: its tiny bias is harmless here, and it is portable,
    // unlike std::uniform_int_distribution.
    const std::size_t j = static_cast<std::size_t>(random() % i);
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

void balance_round_sizes(ColourTable& t, int rounds) {
  if (rounds < 2) return;
  for (;;) {
    int big = 0, small = 0;
    for (int c = 1; c < rounds; ++c) {
      if (t.size(c) > t.size(big)) big = c;
      if (t.size(c) < t.size(small)) small = c;
    }
    int wanted = (t.size(big) - t.size(small)) / 2;
    if (wanted == 0) return;
    // Components of big ∪ small are paths and even cycles; a path that starts
    // and ends with a `big` edge has one more of them: swapping it moves one
    // edge across. There are at least size(big) - size(small) such paths.
    const int before = wanted;
    for (int v = 0; v < t.vertex_count() && wanted > 0; ++v) {
      if (t.is_free(v, big) || !t.is_free(v, small)) continue;
      const auto path = t.alternating_path(v, big, small);
      if (path.size() % 2 == 1) {
        t.swap_colours(path, big, small);
        --wanted;
      }
    }
    if (wanted == before) throw std::logic_error("balance_round_sizes: no alternating path to swap");
  }
}

PlannedRounds plan_rounds(const RoundProblem& p) {
  PlannedRounds plan;
  const int edge_count = static_cast<int>(p.edges.size());
  plan.round_of.assign(p.edges.size(), 0);
  if (edge_count == 0 || p.rounds <= 0) {
    plan.unplaced = p.required < 0 ? edge_count : std::min(p.required, edge_count);
    return plan;
  }
  const int required = p.required < 0 ? edge_count : std::min(p.required, edge_count);
  const std::vector<EdgeEnds> required_edges(p.edges.begin(), p.edges.begin() + required);
  const int delta = max_degree(p.vertex_count, required_edges);
  plan.palette = p.bipartite ? delta : delta + 1;
  ColourTable t(p.vertex_count, p.edges, std::max(plan.palette, p.rounds));
  const auto order = shuffled_order(required, p.seed);
  if (p.bipartite)
    colour_bipartite(t, order, plan.palette);
  else
    colour_misra_gries(t, order, plan.palette);

  std::vector<int> unplaced;
  const Limits limits{p.rounds, p.tables, &p.windows, &p.weights};
  fold_extra_colours(t, limits, unplaced);
  balance_round_sizes(t, p.rounds);
  drop_over_capacity(t, limits, unplaced);
  if (has_windows(p)) {
    renumber_for_windows(t, limits);
    repair_windows(t, limits, unplaced);
  }
  // A second chance: earlier placements may have opened room.
  std::vector<int> still;
  limits.heaviest_first(unplaced);
  for (int e : unplaced)
    if (!try_place(t, e, limits)) still.push_back(e);
  std::vector<int> optional;
  for (int e = required; e < edge_count; ++e)
    if (!try_place(t, e, limits)) optional.push_back(e);
  if (!p.weights.empty()) {
    still.insert(still.end(), optional.begin(), optional.end());
    push_lighter_aside(t, still, limits);
  }

  for (int e = 0; e < edge_count; ++e)
    if (const int c = t.colour(e); c != kNone && c < p.rounds) plan.round_of[static_cast<std::size_t>(e)] = c + 1;
  for (int e = 0; e < required; ++e) plan.unplaced += plan.round_of[static_cast<std::size_t>(e)] == 0;
  return plan;
}

}  // namespace speedmeet::schedule
