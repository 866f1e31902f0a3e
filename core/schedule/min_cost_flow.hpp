#pragma once
// Minimum-cost flow by successive shortest paths (primal-dual): Dijkstra on
// reduced costs, then a blocking flow over all cheapest paths at once, so a
// phase costs one Dijkstra however many units it carries.
#include <cstdint>
#include <vector>

namespace speedmeet::schedule {

class MinCostFlow {
 public:
  explicit MinCostFlow(int nodes);

  // Returns the arc's id (for flow_on). Costs may be negative; the graph must
  // have no negative cycle.
  int add_arc(int from, int to, int capacity, std::int64_t cost);

  struct Result {
    std::int64_t flow = 0;
    std::int64_t cost = 0;
  };
  // Sends up to flow_limit units from source to sink along cheapest paths,
  // stopping early, when only_profitable, once the cheapest path costs >= 0.
  // That gives the least-cost flow among all flows of at most flow_limit.
  Result run(int source, int sink, std::int64_t flow_limit, bool only_profitable);

  int flow_on(int arc) const;

 private:
  struct Arc {
    int to;
    int capacity;  // residual
    std::int64_t cost;
  };
  void initial_potentials(int source);
  bool shortest_paths(int source, int sink);
  std::int64_t augment(int node, int sink, std::int64_t limit);

  std::vector<Arc> arcs_;  // arc i and i^1 are each other's reverse
  std::vector<std::vector<int>> out_;
  std::vector<int> initial_capacity_;
  std::vector<std::int64_t> potential_;
  std::vector<std::int64_t> distance_;
  std::vector<int> level_;
  std::vector<std::size_t> next_arc_;
};

}  // namespace speedmeet::schedule
