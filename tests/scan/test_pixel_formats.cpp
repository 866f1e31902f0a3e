// Camera bytes to grey: YUYV keeps the Y bytes, MJPEG decodes to luma.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>

#include "jpeg_helpers.hpp"
#include "qr/pixel_formats.hpp"

using namespace speedmeet::scan;
using namespace speedmeet::qr;

namespace {

// A colourful test card: gradients in all three channels plus hard edges.
std::vector<std::uint8_t> test_card(int w, int h) {
  std::vector<std::uint8_t> rgb(static_cast<std::size_t>(w * h * 3));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto* p = &rgb[static_cast<std::size_t>((y * w + x) * 3)];
      p[0] = static_cast<std::uint8_t>(x * 255 / (w - 1));
      p[1] = static_cast<std::uint8_t>(y * 255 / (h - 1));
      p[2] = static_cast<std::uint8_t>(((x / 16 + y / 16) % 2) ? 220 : 30);
    }
  return rgb;
}

double mean_abs_luma_error(const GrayImage& gray, const std::vector<std::uint8_t>& rgb) {
  double sum = 0;
  for (int y = 0; y < gray.height; ++y)
    for (int x = 0; x < gray.width; ++x) {
      const auto* p = &rgb[static_cast<std::size_t>((y * gray.width + x) * 3)];
      const double luma = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
      sum += std::abs(luma - gray.at(x, y));
    }
  return sum / (gray.width * gray.height);
}

}  // namespace

TEST_CASE("YUYV: the grey image is the Y bytes", "[scan][pixels]") {
  // 4x2 pixels: Y0 U Y1 V per pair; chroma bytes must be ignored.
  const std::vector<std::uint8_t> yuyv{10, 200, 20, 201, 30, 202, 40, 203,   //
                                       50, 204, 60, 205, 70, 206, 80, 207};
  const GrayImage g = yuyv_luma(yuyv.data(), yuyv.size(), 4, 2);
  CHECK(g.width == 4);
  CHECK(g.height == 2);
  CHECK(g.pixels == std::vector<std::uint8_t>{10, 20, 30, 40, 50, 60, 70, 80});
}

TEST_CASE("YUYV with padded lines skips the padding", "[scan][pixels]") {
  const std::vector<std::uint8_t> yuyv{1, 0, 2, 0, 0xEE, 0xEE,  //
                                       3, 0, 4, 0, 0xEE, 0xEE};
  const GrayImage g = yuyv_luma(yuyv.data(), yuyv.size(), 2, 2, 6);
  CHECK(g.pixels == std::vector<std::uint8_t>{1, 2, 3, 4});
  const GrayImage grey = grey_rows(yuyv.data(), yuyv.size(), 3, 2, 6);
  CHECK(grey.pixels == std::vector<std::uint8_t>{1, 0, 2, 3, 0, 4});
}

TEST_CASE("short or absurd frames are refused, not read past their end", "[scan][pixels]") {
  const std::vector<std::uint8_t> bytes(100, 0);
  CHECK_THROWS_AS(yuyv_luma(bytes.data(), bytes.size(), 10, 10), FrameFormatError);
  CHECK_THROWS_AS(yuyv_luma(bytes.data(), bytes.size(), 0, 10), FrameFormatError);
  CHECK_THROWS_AS(yuyv_luma(bytes.data(), bytes.size(), 5, 2, 8), FrameFormatError);  // line shorter than 2*width
  CHECK_THROWS_AS(grey_rows(bytes.data(), bytes.size(), 100000, 1), FrameFormatError);
  CHECK_NOTHROW(yuyv_luma(bytes.data(), bytes.size(), 5, 10));
}

TEST_CASE("MJPEG frames decode straight to luma", "[scan][pixels]") {
  const int w = 320, h = 240;
  const auto rgb = test_card(w, h);
  MjpegDecoder decoder;
  for (int subsampling : {TJSAMP_422, TJSAMP_420, TJSAMP_444}) {
    CAPTURE(subsampling);
    const auto jpeg = speedmeet::scan::test::jpeg_of_rgb(rgb, w, h, subsampling);
    const GrayImage g = decoder.decode(jpeg.data(), jpeg.size());
    REQUIRE(g.width == w);
    REQUIRE(g.height == h);
    CHECK(mean_abs_luma_error(g, rgb) < 3.0);
  }
}

TEST_CASE("MJPEG frames without Huffman tables (UVC cameras) decode", "[scan][pixels]") {
  const int w = 160, h = 120;
  const auto rgb = test_card(w, h);
  const auto jpeg = speedmeet::scan::test::jpeg_of_rgb(rgb, w, h);
  const auto bare = speedmeet::scan::test::without_huffman_tables(jpeg);
  REQUIRE(bare.size() < jpeg.size());
  MjpegDecoder decoder;
  const GrayImage g = decoder.decode(bare.data(), bare.size());
  CHECK(g.width == w);
  CHECK(mean_abs_luma_error(g, rgb) < 3.0);
}

TEST_CASE("broken MJPEG frames are refused with FrameFormatError", "[scan][pixels]") {
  MjpegDecoder decoder;
  const std::vector<std::uint8_t> garbage(500, 0x5A);
  CHECK_THROWS_AS(decoder.decode(garbage.data(), garbage.size()), FrameFormatError);
  CHECK_THROWS_AS(decoder.decode(garbage.data(), 2), FrameFormatError);
  // A truncated frame either decodes partially (a warning) or is refused; never crashes.
  const auto rgb = test_card(160, 120);
  const auto jpeg = speedmeet::scan::test::jpeg_of_rgb(rgb, 160, 120);
  try {
    const GrayImage g = decoder.decode(jpeg.data(), jpeg.size() / 2);
    CHECK(g.width == 160);
  } catch (const FrameFormatError&) {
    SUCCEED("refused");
  }
  // The decoder keeps working after errors.
  CHECK(decoder.decode(jpeg.data(), jpeg.size()).height == 120);
}
