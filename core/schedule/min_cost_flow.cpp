#include "min_cost_flow.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <limits>
#include <queue>
#include <stdexcept>

namespace speedmeet::schedule {
namespace {
constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max() / 4;
}

MinCostFlow::MinCostFlow(int nodes) : out_(static_cast<std::size_t>(nodes)) {}

int MinCostFlow::add_arc(int from, int to, int capacity, std::int64_t cost) {
  const int nodes = static_cast<int>(out_.size());
  if (from < 0 || to < 0 || from >= nodes || to >= nodes || capacity < 0)
    throw std::invalid_argument("MinCostFlow::add_arc: bad arc");
  const int id = static_cast<int>(arcs_.size());
  arcs_.push_back({to, capacity, cost});
  arcs_.push_back({from, 0, -cost});
  out_[static_cast<std::size_t>(from)].push_back(id);
  out_[static_cast<std::size_t>(to)].push_back(id + 1);
  initial_capacity_.push_back(capacity);
  initial_capacity_.push_back(0);
  return id;
}

int MinCostFlow::flow_on(int arc) const {
  return initial_capacity_[static_cast<std::size_t>(arc)] - arcs_[static_cast<std::size_t>(arc)].capacity;
}

// Bellman-Ford (queue-based): negative arc costs are allowed at the start.
void MinCostFlow::initial_potentials(int source) {
  const std::size_t n = out_.size();
  potential_.assign(n, kInf);
  std::vector<char> queued(n, 0);
  std::vector<std::size_t> visits(n, 0);
  std::deque<int> queue{source};
  potential_[static_cast<std::size_t>(source)] = 0;
  while (!queue.empty()) {
    const auto x = static_cast<std::size_t>(queue.front());
    queue.pop_front();
    queued[x] = 0;
    if (++visits[x] > n) throw std::logic_error("MinCostFlow: negative cycle");
    for (int id : out_[x]) {
      const Arc& a = arcs_[static_cast<std::size_t>(id)];
      const auto y = static_cast<std::size_t>(a.to);
      if (a.capacity > 0 && potential_[x] + a.cost < potential_[y]) {
        potential_[y] = potential_[x] + a.cost;
        if (!queued[y]) {
          queued[y] = 1;
          queue.push_back(a.to);
        }
      }
    }
  }
  for (auto& p : potential_)
    if (p == kInf) p = 0;  // unreachable now, unreachable for ever: any value keeps costs valid
}

// Dijkstra on reduced costs; updates the potentials so that the arcs on
// cheapest paths have reduced cost 0, then levels the zero-cost subgraph.
bool MinCostFlow::shortest_paths(int source, int sink) {
  const std::size_t n = out_.size();
  distance_.assign(n, kInf);
  using Item = std::pair<std::int64_t, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  distance_[static_cast<std::size_t>(source)] = 0;
  heap.push({0, source});
  while (!heap.empty()) {
    const auto [d, node] = heap.top();
    heap.pop();
    const auto x = static_cast<std::size_t>(node);
    if (d != distance_[x]) continue;
    for (int id : out_[x]) {
      const Arc& a = arcs_[static_cast<std::size_t>(id)];
      if (a.capacity <= 0) continue;
      const auto y = static_cast<std::size_t>(a.to);
      const std::int64_t nd = d + a.cost + potential_[x] - potential_[y];
      if (nd < distance_[y]) {
        distance_[y] = nd;
        heap.push({nd, a.to});
      }
    }
  }
  if (distance_[static_cast<std::size_t>(sink)] == kInf) return false;
  for (std::size_t x = 0; x < n; ++x)
    if (distance_[x] < kInf) potential_[x] += distance_[x];

  // BFS levels over admissible arcs (reduced cost 0): the blocking flow then
  // follows level + 1, which also rules out zero-cost cycles.
  level_.assign(n, -1);
  std::deque<int> queue{source};
  level_[static_cast<std::size_t>(source)] = 0;
  while (!queue.empty()) {
    const auto x = static_cast<std::size_t>(queue.front());
    queue.pop_front();
    for (int id : out_[x]) {
      const Arc& a = arcs_[static_cast<std::size_t>(id)];
      const auto y = static_cast<std::size_t>(a.to);
      if (a.capacity > 0 && level_[y] < 0 && a.cost + potential_[x] - potential_[y] == 0) {
        level_[y] = level_[x] + 1;
        queue.push_back(a.to);
      }
    }
  }
  return level_[static_cast<std::size_t>(sink)] >= 0;
}

std::int64_t MinCostFlow::augment(int node, int sink, std::int64_t limit) {
  if (node == sink) return limit;
  const auto x = static_cast<std::size_t>(node);
  for (std::size_t& i = next_arc_[x]; i < out_[x].size(); ++i) {
    const int id = out_[x][i];
    Arc& a = arcs_[static_cast<std::size_t>(id)];
    const auto y = static_cast<std::size_t>(a.to);
    if (a.capacity <= 0 || level_[y] != level_[x] + 1 || a.cost + potential_[x] - potential_[y] != 0) continue;
    const std::int64_t pushed = augment(a.to, sink, std::min<std::int64_t>(limit, a.capacity));
    if (pushed > 0) {
      a.capacity -= static_cast<int>(pushed);
      arcs_[static_cast<std::size_t>(id ^ 1)].capacity += static_cast<int>(pushed);
      return pushed;
    }
  }
  return 0;
}

MinCostFlow::Result MinCostFlow::run(int source, int sink, std::int64_t flow_limit, bool only_profitable) {
  Result result;
  initial_potentials(source);
  while (result.flow < flow_limit && shortest_paths(source, sink)) {
    const std::int64_t path_cost =
        potential_[static_cast<std::size_t>(sink)] - potential_[static_cast<std::size_t>(source)];
    if (only_profitable && path_cost >= 0) break;
    next_arc_.assign(out_.size(), 0);
    while (result.flow < flow_limit) {
      const std::int64_t pushed = augment(source, sink, flow_limit - result.flow);
      if (pushed == 0) break;
      result.flow += pushed;
      result.cost += pushed * path_cost;
    }
  }
  return result;
}

}  // namespace speedmeet::schedule
