#include "colour_table.hpp"

#include <stdexcept>

namespace speedmeet::schedule {

ColourTable::ColourTable(int vertex_count, std::vector<EdgeEnds> edges, int colours)
    : vertex_count_(vertex_count),
      colours_(0),
      edges_(std::move(edges)),
      colour_(edges_.size(), kNone) {
  for (const EdgeEnds& e : edges_)
    if (e.u < 0 || e.v < 0 || e.u >= vertex_count || e.v >= vertex_count || e.u == e.v)
      throw std::invalid_argument("ColourTable: edge with a bad end");
  add_colours(colours);
}

int ColourTable::first_free(int vertex, int limit) const {
  for (int c = 0; c < limit && c < colours_; ++c)
    if (is_free(vertex, c)) return c;
  return kNone;
}

void ColourTable::set(int edge, int c) {
  const EdgeEnds& e = ends(edge);
  if (colour(edge) != kNone || !is_free(e.u, c) || !is_free(e.v, c))
    throw std::logic_error("ColourTable::set: colour not free");
  colour_[static_cast<std::size_t>(edge)] = c;
  at_[slot(e.u, c)] = edge;
  at_[slot(e.v, c)] = edge;
  ++size_[static_cast<std::size_t>(c)];
}

void ColourTable::clear(int edge) {
  const int c = colour(edge);
  if (c == kNone) return;
  const EdgeEnds& e = ends(edge);
  at_[slot(e.u, c)] = kNone;
  at_[slot(e.v, c)] = kNone;
  --size_[static_cast<std::size_t>(c)];
  colour_[static_cast<std::size_t>(edge)] = kNone;
}

void ColourTable::add_colours(int count) {
  colours_ += count;
  at_.resize(static_cast<std::size_t>(colours_) * static_cast<std::size_t>(vertex_count_), kNone);
  size_.resize(static_cast<std::size_t>(colours_), 0);
}

std::vector<int> ColourTable::alternating_path(int start, int first, int second) const {
  std::vector<int> path;
  int vertex = start;
  int c = first;
  // Bounded by the edge count: a cycle back to start is stopped there.
  while (path.size() < edges_.size()) {
    const int e = edge_at(vertex, c);
    if (e == kNone || (!path.empty() && e == path.front())) break;
    path.push_back(e);
    vertex = ends(e).other(vertex);
    c = c == first ? second : first;
  }
  return path;
}

void ColourTable::swap_colours(const std::vector<int>& path, int a, int b) {
  std::vector<int> old(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    old[i] = colour(path[i]);
    clear(path[i]);
  }
  for (std::size_t i = 0; i < path.size(); ++i) set(path[i], old[i] == a ? b : a);
}

}  // namespace speedmeet::schedule
