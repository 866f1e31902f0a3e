#pragma once
// The requested meetings as a graph: participants who take meetings are the
// vertices, wishes the edges. A mutual wish is one edge carrying both wishes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/event.hpp"

namespace speedmeet::schedule {

// Weight of one wish: 3^(priority-1), i.e. nice 1, want 3, must 9. Each level
// is worth three of the level below, so priority decides first; an edge's
// weight is the sum of its wishes, so a mutual wish outweighs a one-sided
// wish of the same (highest) priority, and no sum of two wishes ties with a
// single one.
std::int64_t wish_weight(int priority);

// Rounds a participant (or a pair) can attend: 1-based, inclusive.
struct RoundWindow {
  int first = 1;
  int last = 0;
  bool empty() const { return last < first; }
  int size() const { return empty() ? 0 : last - first + 1; }
  bool contains(int round) const { return round >= first && round <= last; }
};

struct GraphEdge {
  int u = 0;  // vertex indexes, u < v
  int v = 0;
  int priority_uv = 0;  // u's wish to meet v (1..3), 0 when none
  int priority_vu = 0;  // v's wish to meet u
  std::int64_t weight() const;  // wish_weight of both wishes; 0 for an unwished meeting
  bool mutual() const { return priority_uv > 0 && priority_vu > 0; }
};

struct MeetingGraph {
  std::vector<Participant> people;  // companies and project holders, by id; never staff
  std::vector<GraphEdge> edges;     // sorted by (u, v), no duplicates

  int vertex_count() const { return static_cast<int>(people.size()); }
  int edge_count() const { return static_cast<int>(edges.size()); }
  std::vector<int> degrees() const;
  // The vertex of largest degree (lowest index on ties); -1 without edges.
  int max_degree_vertex() const;
  int max_degree() const;
  // Side 0/1 per vertex so that every edge joins the two sides; nullopt when
  // the graph has an odd cycle (project holders meeting each other, say).
  std::optional<std::vector<int>> two_colouring() const;
  // Participant availability clipped to 1..round_count.
  RoundWindow window(int vertex, int round_count) const;
  RoundWindow window(const GraphEdge& e, int round_count) const;
};

// Wishes naming staff, unknown ids or oneself are left out and counted.
struct WishGraph {
  MeetingGraph graph;
  int ignored_wishes = 0;
};
WishGraph build_wish_graph(const std::vector<Participant>& roster, const std::vector<Wish>& wishes);

// Every company × every project holder, carrying the wishes where there are some.
MeetingGraph build_all_pairs_graph(const std::vector<Participant>& roster, const std::vector<Wish>& wishes);

}  // namespace speedmeet::schedule
