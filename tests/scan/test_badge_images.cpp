// Real badges (badge codec + badge renderer) through the camera mode.
#include <catch2/catch.hpp>

#include "badge_helpers.hpp"
#include "scan/sdl/image_file.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::scan::test;
using speedmeet::qr::GrayImage;


TEST_CASE("a printed badge held up to the camera decodes in camera mode", "[scan][badge]") {
  const auto key = test_key();
  const std::string code = badge::issue_badge(key, "speedmeet-test", 7, 1);
  const GrayImage badge = badge_sheet({face(7, code)}, 1, 200);
  GrayImage frame(1280, 720, 90);
  scan::test::place(frame, badge, 640, 360, 12, 0.9);
  qr::QrDecoder decoder;
  const auto codes = decoder.decode_frame(frame);
  REQUIRE(codes.size() == 1);
  CHECK(codes[0].text == code);
}

