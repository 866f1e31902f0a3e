#include "meeting_graph.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <unordered_map>
#include <stdexcept>

namespace speedmeet::schedule {
namespace {

std::vector<Participant> meeting_takers(const std::vector<Participant>& roster) {
  std::vector<Participant> people;
  for (const Participant& p : roster)
    if (p.role != Role::staff) people.push_back(p);
  std::sort(people.begin(), people.end(), [](const Participant& a, const Participant& b) { return a.id < b.id; });
  people.erase(std::unique(people.begin(), people.end(),
                           [](const Participant& a, const Participant& b) { return a.id == b.id; }),
               people.end());
  return people;
}

using IdIndex = std::unordered_map<std::string, int>;

IdIndex index_by_id(const std::vector<Participant>& people) {
  IdIndex index;
  index.reserve(people.size());
  for (std::size_t i = 0; i < people.size(); ++i) index.emplace(people[i].id, static_cast<int>(i));
  return index;
}

// (u, v) with u < v, packed -> the edge being built; keeps the highest
// priority per direction. Hashed: events have tens of thousands of wishes.
using EdgeMap = std::unordered_map<std::uint64_t, GraphEdge>;

std::uint64_t key(int u, int v) { return static_cast<std::uint64_t>(u) << 32 | static_cast<std::uint32_t>(v); }

bool add_wish(EdgeMap& edges, const IdIndex& index, const Wish& w) {
  const auto from = index.find(w.from);
  const auto to = index.find(w.to);
  if (from == index.end() || to == index.end() || from->second == to->second || w.priority < 1 || w.priority > 3)
    return false;
  const int u = std::min(from->second, to->second);
  const int v = std::max(from->second, to->second);
  GraphEdge& e = edges.try_emplace(key(u, v), GraphEdge{u, v, 0, 0}).first->second;
  int& priority = from->second == u ? e.priority_uv : e.priority_vu;
  priority = std::max(priority, w.priority);
  return true;
}

std::vector<GraphEdge> sorted_edges(const EdgeMap& edges) {
  std::vector<GraphEdge> out;
  out.reserve(edges.size());
  for (const auto& [packed, e] : edges) out.push_back(e);
  std::sort(out.begin(), out.end(),
            [](const GraphEdge& a, const GraphEdge& b) { return std::pair{a.u, a.v} < std::pair{b.u, b.v}; });
  return out;
}

}  // namespace

std::int64_t wish_weight(int priority) {
  switch (priority) {
    case 1: return 1;
    case 2: return 3;
    case 3: return 9;
    default: return 0;
  }
}

std::int64_t GraphEdge::weight() const { return wish_weight(priority_uv) + wish_weight(priority_vu); }

std::vector<int> MeetingGraph::degrees() const {
  std::vector<int> degree(people.size(), 0);
  for (const GraphEdge& e : edges) {
    ++degree[static_cast<std::size_t>(e.u)];
    ++degree[static_cast<std::size_t>(e.v)];
  }
  return degree;
}

int MeetingGraph::max_degree_vertex() const {
  const auto degree = degrees();
  if (edges.empty()) return -1;
  return static_cast<int>(std::max_element(degree.begin(), degree.end()) - degree.begin());
}

int MeetingGraph::max_degree() const {
  const int v = max_degree_vertex();
  return v < 0 ? 0 : degrees()[static_cast<std::size_t>(v)];
}

std::optional<std::vector<int>> MeetingGraph::two_colouring() const {
  std::vector<std::vector<int>> neighbours(people.size());
  for (const GraphEdge& e : edges) {
    neighbours[static_cast<std::size_t>(e.u)].push_back(e.v);
    neighbours[static_cast<std::size_t>(e.v)].push_back(e.u);
  }
  // Companies on side 0 where possible, so the usual case reads naturally.
  std::vector<int> side(people.size(), -1);
  for (std::size_t start = 0; start < people.size(); ++start) {
    if (side[start] >= 0) continue;
    side[start] = people[start].role == Role::company ? 0 : 1;
    std::deque<int> queue{static_cast<int>(start)};
    while (!queue.empty()) {
      const auto x = static_cast<std::size_t>(queue.front());
      queue.pop_front();
      for (int y : neighbours[x]) {
        auto& sy = side[static_cast<std::size_t>(y)];
        if (sy < 0) {
          sy = 1 - side[x];
          queue.push_back(y);
        } else if (sy == side[x]) {
          return std::nullopt;
        }
      }
    }
  }
  return side;
}

RoundWindow MeetingGraph::window(int vertex, int round_count) const {
  const Participant& p = people.at(static_cast<std::size_t>(vertex));
  return {std::max(1, p.arrives.value_or(1)), std::min(round_count, p.leaves.value_or(round_count))};
}

RoundWindow MeetingGraph::window(const GraphEdge& e, int round_count) const {
  const RoundWindow a = window(e.u, round_count);
  const RoundWindow b = window(e.v, round_count);
  return {std::max(a.first, b.first), std::min(a.last, b.last)};
}

WishGraph build_wish_graph(const std::vector<Participant>& roster, const std::vector<Wish>& wishes) {
  WishGraph out;
  out.graph.people = meeting_takers(roster);
  const auto index = index_by_id(out.graph.people);
  EdgeMap edges;
  edges.reserve(wishes.size());
  for (const Wish& w : wishes)
    if (!add_wish(edges, index, w)) ++out.ignored_wishes;
  out.graph.edges = sorted_edges(edges);
  return out;
}

MeetingGraph build_all_pairs_graph(const std::vector<Participant>& roster, const std::vector<Wish>& wishes) {
  MeetingGraph g;
  g.people = meeting_takers(roster);
  const auto index = index_by_id(g.people);
  EdgeMap edges;
  for (std::size_t i = 0; i < g.people.size(); ++i)
    for (std::size_t j = i + 1; j < g.people.size(); ++j)
      if ((g.people[i].role == Role::company) != (g.people[j].role == Role::company))
        edges.emplace(key(static_cast<int>(i), static_cast<int>(j)),
                      GraphEdge{static_cast<int>(i), static_cast<int>(j), 0, 0});
  // Only wishes on company × project pairs matter here.
  for (const Wish& w : wishes) {
    const auto from = index.find(w.from);
    const auto to = index.find(w.to);
    if (from == index.end() || to == index.end()) continue;
    const int u = std::min(from->second, to->second);
    const int v = std::max(from->second, to->second);
    if (edges.contains(key(u, v))) add_wish(edges, index, w);
  }
  g.edges = sorted_edges(edges);
  return g;
}

}  // namespace speedmeet::schedule
