#pragma once
// A proper, possibly partial, edge colouring under construction: colours are
// rounds, and no vertex ever holds two edges of one colour. Every algorithm
// here (colouring, balancing, repair) edits the schedule only through it.
#include <vector>

namespace speedmeet::schedule {

struct EdgeEnds {
  int u = 0;
  int v = 0;
  int other(int x) const { return x == u ? v : u; }
};

class ColourTable {
 public:
  static constexpr int kNone = -1;

  ColourTable(int vertex_count, std::vector<EdgeEnds> edges, int colours);

  int vertex_count() const { return vertex_count_; }
  int edge_count() const { return static_cast<int>(edges_.size()); }
  int colours() const { return colours_; }
  const EdgeEnds& ends(int edge) const { return edges_[static_cast<std::size_t>(edge)]; }

  int colour(int edge) const { return colour_[static_cast<std::size_t>(edge)]; }
  int edge_at(int vertex, int colour) const { return at_[slot(vertex, colour)]; }
  bool is_free(int vertex, int colour) const { return edge_at(vertex, colour) == kNone; }
  int size(int colour) const { return size_[static_cast<std::size_t>(colour)]; }
  // Lowest colour below `limit` free at the vertex; kNone when there is none.
  int first_free(int vertex, int limit) const;

  void set(int edge, int colour);  // the colour must be free at both ends
  void clear(int edge);
  void add_colours(int count);

  // The maximal path that leaves `start` by its edge of colour `first` and
  // then alternates with `second`. With `second` free at start it is a path,
  // never a cycle.
  std::vector<int> alternating_path(int start, int first, int second) const;
  // Swaps the two colours on the given edges (a path or cycle of them).
  void swap_colours(const std::vector<int>& path, int a, int b);

 private:
  std::size_t slot(int vertex, int colour) const {
    return static_cast<std::size_t>(colour) * static_cast<std::size_t>(vertex_count_) +
           static_cast<std::size_t>(vertex);
  }
  int vertex_count_;
  int colours_;
  std::vector<EdgeEnds> edges_;
  std::vector<int> colour_;  // per edge, kNone when uncoloured
  std::vector<int> at_;      // (colour, vertex) -> edge or kNone
  std::vector<int> size_;    // edges per colour
};

}  // namespace speedmeet::schedule
