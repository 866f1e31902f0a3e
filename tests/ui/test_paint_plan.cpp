// The painter's decisions, without SDL: which regions changed, which texts
// lie on one solid colour, where a full repaint fills the background, and
// how fills and text copies are cut on 16-pixel boundaries.
#include <catch2/catch.hpp>

#include <optional>
#include <vector>

#include "ui/paint_plan.hpp"

using namespace speedmeet::ui;

namespace {

constexpr Color kBg{10, 20, 30, 255};
constexpr Color kPanel{40, 50, 60, 255};
constexpr Color kWhite{255, 255, 255, 255};

TextItem text(Rect box, const std::string& s, int w = 100, int h = 20) {
  TextItem t;
  t.box = box;
  t.text = s;
  t.px = 16;
  t.color = kWhite;
  t.width = w;
  t.height = h;
  return t;
}

DisplayList screen() {
  DisplayList list;
  list.size = {800, 480};
  list.background = kBg;
  list.rects = {{{0, 0, 800, 60}, kPanel, 0}};
  list.texts = {text({10, 10, 300, 40}, "Header"), text({600, 10, 180, 40}, "13:57", 80), text({100, 200, 600, 60}, "Scan your badge", 400, 40)};
  return list;
}

long long area(const std::vector<Rect>& rects) {
  long long a = 0;
  for (const Rect& r : rects) a += static_cast<long long>(r.w) * r.h;
  return a;
}

bool overlap(const std::vector<Rect>& rects) {
  for (std::size_t i = 0; i < rects.size(); ++i)
    for (std::size_t j = i + 1; j < rects.size(); ++j)
      if (rects[i].intersects(rects[j])) return true;
  return false;
}

}  // namespace

TEST_CASE("changed regions: everything first, nothing when equal, the text boxes that changed") {
  const DisplayList list = screen();
  const std::vector<Rect> whole{{0, 0, 800, 480}};
  CHECK(changed_regions(std::nullopt, list) == whole);
  CHECK(changed_regions(list, list).empty());
  DisplayList later = list;
  later.texts[1].text = "13:58";
  later.texts[1].box.x = 604;
  CHECK(changed_regions(list, later) == std::vector<Rect>{list.texts[1].box, later.texts[1].box});
  // Anything but text, a size, or too much text: the whole screen.
  DisplayList moved = list;
  moved.rects[0].color = kBg;
  CHECK(changed_regions(list, moved) == whole);
  DisplayList resized = list;
  resized.size = {1280, 800};
  CHECK(changed_regions(list, resized) == std::vector<Rect>{{0, 0, 1280, 800}});
  DisplayList big = list;
  big.texts[2].box = {0, 100, 800, 380};  // with the old box, over a third of the screen
  CHECK(changed_regions(list, big) == whole);
  DisplayList more = list;
  more.texts.push_back(text({0, 400, 10, 10}, "x"));
  CHECK(changed_regions(list, more) == whole);
}

TEST_CASE("line rects: measured width aligned in the box, height centred") {
  TextItem t = text({100, 50, 300, 40}, "abc", 120, 20);
  CHECK(line_rect(t, 120, 20) == Rect{100, 60, 120, 20});
  t.align = Align::right;
  CHECK(line_rect(t, 120, 20) == Rect{280, 60, 120, 20});
  t.align = Align::center;
  CHECK(text_rect(t) == Rect{190, 60, 120, 20});
}

TEST_CASE("solid grounds: the background, the one opaque rect under a text, or none") {
  DisplayList list = screen();
  auto grounds = solid_grounds(list);
  REQUIRE(grounds.size() == 3);
  CHECK(grounds[0] == kPanel);  // in the header bar
  CHECK(grounds[1] == kPanel);
  CHECK(grounds[2] == kBg);     // on the screen's background
  // A translucent rect over a text, an image beside it, an earlier text
  // under it, a text of translucent colour: blended, no ground.
  DisplayList veiled = list;
  veiled.rects.push_back({{90, 190, 620, 80}, {0, 0, 0, 128}, 0});
  CHECK_FALSE(solid_grounds(veiled)[2]);
  DisplayList pictured = list;
  pictured.images.push_back({{350, 205, 40, 40}, "logo.png"});
  CHECK_FALSE(solid_grounds(pictured)[2]);
  DisplayList stacked = list;
  stacked.texts.push_back(text({100, 200, 600, 60}, "over", 400, 40));
  CHECK_FALSE(solid_grounds(stacked)[3]);
  DisplayList faint = list;
  faint.texts[2].color.a = 200;
  CHECK_FALSE(solid_grounds(faint)[2]);
  // A rect of another colour touching the text without covering it: no
  // single colour under it.
  DisplayList edged = list;
  edged.rects.push_back({{0, 215, 350, 5}, {200, 0, 0, 255}, 0});
  CHECK_FALSE(solid_grounds(edged)[2]);
  // A rounded panel covers a text away from its anti-aliased corners;
  // the ground is opaque whatever the rect's alpha byte said.
  DisplayList rounded = list;
  rounded.rects.push_back({{50, 150, 700, 160}, {70, 80, 90, 255}, 24});
  CHECK(solid_grounds(rounded)[2] == Color{70, 80, 90, 255});
}

TEST_CASE("background parts: the screen less the opaque rects, or one clear when too many") {
  DisplayList list = screen();
  list.rects.push_back({{200, 150, 400, 200}, kPanel, 0});
  list.rects.push_back({{0, 400, 800, 80}, {0, 0, 0, 100}, 0});  // translucent: background under it
  const auto parts = background_parts(list);
  REQUIRE(parts);
  CHECK_FALSE(overlap(*parts));
  for (const Rect& p : *parts) {
    CHECK_FALSE(p.intersects(list.rects[0].rect));
    CHECK_FALSE(p.intersects(list.rects[1].rect));
  }
  CHECK(area(*parts) == 800LL * 480 - 800 * 60 - 400 * 200);
  // A rounded rect leaves its corners to the background.
  DisplayList rounded = screen();
  rounded.rects.push_back({{200, 150, 400, 200}, kPanel, 20});
  const auto around = background_parts(rounded);
  REQUIRE(around);
  CHECK(area(*around) == 800LL * 480 - 800 * 60 - (400 * 200 - 4 * 20 * 20));
  // A board of many cards: one clear is cheaper than the pieces.
  DisplayList board = screen();
  for (int i = 0; i < 40; ++i) board.rects.push_back({{20 + (i % 10) * 78, 80 + (i / 10) * 95, 60, 80}, kPanel, 0});
  CHECK_FALSE(background_parts(board));
}

TEST_CASE("fill spans: an opaque fill's middle on 16-pixel boundaries, ragged ends apart") {
  const Rect r{5, 7, 691, 30};
  const auto spans = fill_spans(r, 255).to_vector();
  REQUIRE(spans.size() == 3);
  CHECK(spans[0] == Rect{5, 7, 11, 30});
  CHECK(spans[1] == Rect{16, 7, 672, 30});
  CHECK(spans[2] == Rect{688, 7, 8, 30});
  CHECK(area(spans) == 691LL * 30);
  CHECK(fill_spans({32, 0, 64, 4}, 255).to_vector() == std::vector<Rect>{{32, 0, 64, 4}});
  CHECK(fill_spans({3, 0, 10, 4}, 255).to_vector() == std::vector<Rect>{{3, 0, 10, 4}});  // inside one line
  CHECK(fill_spans(r, 128).to_vector() == std::vector<Rect>{r});                           // blended whole
  CHECK(fill_spans({0, 0, 0, 5}, 255).empty());
}

TEST_CASE("rounded rects: a cross and four disc quadrants, exactly the rect") {
  const RectItem card{{10, 20, 100, 40}, kPanel, 12};
  const RoundedParts p = rounded_parts(card);
  CHECK(p.radius == 12);
  REQUIRE(p.cross.size() == 3);
  CHECK_FALSE(overlap(p.cross.to_vector()));
  CHECK(area(p.cross.to_vector()) + 4 * 12 * 12 == 100 * 40);
  CHECK(p.corners_dst[0] == Rect{10, 20, 12, 12});
  CHECK(p.corners_dst[3] == Rect{98, 48, 12, 12});
  CHECK(p.corners_src[3] == Rect{12, 12, 12, 12});
  // The radius is at most half the shorter side; 0 is a plain rect.
  CHECK(rounded_parts({{0, 0, 100, 10}, kPanel, 50}).radius == 5);
  const RoundedParts plain = rounded_parts({{1, 2, 3, 4}, kPanel, 0});
  CHECK(plain.radius == 0);
  CHECK(plain.cross.to_vector() == std::vector<Rect>{{1, 2, 3, 4}});
}

TEST_CASE("text copies: blended ink as it is, pre-composed text on 16-pixel boundaries") {
  // A line at x = 203 whose ink is columns 4..93 (90 wide) of its 100.
  const Rect line{203, 50, 100, 30};
  const Rect ink{4, 5, 90, 20};
  TextPixels blended{{500, 0, 90, 20}, ink, ink, false};
  const auto one = text_copies(blended, line);
  REQUIRE(one.size() == 1);
  CHECK(one[0].src == Rect{500, 0, 90, 20});
  CHECK(one[0].dst == Rect{207, 55, 90, 20});
  // Pre-composed: kept columns pad the ink by up to 15 of ground.
  const Rect kept = kept_columns(ink, 100, true);
  CHECK(kept == Rect{0, 5, 100, 20});
  CHECK(kept_columns(ink, 100, false) == ink);
  TextPixels opaque{{300, 40, kept.w, kept.h}, kept, ink, true};
  const auto copies = text_copies(opaque, line);
  REQUIRE(copies.size() == 3);
  // From screen column 203 (kept's left; 192 is not kept) to 303 (kept's right; 304 is not):
  CHECK(copies[0].dst == Rect{203, 55, 5, 20});
  CHECK(copies[1].dst == Rect{208, 55, 80, 20});
  CHECK(copies[2].dst == Rect{288, 55, 15, 20});
  for (const TextCopy& c : copies) {
    CHECK(c.src.w == c.dst.w);
    CHECK(c.src.x - 300 == c.dst.x - 203);  // the same columns of the kept pixels
    CHECK(c.src.y == 40);
  }
}
