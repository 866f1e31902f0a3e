#include "selection.hpp"

#include <algorithm>

#include "min_cost_flow.hpp"

namespace speedmeet::schedule {
namespace {

std::int64_t total_weight(const MeetingGraph& g, const std::vector<int>& edges) {
  std::int64_t w = 0;
  for (int e : edges) w += g.edges[static_cast<std::size_t>(e)].weight();
  return w;
}

void heaviest_first(const MeetingGraph& g, std::vector<int>& edges) {
  std::stable_sort(edges.begin(), edges.end(), [&](int a, int b) {
    return g.edges[static_cast<std::size_t>(a)].weight() > g.edges[static_cast<std::size_t>(b)].weight();
  });
}

}  // namespace

Selection select_bipartite(const MeetingGraph& g, const std::vector<int>& side, const std::vector<int>& capacity,
                           const std::vector<char>& allowed, int total) {
  const int n = g.vertex_count();
  const int source = n;
  const int sink = n + 1;
  MinCostFlow flow(n + 2);
  for (int v = 0; v < n; ++v) {
    const int cap = capacity[static_cast<std::size_t>(v)];
    if (side[static_cast<std::size_t>(v)] == 0)
      flow.add_arc(source, v, cap, 0);
    else
      flow.add_arc(v, sink, cap, 0);
  }
  std::vector<std::pair<int, int>> arcs;  // (edge, arc)
  for (int e = 0; e < g.edge_count(); ++e) {
    const GraphEdge& edge = g.edges[static_cast<std::size_t>(e)];
    if (!allowed[static_cast<std::size_t>(e)] || edge.weight() <= 0) continue;
    const bool u_left = side[static_cast<std::size_t>(edge.u)] == 0;
    arcs.emplace_back(e, flow.add_arc(u_left ? edge.u : edge.v, u_left ? edge.v : edge.u, 1, -edge.weight()));
  }
  flow.run(source, sink, total, true);
  Selection s;
  for (const auto& [e, arc] : arcs)
    if (flow.flow_on(arc) > 0) s.edges.push_back(e);
  heaviest_first(g, s.edges);
  s.weight = total_weight(g, s.edges);
  s.upper_bound_x2 = 2 * s.weight;
  return s;
}

Selection select_general(const MeetingGraph& g, const std::vector<int>& capacity, const std::vector<char>& allowed,
                         int total) {
  const int n = g.vertex_count();
  const int source = 2 * n;
  const int sink = 2 * n + 1;
  MinCostFlow flow(2 * n + 2);
  for (int v = 0; v < n; ++v) {
    flow.add_arc(source, v, capacity[static_cast<std::size_t>(v)], 0);
    flow.add_arc(n + v, sink, capacity[static_cast<std::size_t>(v)], 0);
  }
  std::vector<std::pair<int, int>> arcs(g.edges.size(), {-1, -1});
  for (int e = 0; e < g.edge_count(); ++e) {
    const GraphEdge& edge = g.edges[static_cast<std::size_t>(e)];
    if (!allowed[static_cast<std::size_t>(e)] || edge.weight() <= 0) continue;
    arcs[static_cast<std::size_t>(e)] = {flow.add_arc(edge.u, n + edge.v, 1, -edge.weight()),
                                         flow.add_arc(edge.v, n + edge.u, 1, -edge.weight())};
  }
  const auto relaxed = flow.run(source, sink, 2 * static_cast<std::int64_t>(total), true);

  // How much of each edge the relaxation uses: 0, 1 (half) or 2 (whole).
  std::vector<int> use(g.edges.size(), 0);
  std::vector<int> candidates;
  for (int e = 0; e < g.edge_count(); ++e) {
    const auto [a, b] = arcs[static_cast<std::size_t>(e)];
    if (a < 0) continue;
    use[static_cast<std::size_t>(e)] = flow.flow_on(a) + flow.flow_on(b);
    candidates.push_back(e);
  }
  std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
    const auto& ea = g.edges[static_cast<std::size_t>(a)];
    const auto& eb = g.edges[static_cast<std::size_t>(b)];
    if (use[static_cast<std::size_t>(a)] != use[static_cast<std::size_t>(b)])
      return use[static_cast<std::size_t>(a)] > use[static_cast<std::size_t>(b)];
    return ea.weight() > eb.weight();
  });
  Selection s;
  std::vector<int> left = capacity;
  for (int e : candidates) {
    if (static_cast<int>(s.edges.size()) >= total) break;
    const GraphEdge& edge = g.edges[static_cast<std::size_t>(e)];
    int& lu = left[static_cast<std::size_t>(edge.u)];
    int& lv = left[static_cast<std::size_t>(edge.v)];
    if (lu <= 0 || lv <= 0) continue;
    --lu;
    --lv;
    s.edges.push_back(e);
  }
  heaviest_first(g, s.edges);
  s.weight = total_weight(g, s.edges);
  s.upper_bound_x2 = -relaxed.cost;
  return s;
}

}  // namespace speedmeet::schedule
