#include "assignment.hpp"

#include <limits>
#include <stdexcept>

namespace speedmeet::schedule {

std::vector<int> min_cost_assignment(const std::vector<std::vector<std::int64_t>>& cost) {
  const std::size_t n = cost.size();
  if (n == 0) return {};
  const std::size_t m = cost[0].size();
  if (m < n) throw std::invalid_argument("min_cost_assignment: more rows than columns");
  constexpr auto kInf = std::numeric_limits<std::int64_t>::max() / 4;
  // Potentials u (rows), v (columns); p[j] = row matched to column j (1-based, 0 = none).
  std::vector<std::int64_t> u(n + 1, 0), v(m + 1, 0);
  std::vector<std::size_t> p(m + 1, 0), way(m + 1, 0);
  for (std::size_t i = 1; i <= n; ++i) {
    p[0] = i;
    std::size_t j0 = 0;
    std::vector<std::int64_t> minv(m + 1, kInf);
    std::vector<char> used(m + 1, 0);
    do {
      used[j0] = 1;
      const std::size_t i0 = p[j0];
      std::int64_t delta = kInf;
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const std::int64_t cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (std::size_t j = 0; j <= m; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const std::size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int> column(n, -1);
  for (std::size_t j = 1; j <= m; ++j)
    if (p[j] != 0) column[p[j] - 1] = static_cast<int>(j - 1);
  return column;
}

}  // namespace speedmeet::schedule
