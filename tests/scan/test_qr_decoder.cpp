// The decoder on real rendered QR codes: camera mode (fast cascade) and
// thorough mode (whole files), and silence on pictures without QR codes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>

#include "qr/finder_scan.hpp"
#include "qr/qr_decoder.hpp"
#include "qr/qr_encoder.hpp"
#include "scene_helpers.hpp"

using namespace speedmeet::scan;
using namespace speedmeet::qr;
using speedmeet::scan::test::add_noise;
using speedmeet::scan::test::place;

namespace {

const std::string kBadge = "SM1.eyJlIjoic3BlZWRtZWV0LTIwMjYiLCJwIjoiUDA3IiwicyI6MX0.k3Jd9Qz0vYx8mT2aLw5nR7cE1uHb6sPq4jFgK0iOyZtXcVbNmAsDfGhJkLqWeRt";

GrayImage scene(std::uint8_t background = 150) { return GrayImage(1280, 720, background); }

std::vector<std::string> texts(const std::vector<DecodedCode>& codes) {
  std::vector<std::string> out;
  for (const auto& c : codes) out.push_back(c.text);
  return out;
}

}  // namespace

TEST_CASE("a large code is found by the fast pass alone", "[scan][decoder]") {
  auto frame = scene();
  place(frame, render_qr(kBadge, 6), 640, 360, 0);
  QrDecoder decoder;
  const auto codes = decoder.decode_frame(frame);
  REQUIRE(texts(codes) == std::vector<std::string>{kBadge});
  CHECK(decoder.last_passes().fast);
  CHECK_FALSE(decoder.last_passes().full);
  CHECK_FALSE(decoder.last_passes().whole_frame);
  CHECK(decoder.last_passes().regions >= 1);
  CHECK_FALSE(codes[0].inverted);
  // Corners are reported in frame pixels, around the centre.
  for (const auto& p : codes[0].corners) {
    CHECK(std::abs(p.x - 640) < 200);
    CHECK(std::abs(p.y - 360) < 200);
  }
}

TEST_CASE("a small, rotated, noisy code is found around its finder patterns", "[scan][decoder]") {
  auto frame = scene();
  place(frame, render_qr(kBadge, 2), 300, 500, 33);
  add_noise(frame, 4, 7);
  QrDecoder decoder;
  const auto codes = decoder.decode_frame(frame);
  REQUIRE(texts(codes) == std::vector<std::string>{kBadge});
  CHECK(decoder.last_passes().finder_candidates >= 2);
  CHECK(decoder.last_passes().regions >= 1);
  CHECK_FALSE(decoder.last_passes().whole_frame);
  // Corners land around where the code was placed.
  for (const auto& p : codes[0].corners) {
    CHECK(std::abs(p.x - 300) < 120);
    CHECK(std::abs(p.y - 500) < 120);
  }
}

TEST_CASE("frames without finder patterns cost only the scan, but for the periodic safety net", "[scan][decoder]") {
  QrDecoder::Settings settings;
  settings.whole_frame_every = 2;
  QrDecoder decoder(settings);
  const auto frame = scene();
  std::vector<bool> whole;
  for (int i = 0; i < 6; ++i) {
    CHECK(decoder.decode_frame(frame).empty());
    CHECK(decoder.last_passes().regions == 0);
    CHECK_FALSE(decoder.last_passes().fast);
    whole.push_back(decoder.last_passes().whole_frame);
  }
  CHECK(whole == std::vector<bool>{false, true, false, true, false, true});

  settings.whole_frame_every = 0;
  QrDecoder never(settings);
  for (int i = 0; i < 6; ++i) {
    never.decode_frame(frame);
    CHECK_FALSE(never.last_passes().whole_frame);
  }
}

TEST_CASE("codes at many angles and sizes decode", "[scan][decoder]") {
  QrDecoder decoder;
  for (int module : {2, 3, 5}) {
    for (int angle : {-45, -20, 0, 10, 45, 90, 180}) {
      CAPTURE(module, angle);
      auto frame = scene(120);
      place(frame, render_qr(kBadge, module), 700, 380, angle);
      CHECK(texts(decoder.decode_frame(frame)) == std::vector<std::string>{kBadge});
    }
  }
}

TEST_CASE("a light-on-dark code (dark-mode phone screen) decodes", "[scan][decoder]") {
  auto frame = scene(30);
  place(frame, inverted(render_qr("https://example.org/ticket/4711", 3)), 500, 300, 15);
  QrDecoder decoder;
  const auto codes = decoder.decode_frame(frame);
  REQUIRE(texts(codes) == std::vector<std::string>{"https://example.org/ticket/4711"});
  CHECK(codes[0].inverted);
  CHECK(decoder.last_passes().inverted);
  CHECK(decoder.last_passes().inverted_finder_candidates >= 2);
  CHECK_FALSE(decoder.last_passes().whole_frame);  // found through its finder patterns, not by luck
}

TEST_CASE("UTF-8 text survives the round trip", "[scan][decoder]") {
  const std::string text = "Zoë Ĳssel — 東京 · Ünïcødé";
  auto frame = scene();
  place(frame, render_qr(text, 5), 640, 360, 0);
  QrDecoder decoder;
  CHECK(texts(decoder.decode_frame(frame)) == std::vector<std::string>{text});
  CHECK(texts(QrDecoder::decode_all(frame)) == std::vector<std::string>{text});
}

TEST_CASE("pictures without a QR code give nothing", "[scan][decoder]") {
  std::mt19937 rng(42);
  std::vector<GrayImage> frames;
  frames.push_back(scene());  // flat
  auto noisy = scene();
  add_noise(noisy, 25, 1);
  frames.push_back(noisy);
  // Random black and white blocks: lots of edges, module-like squares.
  GrayImage blocks(1280, 720, 255);
  for (int by = 0; by < 720 / 6; ++by)
    for (int bx = 0; bx < 1280 / 6; ++bx)
      if (rng() % 2)
        for (int y = 0; y < 6; ++y)
          for (int x = 0; x < 6; ++x) blocks.at(bx * 6 + x, by * 6 + y) = 0;
  frames.push_back(blocks);
  // Stripes like a 1:1:3:1:1 finder everywhere, in one direction only.
  GrayImage stripes(1280, 720, 255);
  for (int y = 0; y < 720; ++y)
    for (int x = 0; x < 1280; ++x) {
      const int m = x % 12;
      stripes.at(x, y) = (m < 2 || (m >= 4 && m < 8) || (m >= 10)) ? 0 : 255;
    }
  frames.push_back(stripes);

  QrDecoder decoder;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    CAPTURE(i);
    for (int repeat = 0; repeat < 8; ++repeat) CHECK(decoder.decode_frame(frames[i]).empty());  // incl. periodic inverted pass
    CHECK(QrDecoder::decode_all(halved(frames[i])).empty());  // thorough mode is slow in Debug builds: a smaller picture
  }
}

TEST_CASE("thorough mode finds every code of a sheet, in reading order", "[scan][decoder]") {
  GrayImage sheet(1240, 1754, 255);
  std::vector<std::string> expected;
  for (int i = 0; i < 8; ++i) {
    expected.push_back("SM1.badge-" + std::to_string(i) + ".c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU");
    const double cx = (i % 2) * 620 + 310 + (i % 3) * 7;  // slightly uneven, like a scan
    const double cy = (i / 2) * 438 + 219;
    place(sheet, render_qr(expected.back(), 3), cx, cy, (i % 2) ? 1.5 : -1.0);
  }
  CHECK(texts(QrDecoder::decode_all(sheet)) == expected);
}

TEST_CASE("the reference settings decode too (benchmark baselines)", "[scan][decoder]") {
  auto frame = scene();
  place(frame, render_qr(kBadge, 3), 640, 360, 20);
  CHECK(reference::zxing_full_effort(frame) == std::vector<std::string>{kBadge});
  CHECK(reference::zxing_default_hints(frame) == std::vector<std::string>{kBadge});
  CHECK(reference::zxing_full_effort(scene()).empty());
}

TEST_CASE("finder scan sees the three finder patterns of a code", "[scan][decoder]") {
  auto frame = scene();
  const int module = 3;
  const int symbol = render_qr(kBadge, 1, 0).width;  // modules per side
  const int side = (symbol + 8) * module;
  place(frame, render_qr(kBadge, module), 400, 300, 0);
  const FinderScan scan = scan_finder_patterns(frame);
  // Finder centres sit 3.5 modules inside the symbol's corners.
  const double near = 400 - side / 2.0 + (4 + 3.5) * module, far = near + (symbol - 7) * module;
  const double top = 300 - side / 2.0 + (4 + 3.5) * module, bottom = top + (symbol - 7) * module;
  for (const auto& [x, y] : {std::pair{near, top}, std::pair{far, top}, std::pair{near, bottom}}) {
    CAPTURE(x, y);
    const bool found = std::any_of(scan.dark_on_light.begin(), scan.dark_on_light.end(), [&](const FinderCandidate& c) {
      return std::abs(c.x - x) <= 2 * module && std::abs(c.y - y) <= 2 * module && c.hits >= 2;
    });
    CHECK(found);
  }
  const auto regions = regions_around(scan.dark_on_light, frame.width, frame.height);
  REQUIRE(regions.size() == 1);
  // The region holds the whole symbol, on the 8-pixel grid.
  const PixelRect& r = regions[0].rect;
  CHECK(r.x <= 400 - side / 2);
  CHECK(r.x + r.width >= 400 + side / 2);
  CHECK(r.y <= 300 - side / 2);
  CHECK(r.y + r.height >= 300 + side / 2);
  CHECK(r.x % 8 == 0);
  CHECK(r.y % 8 == 0);
  CHECK(regions[0].module == Approx(module).margin(0.8));
  CHECK(scan_finder_patterns(scene()).dark_on_light.empty());
}

TEST_CASE("tiny or empty images are handled", "[scan][decoder]") {
  QrDecoder decoder;
  CHECK(decoder.decode_frame(GrayImage()).empty());
  CHECK(decoder.decode_frame(GrayImage(10, 10, 0)).empty());
  CHECK(QrDecoder::decode_all(GrayImage(3, 300, 0)).empty());
}
