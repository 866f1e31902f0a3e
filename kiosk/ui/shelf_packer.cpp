#include "ui/shelf_packer.hpp"

#include <algorithm>
#include <tuple>

namespace speedmeet::ui {
namespace {

// The first column at or after x that is `phase` modulo 4.
int at_phase(int x, int phase) { return x + ((phase - x) % 4 + 4) % 4; }

}  // namespace

ShelfPacker::ShelfPacker(Size size) : size_(size) {}

int ShelfPacker::shelf_height(int h) {
  const int step = h <= 64 ? 8 : h <= 128 ? 16 : h <= 256 ? 32 : 64;
  return (h + step - 1) / step * step;
}

void ShelfPacker::touch(std::uint64_t shelf, std::uint64_t now) {
  if (auto it = shelves_.find(shelf); it != shelves_.end()) it->second.last_use = std::max(it->second.last_use, now);
}

std::optional<ShelfPacker::Place> ShelfPacker::place(int w, int h, int x_phase, std::uint64_t now,
                                                     std::vector<std::uint64_t>& evicted) {
  if (w <= 0 || h <= 0 || at_phase(0, x_phase) + w > size_.w || h > size_.h) return std::nullopt;
  const int tall = std::min(shelf_height(h), size_.h);

  // An open shelf with room, at least as tall as the item and at most a
  // quarter taller than the shelf it would open: the least tall one.
  std::uint64_t best = 0;
  for (const auto& [id, s] : shelves_) {
    if (s.h < h || s.h > tall + tall / 4 || at_phase(s.used, x_phase) + w > size_.w) continue;
    if (best == 0 || s.h < shelves_.at(best).h) best = id;
  }
  if (best != 0) {
    Shelf& s = shelves_.at(best);
    const int x = at_phase(s.used, x_phase);
    s.used = x + w;
    s.last_use = std::max(s.last_use, now);
    return Place{best, x, s.y};
  }

  // A new shelf: in free height if there is enough (the smallest such gap),
  // else in place of the run of adjacent shelves whose latest use is the
  // oldest (the shortest such run), none of them drawn in this frame.
  std::vector<std::pair<int, std::uint64_t>> by_y;  // y, id
  by_y.reserve(shelves_.size());
  for (const auto& [id, s] : shelves_) by_y.emplace_back(s.y, id);
  std::sort(by_y.begin(), by_y.end());
  const std::size_t n = by_y.size();
  auto top_of = [&](std::size_t j) { return j == n ? size_.h : by_y[j].first; };
  auto end_of = [&](std::size_t j) { return by_y[j].first + shelves_.at(by_y[j].second).h; };

  // (evicts any, latest use among the evicted, span): smaller is better.
  using Cost = std::tuple<bool, std::uint64_t, int>;
  std::optional<Cost> best_cost;
  std::size_t best_first = 0, best_end = 0;  // the run by_y[first, end) goes
  for (std::size_t i = 0; i <= n; ++i) {
    const int from = i == 0 ? 0 : end_of(i - 1);
    std::uint64_t latest = 0;
    for (std::size_t j = i;; ++j) {
      const int span = top_of(j) - from;
      if (span >= tall) {
        const Cost cost{j > i, latest, span};
        if (!best_cost || cost < *best_cost) {
          best_cost = cost;
          best_first = i;
          best_end = j;
        }
        break;
      }
      if (j == n) break;
      const Shelf& s = shelves_.at(by_y[j].second);
      if (s.last_use >= now) break;  // drawn in this frame: its pixels stay
      latest = std::max(latest, s.last_use);
    }
  }
  if (!best_cost) return std::nullopt;
  const int y = best_first == 0 ? 0 : end_of(best_first - 1);
  for (std::size_t j = best_first; j < best_end; ++j) {
    evicted.push_back(by_y[j].second);
    shelves_.erase(by_y[j].second);
  }
  const std::uint64_t id = next_id_++;
  const int x = at_phase(0, x_phase);
  shelves_.emplace(id, Shelf{y, tall, x + w, now});
  return Place{id, x, y};
}

}  // namespace speedmeet::ui
