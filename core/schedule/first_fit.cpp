#include "first_fit.hpp"

#include <algorithm>

namespace speedmeet::schedule {

FirstFit first_fit(int vertex_count, const std::vector<EdgeEnds>& edges, int tables, int round_limit) {
  FirstFit out;
  out.round_of.assign(edges.size(), 0);
  std::vector<std::vector<char>> busy(static_cast<std::size_t>(vertex_count));  // [vertex][round - 1]
  std::vector<int> used;                                                       // meetings per round
  auto is_busy = [&](int v, std::size_t r) {
    const auto& b = busy[static_cast<std::size_t>(v)];
    return r < b.size() && b[r];
  };
  auto mark = [&](int v, std::size_t r) {
    auto& b = busy[static_cast<std::size_t>(v)];
    if (b.size() <= r) b.resize(r + 1, 0);
    b[r] = 1;
  };
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const auto [u, v] = edges[i];
    std::size_t r = 0;
    while (r < used.size() && (used[r] >= tables || is_busy(u, r) || is_busy(v, r))) ++r;
    if (r == used.size()) {
      if (tables < 1 || (round_limit > 0 && static_cast<int>(used.size()) >= round_limit)) continue;
      used.push_back(0);
    }
    ++used[r];
    mark(u, r);
    mark(v, r);
    out.round_of[i] = static_cast<int>(r) + 1;
  }
  out.rounds_used = static_cast<int>(used.size());
  return out;
}

}  // namespace speedmeet::schedule
