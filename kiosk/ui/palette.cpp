#include "ui/palette.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace speedmeet::ui {
namespace {

struct Entry {
  std::uint32_t rgb = 0;
  std::uint64_t count = 0;
};

int channel_of(std::uint32_t rgb, int c) { return static_cast<int>((rgb >> (16 - 8 * c)) & 0xFF); }

struct Box {
  std::vector<Entry> entries;
  int channel = 0;  // the channel with the widest range
  int range = 0;    // that range (0: one colour, cannot split)

  void measure() {
    std::array<int, 3> lo{255, 255, 255}, hi{0, 0, 0};
    for (const Entry& e : entries)
      for (std::size_t c = 0; c < 3; ++c) {
        lo[c] = std::min(lo[c], channel_of(e.rgb, static_cast<int>(c)));
        hi[c] = std::max(hi[c], channel_of(e.rgb, static_cast<int>(c)));
      }
    std::size_t widest = 0;
    for (std::size_t c = 1; c < 3; ++c)
      if (hi[c] - lo[c] > hi[widest] - lo[widest]) widest = c;
    channel = static_cast<int>(widest);
    range = entries.size() > 1 ? hi[widest] - lo[widest] : 0;
  }
  Color mean() const {
    std::array<std::uint64_t, 3> sum{};
    std::uint64_t n = 0;
    for (const Entry& e : entries) {
      for (std::size_t c = 0; c < 3; ++c) sum[c] += static_cast<std::uint64_t>(channel_of(e.rgb, static_cast<int>(c))) * e.count;
      n += e.count;
    }
    n = std::max<std::uint64_t>(n, 1);
    return {static_cast<std::uint8_t>(sum[0] / n), static_cast<std::uint8_t>(sum[1] / n), static_cast<std::uint8_t>(sum[2] / n), 255};
  }
};

// Splits boxes (widest colour range first) at the population median.
std::vector<Color> median_cut(std::vector<Entry> entries, int colors) {
  if (entries.empty() || colors <= 0) return {};
  std::vector<Box> boxes(1);
  boxes[0].entries = std::move(entries);
  boxes[0].measure();
  while (static_cast<int>(boxes.size()) < colors) {
    auto it = std::max_element(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) { return a.range < b.range; });
    if (it->range == 0) break;
    const int c = it->channel;
    std::vector<Entry>& e = it->entries;
    std::sort(e.begin(), e.end(), [c](const Entry& x, const Entry& y) { return channel_of(x.rgb, c) < channel_of(y.rgb, c); });
    std::uint64_t total = 0, half = 0;
    for (const Entry& x : e) total += x.count;
    std::size_t cut = 0;
    while (cut + 1 < e.size() && (half += e[cut].count) < total / 2) ++cut;
    cut = std::clamp<std::size_t>(cut + 1, 1, e.size() - 1);
    Box upper;
    upper.entries.assign(e.begin() + static_cast<std::ptrdiff_t>(cut), e.end());
    e.resize(cut);
    it->measure();
    upper.measure();
    boxes.push_back(std::move(upper));
  }
  std::vector<Color> out;
  for (const Box& b : boxes) out.push_back(b.mean());
  return out;
}

int distance(Color a, std::uint32_t rgb) {
  const int dr = a.r - channel_of(rgb, 0), dg = a.g - channel_of(rgb, 1), db = a.b - channel_of(rgb, 2);
  return 2 * dr * dr + 4 * dg * dg + db * db;  // green weighs most to the eye
}

}  // namespace

IndexedImage quantize(const std::vector<std::uint32_t>& pixels, int max_colors) {
  max_colors = std::clamp(max_colors, 2, 256);
  // Screens are runs of one colour: count runs, not pixels, in the map.
  std::unordered_map<std::uint32_t, std::uint64_t> histogram;
  for (std::size_t i = 0; i < pixels.size();) {
    const std::uint32_t p = pixels[i] & 0xFFFFFFu;
    std::size_t j = i + 1;
    while (j < pixels.size() && (pixels[j] & 0xFFFFFFu) == p) ++j;
    histogram[p] += j - i;
    i = j;
  }
  std::vector<Entry> entries;
  entries.reserve(histogram.size());
  for (const auto& [rgb, count] : histogram) entries.push_back({rgb, count});
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.count != b.count ? a.count > b.count : a.rgb < b.rgb; });

  IndexedImage out;
  const auto to_color = [](std::uint32_t rgb) {
    return Color{static_cast<std::uint8_t>(rgb >> 16), static_cast<std::uint8_t>(rgb >> 8), static_cast<std::uint8_t>(rgb), 255};
  };
  if (static_cast<int>(entries.size()) <= max_colors) {
    for (const Entry& e : entries) out.palette.push_back(to_color(e.rgb));
  } else {
    // Flat areas (at least 0.1 % of the pixels) keep their exact colour.
    const std::uint64_t frequent = std::max<std::uint64_t>(1, pixels.size() / 1000);
    const int reserved_max = max_colors / 4;
    std::size_t reserved = 0;
    while (reserved < entries.size() && static_cast<int>(reserved) < reserved_max && entries[reserved].count >= frequent) {
      out.palette.push_back(to_color(entries[reserved].rgb));
      ++reserved;
    }
    std::vector<Entry> rest(entries.begin() + static_cast<std::ptrdiff_t>(reserved), entries.end());
    for (Color c : median_cut(std::move(rest), max_colors - static_cast<int>(reserved))) out.palette.push_back(c);
  }

  std::unordered_map<std::uint32_t, std::uint8_t> nearest;
  nearest.reserve(histogram.size());
  for (const auto& [rgb, count] : histogram) {
    std::size_t best = 0;
    int best_d = distance(out.palette[0], rgb);
    for (std::size_t i = 1; i < out.palette.size() && best_d > 0; ++i) {
      const int d = distance(out.palette[i], rgb);
      if (d < best_d) {
        best_d = d;
        best = i;
      }
    }
    nearest.emplace(rgb, static_cast<std::uint8_t>(best));
  }
  out.indices.resize(pixels.size());
  std::uint32_t last = 0xFFFFFFFFu;
  std::uint8_t index = 0;
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    const std::uint32_t p = pixels[i] & 0xFFFFFFu;
    if (p != last) {
      index = nearest[p];
      last = p;
    }
    out.indices[i] = index;
  }
  return out;
}

}  // namespace speedmeet::ui
