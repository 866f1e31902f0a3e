#pragma once
// The one picture type of QR decoding: 8-bit grayscale, rows packed.
// Every source (camera, files, tests) converts to this once; the decoder
// never sees colour.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace speedmeet::qr {

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width * height bytes, row after row

  GrayImage() = default;
  GrayImage(int w, int h, std::uint8_t fill = 0);

  bool empty() const { return width <= 0 || height <= 0; }
  std::uint8_t at(int x, int y) const { return pixels[index(x, y)]; }
  std::uint8_t& at(int x, int y) { return pixels[index(x, y)]; }
  const std::uint8_t* row(int y) const { return pixels.data() + index(0, y); }
  std::uint8_t* row(int y) { return pixels.data() + index(0, y); }

 private:
  std::size_t index(int x, int y) const {
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x);
  }
};

// The negative of an image (dark-mode phone screens show light modules on dark).
GrayImage inverted(const GrayImage& image);
// Half the width and height, each output pixel the mean of a 2x2 block.
GrayImage halved(const GrayImage& image);
// A copy of the rectangle (clipped to the image), optionally as its negative.
GrayImage cropped(const GrayImage& image, int x, int y, int width, int height, bool negative = false);

}  // namespace speedmeet::qr
