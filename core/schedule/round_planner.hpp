#pragma once
// Puts the edges of a graph into K rounds of at most T meetings: colour
// (König or Vizing), balance round sizes along alternating paths, then fit
// availability windows by renumbering rounds and repairing what is left.
#include <cstdint>
#include <vector>

#include "colour_table.hpp"
#include "meeting_graph.hpp"

namespace speedmeet::schedule {

struct RoundProblem {
  int vertex_count = 0;
  std::vector<EdgeEnds> edges;
  std::vector<RoundWindow> windows;  // per edge, rounds 1..rounds; empty: every round allowed
  int rounds = 0;                    // K
  int tables = 0;                    // T
  bool bipartite = false;            // the caller's promise; false is always safe
  std::uint64_t seed = 1;            // the order edges are coloured in
  // Edges [0, required) must be placed; the rest are only offered at the
  // end, in order, and kept where they fit. -1: every edge is required.
  int required = -1;
  // Per edge, when some edges matter more (fill): what cannot be placed is
  // then the lightest, and a heavier edge left out may push lighter ones
  // aside. Empty: all equal.
  std::vector<std::int64_t> weights;
};

struct PlannedRounds {
  std::vector<int> round_of;  // per edge: 1..rounds, 0 when it could not be placed
  int palette = 0;            // colours the first colouring used: Δ (bipartite) or Δ+1
  int unplaced = 0;           // required edges left out
};

PlannedRounds plan_rounds(const RoundProblem& problem);

// Equitable balancing: swaps the two colours on alternating paths that hold
// one more edge of the larger class until all of colours 0..rounds-1 differ
// in size by at most one. Every vertex keeps its meetings and stays in at
// most one per round. Works for any proper colouring (bipartite or not).
void balance_round_sizes(ColourTable& table, int rounds);

// Deterministic shuffle of 0..n-1 (the same on every platform).
std::vector<int> shuffled_order(int n, std::uint64_t seed);

}  // namespace speedmeet::schedule
