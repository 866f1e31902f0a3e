// Screenshot palettes: exact when few colours, flat colours kept exactly
// otherwise, and never more than 256 entries.
#include <catch2/catch.hpp>

#include "ui/palette.hpp"

using namespace speedmeet::ui;

namespace {

std::uint32_t rgb_of(Color c) { return (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b; }

}  // namespace

TEST_CASE("an image of few colours round-trips exactly") {
  std::vector<std::uint32_t> pixels;
  for (int i = 0; i < 1000; ++i) pixels.push_back(static_cast<std::uint32_t>((i % 7) * 0x102030));
  const IndexedImage q = quantize(pixels);
  REQUIRE(q.palette.size() == 7);
  REQUIRE(q.indices.size() == pixels.size());
  for (std::size_t i = 0; i < pixels.size(); ++i) REQUIRE(rgb_of(q.palette[q.indices[i]]) == pixels[i]);
}

TEST_CASE("many colours are reduced to 256, flat areas stay exact, the rest stays close") {
  std::vector<std::uint32_t> pixels(200000, 0x0E1726u);             // background
  pixels.insert(pixels.end(), 50000, 0xF4F6FAu);                    // text
  for (std::uint32_t v = 0; v < 4096; ++v) pixels.push_back(v * 0x1003u & 0xFFFFFFu);  // edges of every kind
  const IndexedImage q = quantize(pixels);
  REQUIRE(q.palette.size() <= 256);
  REQUIRE(rgb_of(q.palette[q.indices[0]]) == 0x0E1726u);
  REQUIRE(rgb_of(q.palette[q.indices[200000]]) == 0xF4F6FAu);
  int worst = 0;
  for (std::size_t i = 250000; i < pixels.size(); ++i) {
    const Color c = q.palette[q.indices[i]];
    const std::uint32_t p = pixels[i];
    const int d = std::max({std::abs(c.r - static_cast<int>(p >> 16 & 0xFF)), std::abs(c.g - static_cast<int>(p >> 8 & 0xFF)),
                            std::abs(c.b - static_cast<int>(p & 0xFF))});
    worst = std::max(worst, d);
  }
  REQUIRE(worst < 64);
}

TEST_CASE("an empty image gives an empty result") {
  const IndexedImage q = quantize({});
  REQUIRE(q.indices.empty());
}
