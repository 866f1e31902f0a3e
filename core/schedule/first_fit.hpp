#pragma once
// The baseline: what a "quick schedule" button does. Each meeting, in the
// order given, goes into the first round where both people are free and a
// table is left.
#include <vector>

#include "colour_table.hpp"

namespace speedmeet::schedule {

struct FirstFit {
  std::vector<int> round_of;  // per edge: 1-based round, 0 when it did not fit
  int rounds_used = 0;
};

// round_limit 0: opens new rounds as needed, so every edge is placed;
// otherwise at most round_limit rounds and edges that do not fit are skipped.
FirstFit first_fit(int vertex_count, const std::vector<EdgeEnds>& edges, int tables, int round_limit);

}  // namespace speedmeet::schedule
