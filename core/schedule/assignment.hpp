#pragma once
// Minimum-cost assignment (Hungarian method, O(n²m)).
#include <cstdint>
#include <vector>

namespace speedmeet::schedule {

// cost has n rows and m >= n columns; returns the column of each row so that
// every row gets a distinct column and the total cost is least.
std::vector<int> min_cost_assignment(const std::vector<std::vector<std::int64_t>>& cost);

}  // namespace speedmeet::schedule
