#include "ui/text_cache.hpp"

#include <algorithm>
#include <bit>

#include "ui/paint_plan.hpp"

namespace speedmeet::ui {
namespace {

// The alpha byte of an ARGB8888 pixel in memory.
constexpr int kAlphaByte = std::endian::native == std::endian::little ? 3 : 0;

}  // namespace

std::string text_cache_key(const TextItem& item, const std::optional<Color>& ground) {
  std::string key;
  key.reserve(item.text.size() + 24);
  key += item.weight == FontWeight::bold ? 'b' : 'r';
  key += std::to_string(item.px);
  key += ':';
  for (std::uint8_t v : {item.color.r, item.color.g, item.color.b, item.color.a}) key += static_cast<char>(v);
  key += ground ? 'g' : '-';
  if (ground)
    for (std::uint8_t v : {ground->r, ground->g, ground->b}) key += static_cast<char>(v);
  key += item.text;
  return key;
}

std::size_t text_budget(std::size_t configured, Size screen) {
  if (configured != 0) return configured;
  return std::max(kMinTextBytes, static_cast<std::size_t>(std::max(0, screen.w)) * static_cast<std::size_t>(std::max(0, screen.h)) * 4);
}

Size atlas_size(Size screen, std::size_t budget, int max_texture_w, int max_texture_h) {
  int w = ceil_to(std::max(screen.w, kPaintLine), kPaintLine);
  if (max_texture_w > 0) w = std::min(w, max_texture_w);
  int h = static_cast<int>(std::min<std::size_t>(budget / (static_cast<std::size_t>(w) * 4), 16384));
  if (max_texture_h > 0) h = std::min(h, max_texture_h);
  return {w, std::max(h, 0)};
}

bool atlas_takes(int h, Size atlas) { return h <= atlas.h / 4; }

Rect ink_bounds(const std::uint8_t* pixels, int w, int h, int pitch, bool indexed, std::vector<std::uint8_t>& columns) {
  auto row = [&](int y) { return pixels + static_cast<std::ptrdiff_t>(y) * pitch; };
  auto inked = [&](int y) {
    const std::uint8_t* r = row(y);
    std::uint8_t any = 0;
    if (indexed) {
      for (int x = 0; x < w; ++x) any |= r[x];
    } else {
      for (int x = 0; x < w; ++x) any |= r[4 * x + kAlphaByte];
    }
    return any != 0;
  };
  int top = 0;
  while (top < h && !inked(top)) ++top;
  if (top == h) return {};
  int bottom = h - 1;
  while (!inked(bottom)) --bottom;
  columns.assign(static_cast<std::size_t>(w), 0);
  std::uint8_t* col = columns.data();
  for (int y = top; y <= bottom; ++y) {
    const std::uint8_t* r = row(y);
    if (indexed) {
      for (int x = 0; x < w; ++x) col[x] |= r[x];
    } else {
      for (int x = 0; x < w; ++x) col[x] |= r[4 * x + kAlphaByte];
    }
  }
  int left = 0, right = w - 1;
  while (col[left] == 0) ++left;
  while (col[right] == 0) --right;
  return {left, top, right - left + 1, bottom - top + 1};
}

void disc_pixels(int radius, Color color, std::uint32_t* pixels, int stride) {
  const int d = 2 * radius;
  for (int y = 0; y < d; ++y) {
    for (int x = 0; x < d; ++x) {
      // Coverage of the pixel by the disc, 4×4 supersampled.
      int inside = 0;
      for (int sy = 0; sy < 4; ++sy)
        for (int sx = 0; sx < 4; ++sx) {
          const double px = x + (sx + 0.5) / 4 - radius, py = y + (sy + 0.5) / 4 - radius;
          inside += px * px + py * py <= static_cast<double>(radius) * radius;
        }
      const auto alpha = static_cast<std::uint32_t>(inside * color.a / 16);
      pixels[y * stride + x] = (alpha << 24) | (std::uint32_t{color.r} << 16) | (std::uint32_t{color.g} << 8) | color.b;
    }
  }
}

std::size_t own_text_budget(std::size_t budget, bool has_atlas) { return has_atlas ? budget / 4 : budget; }

std::optional<std::uint64_t> own_texture_cut(std::vector<std::pair<std::uint64_t, std::size_t>> candidates,
                                             std::size_t own_bytes, std::size_t own_budget) {
  if (own_bytes <= own_budget) return std::nullopt;
  std::sort(candidates.begin(), candidates.end());
  std::size_t left = own_bytes;
  std::optional<std::uint64_t> cut;
  for (const auto& [last, bytes] : candidates) {
    if (left <= own_budget) break;
    left -= bytes;
    cut = last;
  }
  return cut;
}

std::optional<std::uint64_t> sweep_age(std::uint64_t frame, std::size_t texts) {
  if (frame % 64 != 0 && texts < kMaxTexts) return std::nullopt;
  return texts >= kMaxTexts ? 1 : kKeepTextFrames;
}

}  // namespace speedmeet::ui
