#include "edge_colouring.hpp"

#include <algorithm>
#include <stdexcept>

namespace speedmeet::schedule {
namespace {

constexpr int kNone = ColourTable::kNone;

int free_colour(const ColourTable& t, int vertex, int palette) {
  const int c = t.first_free(vertex, palette);
  if (c == kNone) throw std::logic_error("edge colouring: palette smaller than the degree");
  return c;
}

bool path_touches(const ColourTable& t, const std::vector<int>& path, int vertex) {
  return std::any_of(path.begin(), path.end(), [&](int e) { return t.ends(e).u == vertex || t.ends(e).v == vertex; });
}

// A fan of x: fan[0] is the uncoloured edge; the colour of fan[i+1] is free at
// the far end of fan[i].
bool is_fan(const ColourTable& t, int x, const std::vector<int>& fan, std::size_t length) {
  for (std::size_t i = 0; i + 1 < length; ++i) {
    const int c = t.colour(fan[i + 1]);
    if (c == kNone || !t.is_free(t.ends(fan[i]).other(x), c)) return false;
  }
  return true;
}

std::vector<int> maximal_fan(const ColourTable& t, int x, int first_edge, int palette) {
  std::vector<int> fan{first_edge};
  for (;;) {
    const int tip = t.ends(fan.back()).other(x);
    int next = kNone;
    for (int c = 0; c < palette && next == kNone; ++c) {
      if (!t.is_free(tip, c)) continue;
      const int e = t.edge_at(x, c);
      if (e != kNone && std::find(fan.begin(), fan.end(), e) == fan.end()) next = e;
    }
    if (next == kNone) return fan;
    fan.push_back(next);
  }
}

void colour_one_misra_gries(ColourTable& t, int edge, int palette) {
  const int x = t.ends(edge).u;
  std::vector<int> fan = maximal_fan(t, x, edge, palette);
  const int c = free_colour(t, x, palette);
  const int d = free_colour(t, t.ends(fan.back()).other(x), palette);
  if (c != d) t.swap_colours(t.alternating_path(x, d, c), d, c);  // now d is free at x

  std::size_t w = fan.size();
  for (std::size_t i = 0; i < fan.size(); ++i)
    if (t.is_free(t.ends(fan[i]).other(x), d) && is_fan(t, x, fan, i + 1)) {
      w = i;
      break;
    }
  if (w == fan.size()) throw std::logic_error("Misra-Gries: no fan prefix ends on a free colour");

  // Rotate: each fan edge takes the colour of the next one; the last takes d.
  std::vector<int> shifted;
  for (std::size_t i = 0; i < w; ++i) shifted.push_back(t.colour(fan[i + 1]));
  for (std::size_t i = 1; i <= w; ++i) t.clear(fan[i]);
  for (std::size_t i = 0; i < w; ++i) t.set(fan[i], shifted[i]);
  t.set(fan[w], d);
}

}  // namespace

void colour_bipartite(ColourTable& t, const std::vector<int>& order, int palette) {
  for (int e : order) {
    if (t.colour(e) != kNone) continue;
    const auto [u, v] = t.ends(e);
    const int a = free_colour(t, u, palette);
    const int b = free_colour(t, v, palette);
    if (t.is_free(v, a)) {
      t.set(e, a);
    } else if (t.is_free(u, b)) {
      t.set(e, b);
    } else {
      const auto path = t.alternating_path(v, a, b);
      if (path_touches(t, path, u)) throw std::logic_error("colour_bipartite: the graph has an odd cycle");
      t.swap_colours(path, a, b);
      t.set(e, a);
    }
  }
}

void colour_misra_gries(ColourTable& t, const std::vector<int>& order, int palette) {
  for (int e : order)
    if (t.colour(e) == kNone) colour_one_misra_gries(t, e, palette);
}

}  // namespace speedmeet::schedule
