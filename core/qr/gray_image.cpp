#include "qr/gray_image.hpp"

#include <algorithm>
#include <stdexcept>

namespace speedmeet::qr {

GrayImage::GrayImage(int w, int h, std::uint8_t fill) : width(w), height(h) {
  if (w < 0 || h < 0) throw std::invalid_argument("GrayImage: negative size");
  pixels.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), fill);
}

GrayImage inverted(const GrayImage& image) {
  GrayImage out = image;
  for (auto& p : out.pixels) p = static_cast<std::uint8_t>(255 - p);
  return out;
}

GrayImage halved(const GrayImage& image) {
  GrayImage out(image.width / 2, image.height / 2);
  for (int y = 0; y < out.height; ++y) {
    const std::uint8_t* a = image.row(2 * y);
    const std::uint8_t* b = image.row(2 * y + 1);
    std::uint8_t* o = out.row(y);
    for (int x = 0; x < out.width; ++x) {
      const int sum = a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1];
      o[x] = static_cast<std::uint8_t>((sum + 2) / 4);
    }
  }
  return out;
}

GrayImage cropped(const GrayImage& image, int x, int y, int width, int height, bool negative) {
  const int x0 = std::clamp(x, 0, image.width), y0 = std::clamp(y, 0, image.height);
  const int x1 = std::clamp(x + width, x0, image.width), y1 = std::clamp(y + height, y0, image.height);
  GrayImage out(x1 - x0, y1 - y0);
  for (int row = 0; row < out.height; ++row) {
    const std::uint8_t* src = image.row(y0 + row) + x0;
    std::uint8_t* dst = out.row(row);
    for (int col = 0; col < out.width; ++col) dst[col] = negative ? static_cast<std::uint8_t>(255 - src[col]) : src[col];
  }
  return out;
}

}  // namespace speedmeet::qr
