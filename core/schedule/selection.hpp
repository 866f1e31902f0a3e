#pragma once
// fill: which wished meetings to hold when not all of them fit. Maximises the
// total wish weight with at most capacity[v] meetings per participant and at
// most `total` meetings overall (rounds × tables).
#include <cstdint>
#include <vector>

#include "meeting_graph.hpp"

namespace speedmeet::schedule {

struct Selection {
  std::vector<int> edges;  // chosen edge indexes, heaviest first
  std::int64_t weight = 0;
  // Twice an upper bound on the best achievable weight (twice, so that the
  // general bound, a half-integer, stays exact). For a bipartite graph it is
  // twice the chosen weight: the choice is optimal.
  std::int64_t upper_bound_x2 = 0;
};

// Bipartite (side[v] in {0, 1}): min-cost flow source -> side 0 (capacity)
// -> side 1 (one unit per edge, cost -weight) -> sink (capacity), at most
// `total` units, stopping when no path pays any more. Exact.
Selection select_bipartite(const MeetingGraph& graph, const std::vector<int>& side, const std::vector<int>& capacity,
                           const std::vector<char>& allowed, int total);

// Any graph: the same flow on the bipartite double cover (each participant
// on both sides) bounds the optimum from above; edges it uses fully come
// first, then half-used ones, then by weight, taken greedily while they fit.
Selection select_general(const MeetingGraph& graph, const std::vector<int>& capacity, const std::vector<char>& allowed,
                         int total);

}  // namespace speedmeet::schedule
