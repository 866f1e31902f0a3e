#pragma once
// Proper edge colourings: every colour class is a matching, i.e. one round.
#include <vector>

#include "colour_table.hpp"

namespace speedmeet::schedule {

// Bipartite graphs: colours the uncoloured edges, in the given order, with the
// colours 0..palette-1, palette >= the maximum degree (König: enough). When
// both ends lack a common free colour, the alternating path of their two free
// colours is swapped (it can never reach the other end in a bipartite graph).
// Throws std::logic_error if the graph turns out not to be bipartite.
void colour_bipartite(ColourTable& table, const std::vector<int>& order, int palette);

// Any simple graph: Misra–Gries with colours 0..palette-1, palette >= maximum
// degree + 1 (Vizing). Builds a maximal fan, inverts one alternating path and
// rotates the fan.
void colour_misra_gries(ColourTable& table, const std::vector<int>& order, int palette);

}  // namespace speedmeet::schedule
