// The painter's text cache, without SDL: keys, budget and atlas size, ink
// bounds of rendered lines, corner discs, and which texts are forgotten.
#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <set>
#include <vector>

#include "ui/text_cache.hpp"

using namespace speedmeet::ui;

TEST_CASE("a rendered line is cached per weight, size, colour, ground and text") {
  TextItem t;
  t.text = "Scan your badge";
  t.px = 48;
  t.color = {255, 255, 255, 255};
  const Color ground{10, 20, 30, 255};
  std::set<std::string> keys{text_cache_key(t, std::nullopt), text_cache_key(t, ground)};
  TextItem bold = t;
  bold.weight = FontWeight::bold;
  TextItem bigger = t;
  bigger.px = 49;
  TextItem red = t;
  red.color.g = 0;
  TextItem other = t;
  other.text = "Scan your badges";
  for (const TextItem& v : {bold, bigger, red, other}) keys.insert(text_cache_key(v, ground));
  keys.insert(text_cache_key(t, Color{10, 20, 31, 255}));
  CHECK(keys.size() == 7);
  // Where the line goes is no part of it.
  TextItem moved = t;
  moved.box = {500, 500, 10, 10};
  CHECK(text_cache_key(moved, ground) == text_cache_key(t, ground));
}

TEST_CASE("the text budget and the atlas' size") {
  CHECK(text_budget(123456, {1920, 1080}) == 123456);
  CHECK(text_budget(0, {3840, 2160}) == 3840u * 2160 * 4);
  CHECK(text_budget(0, {1920, 1080}) == kMinTextBytes);  // 7.9 MiB: the minimum
  CHECK(atlas_size({1920, 1080}, 1920u * 1080 * 4, 0, 0) == Size{1920, 1080});
  CHECK(atlas_size({1366, 768}, kMinTextBytes, 0, 0) == Size{1376, static_cast<int>(kMinTextBytes / (1376 * 4))});
  CHECK(atlas_size({1920, 1080}, 1920u * 1080 * 4, 1024, 512) == Size{1024, 512});  // the renderer's largest texture
  CHECK(atlas_size({8, 8}, 1u << 30, 0, 0).h == 16384);
  CHECK(atlas_size({1920, 1080}, 100, 0, 0).h == 0);  // not a row: no atlas
  CHECK(atlas_takes(270, {1920, 1080}));
  CHECK_FALSE(atlas_takes(271, {1920, 1080}));  // a table number: a texture of its own
}

TEST_CASE("ink bounds of blended and shaded lines") {
  std::vector<std::uint8_t> columns;
  // ARGB8888, 10x6, rows padded to 48 bytes: two inked pixels.
  const int pitch = 48;
  std::vector<std::uint8_t> argb(static_cast<std::size_t>(pitch) * 6, 0);
  const int alpha = std::endian::native == std::endian::little ? 3 : 0;
  auto ink = [&](int x, int y, std::uint8_t a) { argb[static_cast<std::size_t>(y * pitch + 4 * x + alpha)] = a; };
  CHECK(ink_bounds(argb.data(), 10, 6, pitch, false, columns) == Rect{});
  ink(2, 1, 1);
  ink(7, 4, 255);
  argb[static_cast<std::size_t>(5 * pitch + 4 * 9 + (alpha == 3 ? 0 : 1))] = 255;  // colour without alpha: no ink
  CHECK(ink_bounds(argb.data(), 10, 6, pitch, false, columns) == Rect{2, 1, 6, 4});
  // Indexed, 0 the ground.
  std::vector<std::uint8_t> shaded(8 * 5, 0);
  shaded[2 * 8 + 3] = 7;
  CHECK(ink_bounds(shaded.data(), 8, 5, 8, true, columns) == Rect{3, 2, 1, 1});
}

TEST_CASE("corner discs: opaque inside, clear outside, anti-aliased between, symmetric") {
  const int r = 8;
  std::vector<std::uint32_t> px(static_cast<std::size_t>(4 * r * r), 0xDEADBEEF);
  disc_pixels(r, {0x11, 0x22, 0x33, 255}, px.data(), 2 * r);
  auto alpha = [&](int x, int y) { return px[static_cast<std::size_t>(y * 2 * r + x)] >> 24; };
  CHECK(alpha(r, r) == 255);
  CHECK(alpha(0, 0) == 0);
  CHECK((px[static_cast<std::size_t>(r * 2 * r + r)] & 0xFFFFFFu) == 0x112233u);
  bool partial = false;
  for (int y = 0; y < 2 * r; ++y)
    for (int x = 0; x < 2 * r; ++x) {
      CHECK(alpha(x, y) == alpha(2 * r - 1 - x, y));
      CHECK(alpha(x, y) == alpha(y, x));
      partial |= alpha(x, y) > 0 && alpha(x, y) < 255;
    }
  CHECK(partial);
}

TEST_CASE("own textures beyond their budget go least recently drawn first") {
  CHECK(own_text_budget(1000, true) == 250);
  CHECK(own_text_budget(1000, false) == 1000);
  // 400 bytes kept, 250 allowed: the frames 3 and 5 go (100 + 100), 9 stays.
  const std::vector<std::pair<std::uint64_t, std::size_t>> candidates{{9, 100}, {3, 100}, {5, 100}};
  CHECK(own_texture_cut(candidates, 400, 250) == std::optional<std::uint64_t>{5});
  CHECK_FALSE(own_texture_cut(candidates, 250, 250));
  // The current frame's own textures (not candidates) are never cut: as
  // many as there are go, and no more.
  CHECK(own_texture_cut({{1, 10}}, 1000, 250) == std::optional<std::uint64_t>{1});
}

TEST_CASE("the cache is swept every 64 frames, or at once when full") {
  CHECK(sweep_age(64, 10) == std::optional<std::uint64_t>{kKeepTextFrames});
  CHECK_FALSE(sweep_age(65, 10));
  CHECK(sweep_age(65, kMaxTexts) == std::optional<std::uint64_t>{1});
}
