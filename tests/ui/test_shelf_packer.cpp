// The text atlas' shelf packer: items stay inside the atlas and never
// overlap a live item, a shelf drawn in the current frame is never given
// away, and what is evicted is reported (the painter forgets those texts).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "ui/shelf_packer.hpp"

using namespace speedmeet::ui;

TEST_CASE("shelf heights round up by about a tenth") {
  REQUIRE(ShelfPacker::shelf_height(1) == 8);
  REQUIRE(ShelfPacker::shelf_height(49) == 56);
  REQUIRE(ShelfPacker::shelf_height(64) == 64);
  REQUIRE(ShelfPacker::shelf_height(65) == 80);
  REQUIRE(ShelfPacker::shelf_height(494) == 512);
  for (int h = 1; h < 2000; ++h) {
    REQUIRE(ShelfPacker::shelf_height(h) >= h);
    REQUIRE(ShelfPacker::shelf_height(h) <= h + h / 4 + 8);
  }
}

TEST_CASE("items of one height share a shelf, at the asked column phase") {
  ShelfPacker p({256, 128});
  std::vector<std::uint64_t> evicted;
  const auto a = p.place(50, 40, 1, 1, evicted);
  const auto b = p.place(50, 38, 3, 1, evicted);
  const auto c = p.place(50, 70, 0, 1, evicted);  // another height class: another shelf
  REQUIRE((a && b && c));
  REQUIRE(evicted.empty());
  REQUIRE(a->shelf == b->shelf);
  REQUIRE(c->shelf != a->shelf);
  REQUIRE(a->x % 4 == 1);
  REQUIRE(b->x % 4 == 3);
  REQUIRE(b->x >= a->x + 50);
  REQUIRE(a->y == b->y);
  REQUIRE(p.shelf_count() == 2);
  // Nothing larger than the atlas, nothing empty.
  REQUIRE_FALSE(p.place(257, 10, 0, 1, evicted));
  REQUIRE_FALSE(p.place(254, 10, 3, 1, evicted));  // 3 + 254 > 256
  REQUIRE_FALSE(p.place(10, 129, 0, 1, evicted));
  REQUIRE_FALSE(p.place(0, 10, 0, 1, evicted));
}

TEST_CASE("a full atlas gives away the shelves drawn longest ago, never this frame's") {
  ShelfPacker p({100, 64});
  std::vector<std::uint64_t> evicted;
  // Four shelves of 16 rows fill it, used in frames 1..4.
  std::vector<std::uint64_t> shelf;
  for (std::uint64_t f = 1; f <= 4; ++f) {
    const auto at = p.place(90, 16, 0, f, evicted);
    REQUIRE(at);
    shelf.push_back(at->shelf);
  }
  REQUIRE(evicted.empty());
  p.touch(shelf[0], 5);  // the first shelf was drawn again: the second is now the oldest
  const auto next = p.place(90, 16, 0, 6, evicted);
  REQUIRE(next);
  REQUIRE(evicted == std::vector<std::uint64_t>{shelf[1]});
  REQUIRE_FALSE(p.holds(shelf[1]));
  REQUIRE(p.holds(shelf[0]));
  REQUIRE(next->shelf != shelf[1]);  // ids are never reused
  REQUIRE(next->y == 16);            // where the evicted shelf was

  // A taller item takes the run of adjacent shelves whose latest use is the
  // oldest and that frees enough: last used 5, 6, 3, 4 from the top, so the
  // bottom two.
  evicted.clear();
  p.touch(shelf[2], 2);  // no effect: touch never makes a shelf older
  const auto tall = p.place(90, 30, 0, 8, evicted);
  REQUIRE(tall);
  REQUIRE(evicted == std::vector<std::uint64_t>{shelf[2], shelf[3]});
  REQUIRE(tall->y == 32);
  REQUIRE(p.holds(shelf[0]));
  REQUIRE(p.holds(next->shelf));

  // Everything drawn in this frame: nothing can go, no room.
  evicted.clear();
  ShelfPacker q({100, 32});
  REQUIRE(q.place(90, 16, 0, 9, evicted));
  REQUIRE(q.place(90, 16, 0, 9, evicted));
  REQUIRE_FALSE(q.place(90, 16, 0, 9, evicted));
  REQUIRE(evicted.empty());
  REQUIRE(q.place(90, 16, 0, 10, evicted));  // next frame: the oldest goes
  REQUIRE(evicted.size() == 1);
}

TEST_CASE("random traffic: live items stay inside the atlas and never overlap") {
  std::mt19937 rng(7);
  ShelfPacker p({640, 480});
  std::map<std::uint64_t, std::vector<Rect>> live;  // shelf -> its items
  std::set<std::uint64_t> ever;
  std::vector<std::uint64_t> evicted;
  int placed = 0, refused = 0;
  for (std::uint64_t frame = 1; frame <= 400; ++frame) {
    std::set<std::uint64_t> this_frame;
    // A screen's worth of new lines, now and then a taller one; at most a
    // quarter of the atlas' height, as the painter asks (bigger texts get a
    // texture of their own).
    const int items = std::uniform_int_distribution<int>(1, 10)(rng);
    for (int i = 0; i < items; ++i) {
      const int w = std::uniform_int_distribution<int>(1, 400)(rng);
      const int h = std::uniform_int_distribution<int>(1, 10)(rng) == 1 ? std::uniform_int_distribution<int>(61, 120)(rng)
                                                                         : std::uniform_int_distribution<int>(8, 60)(rng);
      const int phase = std::uniform_int_distribution<int>(0, 3)(rng);
      evicted.clear();
      const auto at = p.place(w, h, phase, frame, evicted);
      for (std::uint64_t gone : evicted) {
        INFO("frame " << frame);
        REQUIRE(this_frame.count(gone) == 0);  // this frame's shelves stay
        live.erase(gone);
      }
      if (!at) {
        ++refused;
        continue;
      }
      ++placed;
      const Rect r{at->x, at->y, w, h};
      REQUIRE(r.x % 4 == phase);
      REQUIRE((r.x >= 0 && r.y >= 0 && r.right() <= 640 && r.bottom() <= 480));
      for (const auto& [shelf, rects] : live)
        for (const Rect& o : rects) REQUIRE_FALSE(o.intersects(r));
      if (live.count(at->shelf) == 0) REQUIRE(ever.insert(at->shelf).second);  // a new shelf has a new id
      live[at->shelf].push_back(r);
      this_frame.insert(at->shelf);
    }
    // Some older items are drawn again.
    for (const auto& [shelf, rects] : live)
      if (std::uniform_int_distribution<int>(0, 5)(rng) == 0) p.touch(shelf, frame);
    REQUIRE(p.shelf_count() == live.size());
  }
  INFO(placed << " placed, " << refused << " refused");
  REQUIRE(placed > 2000);
  REQUIRE(refused * 100 < placed);  // only when one frame's own shelves take much of the atlas
}

TEST_CASE("rects intersect when they share a pixel, not when they only touch") {
  const Rect a{10, 10, 20, 20};
  CHECK(a.intersects({29, 29, 5, 5}));
  CHECK(a.intersects({0, 0, 100, 100}));
  CHECK_FALSE(a.intersects({30, 10, 5, 5}));  // touches the right edge
  CHECK_FALSE(a.intersects({10, 30, 5, 5}));  // touches the bottom edge
  CHECK_FALSE(a.intersects({0, 0, 10, 10}));  // touches the top-left corner
}
