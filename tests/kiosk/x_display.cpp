#include "x_display.hpp"

#include <chrono>
#include <csignal>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace speedmeet::test {
namespace {

// XWD's header: 25 big-endian 32-bit fields, then the window name.
enum XwdField {
  header_size, file_version, pixmap_format, pixmap_depth, pixmap_width, pixmap_height, xoffset, byte_order,
  bitmap_unit, bitmap_bit_order, bitmap_pad, bits_per_pixel, bytes_per_line, visual_class, red_mask, green_mask,
  blue_mask, bits_per_rgb, colormap_entries, ncolors, field_count = 25
};
constexpr std::size_t kXwdColorBytes = 12;  // one colormap entry
constexpr std::uint32_t kZPixmap = 2;

std::uint32_t read32(const std::string& b, std::size_t at, bool big_endian) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const auto byte = static_cast<std::uint8_t>(b[at + static_cast<std::size_t>(big_endian ? i : 3 - i)]);
    v = (v << 8) | byte;
  }
  return v;
}

std::uint8_t channel(std::uint32_t pixel, std::uint32_t mask) {
  if (mask == 0) return 0;
  int shift = 0;
  while (((mask >> shift) & 1u) == 0) ++shift;
  const std::uint32_t value = (pixel & mask) >> shift, max = mask >> shift;
  return static_cast<std::uint8_t>(value * 255u / max);
}

}  // namespace

XwdImage::XwdImage(const std::string& bytes) {
  if (bytes.size() < field_count * 4) throw std::runtime_error("xwd: the file is shorter than its header");
  auto field = [&](int i) { return read32(bytes, static_cast<std::size_t>(i) * 4, true); };
  if (field(file_version) != 7 || field(pixmap_format) != kZPixmap)
    throw std::runtime_error("xwd: not a version 7 ZPixmap dump");
  const std::uint32_t bpp = field(bits_per_pixel);
  if (bpp != 32 && bpp != 24) throw std::runtime_error("xwd: " + std::to_string(bpp) + " bits a pixel, expected 24 or 32");
  width_ = static_cast<int>(field(pixmap_width));
  height_ = static_cast<int>(field(pixmap_height));
  const std::size_t line = field(bytes_per_line), bytes_pp = bpp / 8;
  const std::size_t start = field(header_size) + field(ncolors) * kXwdColorBytes;
  if (width_ <= 0 || height_ <= 0 || line < static_cast<std::size_t>(width_) * bytes_pp ||
      bytes.size() < start + line * static_cast<std::size_t>(height_))
    throw std::runtime_error("xwd: the image is cut short");
  const bool msb_first = field(byte_order) == 1;
  const std::uint32_t rm = field(red_mask), gm = field(green_mask), bm = field(blue_mask);
  pixels_.resize(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_));
  for (int y = 0; y < height_; ++y)
    for (int x = 0; x < width_; ++x) {
      const std::size_t at = start + static_cast<std::size_t>(y) * line + static_cast<std::size_t>(x) * bytes_pp;
      std::uint32_t v = 0;
      if (bytes_pp == 4) {
        v = read32(bytes, at, msb_first);
      } else {
        for (std::size_t i = 0; i < 3; ++i)
          v |= std::uint32_t{static_cast<std::uint8_t>(bytes[at + (msb_first ? 2 - i : i)])} << (8 * i);
      }
      pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)] = {
          channel(v, rm), channel(v, gm), channel(v, bm)};
    }
}

XvfbServer::XvfbServer(int width, int height) {
  const std::string geometry = std::to_string(width) + "x" + std::to_string(height) + "x24";
  // timeout(1) ends the server after the suite's own time limit, should
  // the test process die without its destructors; it relays our SIGTERM.
  server_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{"/usr/bin/timeout", "600", "/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", geometry,
                               "-nolisten", "tcp", "-br", "-noreset"},
      dir_.file("display"), dir_.file("xvfb.log"));
  // -displayfd: the number is written once the server accepts clients.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(dir_.file("display"));
    std::string number;
    if (std::getline(in, number) && !in.eof() && !number.empty()) {
      display_ = ":" + number;
      return;
    }
    if (!server_->running()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("Xvfb did not start: " + read_file(dir_.file("xvfb.log")));
}

XvfbServer::~XvfbServer() {
  server_->kill(SIGTERM);
  server_->wait();
}

XwdImage XvfbServer::screenshot() const {
  const std::string path = dir_.file("screen.xwd");
  const auto r = run_process({"/usr/bin/xwd", "-display", display_, "-root", "-silent", "-out", path});
  if (r.exit_code != 0) throw std::runtime_error("xwd failed: " + r.err);
  return XwdImage(read_file(path));
}

}  // namespace speedmeet::test
