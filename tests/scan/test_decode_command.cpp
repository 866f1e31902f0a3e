// `speedmeet decode IMAGE...` as a user runs it: real process, real files.
#include <catch2/catch.hpp>

#include <string>

#include "scan/sdl/image_file.hpp"
#include "qr/qr_encoder.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet::scan;
using namespace speedmeet::qr;
using speedmeet::test::run_speedmeet;
using speedmeet::test::TempDir;

TEST_CASE("decode prints PATH<TAB>TEXT per code and exits 0 when every file had one", "[scan][decode-command]") {
  TempDir dir;
  const auto a = dir.file("a.png"), b = dir.file("b.png");
  save_gray_png(render_qr("SM1.first.code", 4), a);
  GrayImage two(400, 200, 255);
  const GrayImage left = render_qr("left", 3), right = render_qr("right", 3);
  for (int y = 0; y < left.height; ++y)
    for (int x = 0; x < left.width; ++x) {
      two.at(10 + x, 20 + y) = left.at(x, y);
      two.at(220 + x, 20 + y) = right.at(x, y);
    }
  save_gray_png(two, b);
  const auto r = run_speedmeet({"decode", a, b});
  CHECK(r.exit_code == 0);
  CHECK(r.out == a + "\tSM1.first.code\n" + b + "\tleft\n" + b + "\tright\n");
  CHECK(r.err.empty());
}

TEST_CASE("decode prints PATH<TAB>- for a file without code and exits 1", "[scan][decode-command]") {
  TempDir dir;
  const auto blank = dir.file("blank.png"), code = dir.file("code.png");
  save_gray_png(GrayImage(200, 100, 200), blank);
  save_gray_png(render_qr("P07", 3), code);
  const auto r = run_speedmeet({"decode", blank, code});
  CHECK(r.exit_code == 1);
  CHECK(r.out == blank + "\t-\n" + code + "\tP07\n");
}

TEST_CASE("decode names unreadable files, still decodes the others, exits 2", "[scan][decode-command]") {
  TempDir dir;
  const auto good = dir.file("good.png");
  save_gray_png(render_qr("fine", 3), good);
  const auto garbage = dir.write("garbage.jpg", "not a jpeg");
  const auto missing = dir.file("missing.png");
  const auto r = run_speedmeet({"decode", garbage, good, missing});
  CHECK(r.exit_code == 2);
  CHECK(r.out == good + "\tfine\n");
  CHECK(r.err.find("speedmeet decode: " + garbage + ": not a readable image") != std::string::npos);
  CHECK(r.err.find("speedmeet decode: " + missing + ": no such file") != std::string::npos);
}

TEST_CASE("decode without images is a usage error", "[scan][decode-command]") {
  const auto r = run_speedmeet({"decode"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("usage: speedmeet decode IMAGE...") != std::string::npos);
  const auto unknown = run_speedmeet({"decode", "--fast", "x.png"});
  CHECK(unknown.exit_code == 2);
}

TEST_CASE("decode escapes tabs and line breaks inside a code", "[scan][decode-command]") {
  TempDir dir;
  const auto path = dir.file("odd.png");
  save_gray_png(render_qr("a\tb\nc\\d", 4), path);
  const auto r = run_speedmeet({"decode", path});
  CHECK(r.exit_code == 0);
  CHECK(r.out == path + "\ta\\tb\\nc\\\\d\n");
}
