#include "qr/finder_scan.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>

namespace speedmeet::qr {
namespace {

struct Run {
  bool dark = false;
  int start = 0;
  int length = 0;
};

// Sensor noise of the frame, from the median absolute second difference
// along a few rows (edges are rare enough not to move the median).
int noise_sigma(const GrayImage& image) {
  std::array<int, 512> histogram{};
  int count = 0;
  for (int y = image.height / 16; y < image.height; y += std::max(1, image.height / 8)) {
    const std::uint8_t* row = image.row(y);
    for (int x = 1; x + 1 < image.width; x += 2) {
      ++histogram[static_cast<std::size_t>(std::abs(2 * row[x] - row[x - 1] - row[x + 1]))];
      ++count;
    }
  }
  int seen = 0;
  for (std::size_t d = 0; d < histogram.size(); ++d) {
    seen += histogram[d];
    // sigma = median / (0.6745 * sqrt(6)) for gaussian noise
    if (2 * seen >= count) return static_cast<int>(static_cast<double>(d) / 1.652 + 0.5);
  }
  return 0;
}

constexpr int kWindowRadius = 20;  // local mean over 41 pixels of the row

// Runs of one row, dark/light decided against the local mean with
// hysteresis: a pixel flips the state only when it is `contrast` away from
// the mean, so sensor noise on flat areas does not make runs. First a
// branch-free pass (vectorised by the compiler) marks pixels clearly dark
// (1) or clearly light (2), comparing p * n with the window sum from a
// prefix sum: no division per pixel.
struct RowBuffers {
  std::vector<int> prefix;
  std::vector<std::uint8_t> marks;
};

void row_runs(const std::uint8_t* row, int w, int contrast, RowBuffers& buffers, std::vector<Run>& runs) {
  auto& prefix = buffers.prefix;
  auto& marks = buffers.marks;
  prefix.resize(static_cast<std::size_t>(w) + 1);
  marks.resize(static_cast<std::size_t>(w));
  int* P = prefix.data();
  std::uint8_t* M = marks.data();
  P[0] = 0;
  for (int x = 0; x < w; ++x) P[x + 1] = P[x] + row[x];

  auto mark = [&](int x, int lo, int hi) {
    const int n = hi - lo;
    const int sum = P[hi] - P[lo];
    const int scaled = row[x] * n;
    const int margin = contrast * n;
    M[x] = static_cast<std::uint8_t>((scaled < sum - margin) | ((scaled > sum + margin) << 1));
  };
  const int inner_begin = std::min(w, kWindowRadius);
  const int inner_end = std::max(inner_begin, w - kWindowRadius - 1);
  for (int x = 0; x < inner_begin; ++x) mark(x, 0, std::min(w, x + kWindowRadius + 1));
  constexpr int n = 2 * kWindowRadius + 1;
  const int margin = contrast * n;
  for (int x = inner_begin; x < inner_end; ++x) {
    const int sum = P[x + kWindowRadius + 1] - P[x - kWindowRadius];
    const int scaled = row[x] * n;
    M[x] = static_cast<std::uint8_t>((scaled < sum - margin) | ((scaled > sum + margin) << 1));
  }
  for (int x = inner_end; x < w; ++x) mark(x, std::max(0, x - kWindowRadius), w);

  // Cut runs where the state flips: while dark, at the next "light" mark
  // (bit 1), while light at the next "dark" mark (bit 0). Eight marks are
  // tested at once, so flat stretches cost almost nothing.
  static_assert(std::endian::native == std::endian::little, "mark words are read lowest byte first");
  runs.clear();
  bool dark = false;
  int start = 0;
  int x = 0;
  while (x < w) {
    const std::uint64_t flip_bits = dark ? 0x0202020202020202ull : 0x0101010101010101ull;
    if (x + 8 <= w) {
      std::uint64_t word;
      std::memcpy(&word, M + x, 8);
      const std::uint64_t hits = word & flip_bits;
      if (hits == 0) {
        x += 8;
        continue;
      }
      x += std::countr_zero(hits) / 8;
    } else if ((M[x] & flip_bits & 0xFF) == 0) {
      ++x;
      continue;
    }
    runs.push_back({dark, start, x - start});
    dark = !dark;
    start = x;
    ++x;
  }
  runs.push_back({dark, start, w - start});
}

int local_mean(const std::uint8_t* row, int x, int w) {
  const int lo = std::max(0, x - kWindowRadius);
  const int hi = std::min(w, x + kWindowRadius + 1);
  int sum = 0;
  for (int i = lo; i < hi; ++i) sum += row[i];
  return sum / (hi - lo);
}

// 1:1:3:1:1 within the tolerance that blur, perspective and rounding leave.
bool finder_ratio(const std::array<int, 5>& r, float min_module, float max_module, float& module) {
  const int total = r[0] + r[1] + r[2] + r[3] + r[4];
  module = static_cast<float>(total) / 7.0f;
  if (module < min_module || module > max_module) return false;
  // Looser than ZXing (0.5 and 1.5 modules) on a binarized image: our threshold
  // is a 1D local mean and small rotated modules smear over pixel borders.
  const float tolerance = std::max(0.7f * module, 1.0f);
  for (int i : {0, 1, 3, 4})
    if (std::fabs(static_cast<float>(r[static_cast<std::size_t>(i)]) - module) > tolerance) return false;
  return std::fabs(static_cast<float>(r[2]) - 3.0f * module) <= std::max(1.6f * module, 1.5f);
}

bool is_dark(int value, int threshold, int min_contrast, bool previous) {
  if (value < threshold - min_contrast) return true;
  if (value > threshold + min_contrast) return false;
  return previous;
}

// Walks the column through (x, y) from the centre block outwards and checks
// the same pattern vertically; returns the vertical centre, or -1.
float confirm_vertically(const GrayImage& image, int x, int y, int threshold, bool dark_centre, int min_contrast,
                         float horizontal_module, float min_module, float max_module) {
  // Vertically the pattern may be up to twice as tall as it is wide (tilt):
  // a run longer than that ends the walk at once, which keeps flat areas and
  // long edges (most horizontal matches) cheap to reject.
  const std::array<int, 3> longest{static_cast<int>(3.0f * horizontal_module) + 1,
                                   static_cast<int>(2.0f * horizontal_module) + 1,
                                   static_cast<int>(2.0f * horizontal_module) + 1};
  auto walk = [&](int step, std::array<int, 3>& counts) {
    // counts[0]: centre run on this side, [1]: the ring, [2]: the outer ring
    int yy = y;
    bool state = dark_centre;
    std::size_t segment = 0;
    for (;;) {
      yy += step;
      if (yy < 0 || yy >= image.height) return segment == 2 && counts[2] > 0;
      const bool d = is_dark(image.at(x, yy), threshold, min_contrast, state);
      const bool expected = (segment % 2 == 0) ? dark_centre : !dark_centre;
      if (d == expected) {
        if (++counts[segment] > longest[segment]) return false;
      } else {
        if (++segment == 3) return true;
        counts[segment] = 1;
      }
      state = d;
    }
  };
  std::array<int, 3> up{0, 0, 0};
  std::array<int, 3> down{0, 0, 0};
  if (!walk(-1, up) || !walk(+1, down)) return -1;
  const std::array<int, 5> runs{up[2], up[1], up[0] + down[0] + 1, down[1], down[2]};
  float module = 0;
  if (!finder_ratio(runs, min_module, max_module, module)) return -1;
  if (module < 0.5f * horizontal_module || module > 2.0f * horizontal_module) return -1;
  const int top = y - up[0];
  return static_cast<float>(top) + static_cast<float>(runs[2]) / 2.0f;
}

void add_candidate(std::vector<FinderCandidate>& list, float x, float y, float module, int max_candidates) {
  for (auto& c : list) {
    const float reach = 2.0f * std::max(c.module, module);
    if (std::fabs(c.x - x) <= reach && std::fabs(c.y - y) <= reach) {
      const auto n = static_cast<float>(c.hits);
      c.x = (c.x * n + x) / (n + 1);
      c.y = (c.y * n + y) / (n + 1);
      c.module = (c.module * n + module) / (n + 1);
      ++c.hits;
      return;
    }
  }
  if (static_cast<int>(list.size()) < max_candidates) list.push_back({x, y, module, 1});
}

}  // namespace

FinderScan scan_finder_patterns(const GrayImage& image, const FinderScanSettings& settings) {
  FinderScan scan;
  if (image.width < 21 || image.height < 21) return scan;
  // Noisy (dark, high-gain) frames need a larger step to call a pixel dark
  // or light, or noise makes finder-like runs everywhere.
  const int contrast = std::clamp(2 * noise_sigma(image), settings.min_contrast, 3 * settings.min_contrast);
  std::vector<Run> runs;
  RowBuffers buffers;
  const int step = std::max(1, settings.row_step);
  for (int y = step / 2; y < image.height; y += step) {
    row_runs(image.row(y), image.width, contrast, buffers, runs);
    for (std::size_t i = 0; i + 5 <= runs.size(); ++i) {
      const std::array<int, 5> lengths{runs[i].length, runs[i + 1].length, runs[i + 2].length, runs[i + 3].length,
                                       runs[i + 4].length};
      float module = 0;
      if (!finder_ratio(lengths, settings.min_module, settings.max_module, module)) continue;
      const bool dark_centre = runs[i + 2].dark;
      auto& list = dark_centre ? scan.dark_on_light : scan.light_on_dark;
      const int cx = runs[i + 2].start + runs[i + 2].length / 2;
      const float cy = confirm_vertically(image, cx, y, local_mean(image.row(y), cx, image.width), dark_centre, contrast,
                                          module, settings.min_module, settings.max_module);
      if (cy < 0) continue;
      const float centre_x = static_cast<float>(runs[i + 2].start) + static_cast<float>(runs[i + 2].length) / 2.0f;
      add_candidate(list, centre_x, cy, module, 8 * settings.max_candidates);
    }
  }
  // A real finder pattern is crossed by every scan line through its 3-module
  // centre; a chance match in text or data modules by one or two.
  auto weak = [&](const FinderCandidate& c) {
    const float expected = 3.0f * c.module / static_cast<float>(step);
    return static_cast<float>(c.hits) < std::max(1.0f, 0.4f * expected);
  };
  for (auto* list : {&scan.dark_on_light, &scan.light_on_dark}) {
    std::erase_if(*list, weak);
    std::stable_sort(list->begin(), list->end(), [](const auto& a, const auto& b) { return a.hits > b.hits; });
    if (static_cast<int>(list->size()) > settings.max_candidates) list->resize(static_cast<std::size_t>(settings.max_candidates));
  }
  return scan;
}

namespace {

// Regions start and end on the 8-pixel grid of the whole frame: ZXing's
// local binarizer works in 8x8 blocks from the image origin, so an aligned
// crop is binarized exactly like the full frame (an unaligned one can lose
// a code the full frame decodes).
PixelRect aligned(float x0, float y0, float x1, float y1, int image_width, int image_height) {
  constexpr int kGrid = 8;
  const int left = std::max(0, static_cast<int>(std::floor(x0 / kGrid)) * kGrid);
  const int top = std::max(0, static_cast<int>(std::floor(y0 / kGrid)) * kGrid);
  const int right = std::min(image_width, static_cast<int>(std::ceil(x1 / kGrid)) * kGrid);
  const int bottom = std::min(image_height, static_cast<int>(std::ceil(y1 / kGrid)) * kGrid);
  return {left, top, std::max(0, right - left), std::max(0, bottom - top)};
}

}  // namespace

std::vector<FinderRegion> regions_around(const std::vector<FinderCandidate>& candidates, int image_width,
                                         int image_height) {
  const std::size_t n = candidates.size();
  // Union-find over candidates that could be finder patterns of one symbol:
  // similar module size, centres at most ~75 modules apart (version 10's
  // diagonal), and not on top of each other.
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  auto root = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const auto& a = candidates[i];
      const auto& b = candidates[j];
      const float big = std::max(a.module, b.module);
      const float small = std::min(a.module, b.module);
      if (big > 2.0f * small) continue;
      const float distance = std::hypot(a.x - b.x, a.y - b.y);
      if (distance < 8.0f * small || distance > 75.0f * big) continue;
      parent[root(i)] = root(j);
    }

  struct Group {
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f, module = 0;
    int members = 0, hits = 0;
  };
  std::vector<Group> groups(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto& g = groups[root(i)];
    const auto& c = candidates[i];
    g.x0 = std::min(g.x0, c.x);
    g.y0 = std::min(g.y0, c.y);
    g.x1 = std::max(g.x1, c.x);
    g.y1 = std::max(g.y1, c.y);
    g.module = std::max(g.module, c.module);
    g.hits += c.hits;
    ++g.members;
  }
  std::vector<FinderRegion> regions;
  for (const auto& g : groups) {
    if (g.members < 2) continue;
    // With three finders seen, the fourth corner of a rotated symbol lies
    // outside their box by up to 0.71 of its side; with two, the third may
    // be a whole side away on either side of them. Add the finder's half
    // width and the quiet zone.
    const float side = std::max(g.x1 - g.x0, g.y1 - g.y0);
    const float margin = (g.members >= 3 ? 0.75f : 1.1f) * side + 9.0f * g.module;
    regions.push_back({aligned(g.x0 - margin, g.y0 - margin, g.x1 + margin, g.y1 + margin, image_width, image_height),
                       g.module, g.hits});
  }
  // Merge overlapping regions until none overlap: a symbol is decoded once.
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < regions.size() && !merged; ++i)
      for (std::size_t j = i + 1; j < regions.size() && !merged; ++j) {
        auto& a = regions[i].rect;
        const auto& b = regions[j].rect;
        const bool overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        if (!overlap) continue;
        const int x0 = std::min(a.x, b.x), y0 = std::min(a.y, b.y);
        const int x1 = std::max(a.x + a.width, b.x + b.width), y1 = std::max(a.y + a.height, b.y + b.height);
        a = {x0, y0, x1 - x0, y1 - y0};
        regions[i].module = std::max(regions[i].module, regions[j].module);
        regions[i].hits += regions[j].hits;
        regions.erase(regions.begin() + static_cast<std::ptrdiff_t>(j));
        merged = true;
      }
  }
  std::stable_sort(regions.begin(), regions.end(), [](const auto& a, const auto& b) { return a.hits > b.hits; });
  return regions;
}

}  // namespace speedmeet::qr
