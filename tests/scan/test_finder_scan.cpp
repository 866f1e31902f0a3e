// The pure parts of the decoder: grouping finder candidates into regions,
// and the grey image operations the passes use.
#include <catch2/catch.hpp>

#include "qr/finder_scan.hpp"
#include "qr/gray_image.hpp"

using namespace speedmeet::qr;

TEST_CASE("two or three finder candidates of one symbol make one region around it", "[scan][finder]") {
  // Finder centres of a 41-module symbol at 3 px per module.
  const std::vector<FinderCandidate> three{{100, 100, 3, 4}, {202, 100, 3, 4}, {100, 202, 3, 4}};
  const auto regions = regions_around(three, 1280, 720);
  REQUIRE(regions.size() == 1);
  const PixelRect& r = regions[0].rect;
  // The symbol spans 100 - 10.5*3 ... 202 + 10.5*3 with its quiet zone.
  CHECK(r.x <= 100 - 31);
  CHECK(r.y <= 100 - 31);
  CHECK(r.x + r.width >= 202 + 31);
  CHECK(r.y + r.height >= 202 + 31);
  CHECK(regions[0].hits == 12);
  CHECK(regions[0].module == Approx(3));

  // With two finders seen, the third may be on either side: wider margins.
  const std::vector<FinderCandidate> two{{400, 300, 3, 4}, {502, 300, 3, 4}};
  const auto wide = regions_around(two, 1280, 720);
  REQUIRE(wide.size() == 1);
  CHECK(wide[0].rect.y <= 300 - 102);
  CHECK(wide[0].rect.y + wide[0].rect.height >= 300 + 102);
}

TEST_CASE("lone candidates, mismatched sizes and far-apart patterns make no region", "[scan][finder]") {
  CHECK(regions_around({}, 1280, 720).empty());
  CHECK(regions_around({{100, 100, 3, 5}}, 1280, 720).empty());
  // Module sizes too different to be one symbol.
  CHECK(regions_around({{100, 100, 2, 5}, {160, 100, 6, 5}}, 1280, 720).empty());
  // Farther apart than any version the badges use allows.
  CHECK(regions_around({{10, 10, 2, 5}, {1200, 700, 2, 5}}, 1280, 720).empty());
  // On top of each other: one pattern seen twice, not two.
  CHECK(regions_around({{100, 100, 3, 5}, {110, 100, 3, 5}}, 1280, 720).empty());
}

TEST_CASE("regions are clipped to the image, aligned, merged when overlapping, strongest first", "[scan][finder]") {
  const std::vector<FinderCandidate> candidates{
      {20, 20, 3, 2},   {110, 20, 3, 2},   // a weak pair at the top-left corner
      {140, 40, 3, 2},                     // a third one joins their group
      {900, 500, 4, 9}, {1020, 500, 4, 9}  // a strong pair far away
  };
  const auto regions = regions_around(candidates, 1280, 720);
  REQUIRE(regions.size() == 2);
  CHECK(regions[0].hits == 18);  // the strong one first
  for (const auto& region : regions) {
    const PixelRect& r = region.rect;
    CHECK(r.x >= 0);
    CHECK(r.y >= 0);
    CHECK(r.x + r.width <= 1280);
    CHECK(r.y + r.height <= 720);
    CHECK(r.x % 8 == 0);
    CHECK(r.y % 8 == 0);
  }
  CHECK(regions[1].rect.x == 0);
  CHECK(regions[1].rect.y == 0);
}

TEST_CASE("grey image operations: halve, invert, crop", "[scan][finder]") {
  GrayImage image(4, 3);
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 4; ++x) image.at(x, y) = static_cast<std::uint8_t>(10 * (y * 4 + x));
  const GrayImage half = halved(image);
  CHECK(half.width == 2);
  CHECK(half.height == 1);
  CHECK(half.pixels == std::vector<std::uint8_t>{25, 45});  // (0+10+40+50)/4, (20+30+60+70)/4

  CHECK(inverted(image).at(3, 2) == 255 - 110);

  const GrayImage part = cropped(image, 1, 1, 2, 5);  // clipped to the image
  CHECK(part.width == 2);
  CHECK(part.height == 2);
  CHECK(part.pixels == std::vector<std::uint8_t>{50, 60, 90, 100});
  CHECK(cropped(image, 1, 1, 2, 1, true).pixels == std::vector<std::uint8_t>{205, 195});
  CHECK(cropped(image, 10, 10, 2, 2).empty());
}
