// Image files to grey: PNG, JPEG and WebP through SDL2_image; folders;
// replay of a folder as frames; unreadable files named.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "jpeg_helpers.hpp"
#include "scan/sdl/image_file.hpp"
#include "qr/qr_decoder.hpp"
#include "qr/qr_encoder.hpp"
#include "scan/replay_source.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet::scan;
using namespace speedmeet::qr;
using speedmeet::test::TempDir;

namespace {

// A lossless WebP (58x58) of the QR code "webp-badge-42", made with libwebp.
const std::uint8_t kWebpQr[] = {
#include "webp_qr.inc"
};

std::string bytes_of(const std::uint8_t* data, std::size_t n) {
  return std::string(reinterpret_cast<const char*>(data), n);
}

}  // namespace

TEST_CASE("PNG round trip keeps every grey level", "[scan][files]") {
  TempDir dir;
  GrayImage image(256, 3);
  for (int x = 0; x < 256; ++x)
    for (int y = 0; y < 3; ++y) image.at(x, y) = static_cast<std::uint8_t>(x);
  save_gray_png(image, dir.file("ramp.png"));
  const GrayImage back = load_gray_image(dir.file("ramp.png"));
  CHECK(back.width == 256);
  CHECK(back.height == 3);
  CHECK(back.pixels == image.pixels);
}

TEST_CASE("a JPEG photo of a code loads as grey and decodes", "[scan][files]") {
  TempDir dir;
  const GrayImage qr = render_qr("jpeg-badge-7", 4);
  std::vector<std::uint8_t> rgb;
  for (auto p : qr.pixels) rgb.insert(rgb.end(), {p, static_cast<std::uint8_t>(p / 2 + 100), p});  // tinted
  const auto jpeg = speedmeet::scan::test::jpeg_of_rgb(rgb, qr.width, qr.height, TJSAMP_420, 80);
  const auto path = dir.write("photo.JPG", bytes_of(jpeg.data(), jpeg.size()));
  const GrayImage gray = load_gray_image(path);
  CHECK(gray.width == qr.width);
  const auto codes = QrDecoder::decode_all(gray);
  REQUIRE(codes.size() == 1);
  CHECK(codes[0].text == "jpeg-badge-7");
}

TEST_CASE("a WebP image loads and decodes", "[scan][files]") {
  TempDir dir;
  const auto path = dir.write("screen.webp", bytes_of(kWebpQr, sizeof kWebpQr));
  const GrayImage gray = load_gray_image(path);
  CHECK(gray.width == 58);
  const auto codes = QrDecoder::decode_all(gray);
  REQUIRE(codes.size() == 1);
  CHECK(codes[0].text == "webp-badge-42");
}

TEST_CASE("unreadable files are refused with their name and the reason", "[scan][files]") {
  TempDir dir;
  auto message_of = [](const std::string& path) {
    try {
      load_gray_image(path);
    } catch (const ImageFileError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message_of(dir.file("absent.png")) == dir.file("absent.png") + ": no such file");
  CHECK(message_of(dir.path().string()) == dir.path().string() + ": not a regular file");
  const auto garbage = dir.write("garbage.png", "this is not a PNG at all");
  CHECK(message_of(garbage).rfind(garbage + ": not a readable image", 0) == 0);
  const auto empty = dir.write("empty.jpg", "");
  CHECK(message_of(empty).rfind(empty + ": not a readable image", 0) == 0);
  // Too large: refused before decoding (a sparse file costs no disk).
  const auto huge = dir.file("huge.png");
  std::ofstream(huge).put('x');
  std::filesystem::resize_file(huge, kMaxImageFileBytes + 1);
  CHECK(message_of(huge).find("file too large") != std::string::npos);
}

TEST_CASE("a folder lists its images sorted; a missing folder is named", "[scan][files]") {
  TempDir dir;
  save_gray_png(render_qr("b", 2), dir.file("b.png"));
  save_gray_png(render_qr("a", 2), dir.file("a.PNG"));
  dir.write("notes.txt", "not an image");
  std::filesystem::create_directory(dir.path() / "sub.png");
  const auto files = image_files_in(dir.path().string());
  REQUIRE(files.size() == 2);
  CHECK(std::filesystem::path(files[0]).filename() == "a.PNG");
  CHECK(std::filesystem::path(files[1]).filename() == "b.png");
  CHECK_THROWS_AS(image_files_in(dir.file("nope")), ImageFileError);
  CHECK_THROWS_AS(ReplaySource::from_folder(dir.file("nope"), {}), ImageFileError);
}

TEST_CASE("a replayed folder plays once, or loops up to a frame limit", "[scan][files]") {
  TempDir dir;
  for (int i = 0; i < 3; ++i) save_gray_png(render_qr("frame-" + std::to_string(i), 2), dir.file(std::to_string(i) + ".png"));
  ReplaySettings once;
  once.frames_per_second = 0;  // as fast as read
  auto source = ReplaySource::from_folder(dir.path().string(), once);
  std::vector<std::string> seen;
  while (auto frame = source.next_frame(std::chrono::milliseconds(10))) {
    seen.push_back(QrDecoder::decode_all(frame->image).at(0).text);
    CHECK(frame->sequence == seen.size() - 1);
  }
  CHECK(seen == std::vector<std::string>{"frame-0", "frame-1", "frame-2"});
  CHECK(source.finished());

  ReplaySettings looping;
  looping.frames_per_second = 200;
  looping.loop = true;
  looping.frame_limit = 7;
  auto loop_source = ReplaySource::from_folder(dir.path().string(), looping);
  int frames = 0;
  ScanTime previous{};
  while (!loop_source.finished()) {
    if (auto frame = loop_source.next_frame(std::chrono::milliseconds(100))) {
      CHECK(frame->arrived >= previous);
      previous = frame->arrived;
      ++frames;
    }
  }
  CHECK(frames == 7);
}
