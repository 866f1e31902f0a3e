// Real badges (badge codec + badge renderer): a sheet of 8 through `speedmeet decode`.
#include <catch2/catch.hpp>

#include "badge_helpers.hpp"
#include "scan/sdl/image_file.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::scan::test;
using speedmeet::qr::GrayImage;

TEST_CASE("speedmeet decode reads all 8 badges of a sheet, in reading order", "[scan][badge]") {
  const auto key = test_key();
  std::vector<print::BadgeFace> faces;
  std::vector<std::string> codes;
  for (int num = 1; num <= 8; ++num) {
    codes.push_back(badge::issue_badge(key, "speedmeet-test", num, 1));
    faces.push_back(face(num, codes.back()));
  }
  test::TempDir dir;
  const auto path = dir.file("sheet.png");
  scan::save_gray_png(badge_sheet(faces, 4, 150), path);
  const auto r = test::run_speedmeet({"decode", path});
  CHECK(r.exit_code == 0);
  std::string expected;
  for (const auto& c : codes) expected += path + "\t" + c + "\n";
  CHECK(r.out == expected);
}
