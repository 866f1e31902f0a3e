// The one QR encoder (core/qr): the settings docs/BADGES.md promises, read
// back by ZXing and by our decoder, and render_qr drawing exactly its modules.
#define ZX_USE_UTF8 1  // ZXing 1.4: Result::text() as UTF-8 std::string
#include <ZXing/ReadBarcode.h>

#include <catch2/catch.hpp>
#include <string>

#include "qr/qr_decoder.hpp"
#include "qr/qr_encoder.hpp"

using namespace speedmeet::qr;

namespace {

struct Read {
  std::string text;
  std::string ec_level;
  bool eci = false;
};

Read read_back(const std::string& text) {
  const GrayImage image = render_qr(text, 3);
  const auto r = ZXing::ReadBarcode({image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum},
                                    ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
  REQUIRE(r.isValid());
  return {r.text(), r.ecLevel(), r.hasECI()};
}

}  // namespace

TEST_CASE("encode_qr: level M, ASCII as plain bytes, other text as UTF-8 behind an ECI", "[qr][encoder]") {
  const Read ascii = read_back("SM1.AbC-_09.xyz");
  CHECK(ascii.text == "SM1.AbC-_09.xyz");
  CHECK(ascii.ec_level == "M");
  CHECK_FALSE(ascii.eci);

  const std::string external = "Zo\u00eb-\u65e5\u672c-7";  // outside Latin-1 too
  const Read utf8 = read_back(external);
  CHECK(utf8.text == external);
  CHECK(utf8.ec_level == "M");
  CHECK(utf8.eci);
  const auto ours = QrDecoder::decode_all(render_qr(external, 4));  // the kiosk's decoder agrees
  REQUIRE(ours.size() == 1);
  CHECK(ours[0].text == external);
}

TEST_CASE("encode_qr picks the smallest version for the mode the text needs", "[qr][encoder]") {
  // Version 1 at level M holds 20 alphanumeric characters but 14 bytes.
  CHECK(encode_qr("ABCDEFGHIJ0123456789").version() == 1);
  CHECK(encode_qr("abcdefghij0123456789").version() == 2);
  // Version 6 holds 106 bytes: the longest SM1 badge (105) fits with room.
  // ASCII carries no ECI header: 106 lower-case letters still fit version 6.
  CHECK(encode_qr(std::string(106, 'a')).version() == 6);
  CHECK(encode_qr(std::string(107, 'a')).version() == 7);
  // 53 x "é" is 106 UTF-8 bytes, and its ECI header pushes it to version 7.
  std::string accents;
  for (int i = 0; i < 53; ++i) accents += "\u00e9";
  CHECK(encode_qr(accents).version() == 7);
  const QrSymbol symbol = encode_qr("x");
  CHECK(symbol.size == 21);
  CHECK(symbol.dark.size() == 21u * 21u);
}

TEST_CASE("encode_qr refuses empty text, broken UTF-8 and text too long for any QR code", "[qr][encoder]") {
  CHECK_THROWS_AS(encode_qr(""), std::invalid_argument);
  CHECK_THROWS_AS(encode_qr("caf\xc3"), std::invalid_argument);
  CHECK_THROWS_AS(encode_qr("\xed\xa0\x80"), std::invalid_argument);  // a surrogate
  CHECK_THROWS_AS(encode_qr(std::string(2332, 'a')), std::invalid_argument);  // version 40-M holds 2,331 bytes
  CHECK(encode_qr(std::string(2331, 'a')).version() == 40);
  CHECK_THROWS_AS(render_qr("x", 0), std::invalid_argument);
  CHECK_THROWS_AS(render_qr("x", 1, -1), std::invalid_argument);
}

TEST_CASE("render_qr draws exactly the encoder's modules, black on white, inside the quiet zone", "[qr][encoder]") {
  const std::string text = "SM1.render";
  const QrSymbol symbol = encode_qr(text);
  const int pixels = 3, quiet = 4;
  const GrayImage image = render_qr(text, pixels, quiet);
  REQUIRE(image.width == (symbol.size + 2 * quiet) * pixels);
  REQUIRE(image.height == image.width);
  int wrong = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const int mx = x / pixels - quiet, my = y / pixels - quiet;
      const bool inside = mx >= 0 && my >= 0 && mx < symbol.size && my < symbol.size;
      const std::uint8_t expected = inside && symbol.at(mx, my) ? 0 : 255;
      wrong += image.at(x, y) != expected;
    }
  CHECK(wrong == 0);
  CHECK(render_qr(text, 1, 0).width == symbol.size);
}
