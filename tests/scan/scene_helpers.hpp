#pragma once
// Small picture tools for the scanning tests: place a rendered code into a
// camera-sized scene, rotated and scaled, and turn cairo surfaces into grey.
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <random>

#include "qr/gray_image.hpp"

namespace speedmeet::scan::test {

// Draws `src` into `dst` centred at (cx, cy), rotated by `degrees` and scaled
// by `scale`, with bilinear sampling; pixels outside `src` are left alone.
inline void place(qr::GrayImage& dst, const qr::GrayImage& src, double cx, double cy, double degrees, double scale = 1.0) {
  const double a = degrees * M_PI / 180.0;
  const double c = std::cos(a) / scale, s = std::sin(a) / scale;
  const double half_w = src.width / 2.0, half_h = src.height / 2.0;
  const double reach = std::hypot(half_w, half_h) * scale + 2;
  for (int y = std::max(0, int(cy - reach)); y < std::min(dst.height, int(cy + reach)); ++y)
    for (int x = std::max(0, int(cx - reach)); x < std::min(dst.width, int(cx + reach)); ++x) {
      const double dx = x - cx, dy = y - cy;
      const double u = c * dx + s * dy + half_w - 0.5, v = -s * dx + c * dy + half_h - 0.5;
      if (u < 0 || v < 0 || u > src.width - 1 || v > src.height - 1) continue;
      const int u0 = int(u), v0 = int(v);
      const int u1 = std::min(u0 + 1, src.width - 1), v1 = std::min(v0 + 1, src.height - 1);
      const double fu = u - u0, fv = v - v0;
      const double top = src.at(u0, v0) * (1 - fu) + src.at(u1, v0) * fu;
      const double bottom = src.at(u0, v1) * (1 - fu) + src.at(u1, v1) * fu;
      dst.at(x, y) = static_cast<std::uint8_t>(top * (1 - fv) + bottom * fv + 0.5);
    }
}

inline void add_noise(qr::GrayImage& image, double sigma, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0, sigma);
  for (auto& p : image.pixels) p = static_cast<std::uint8_t>(std::clamp(p + noise(rng), 0.0, 255.0));
}

// Grey of a CAIRO_FORMAT_RGB24 / ARGB32 image surface.
inline qr::GrayImage gray_of(cairo_surface_t* surface) {
  cairo_surface_flush(surface);
  const int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  qr::GrayImage gray(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint32_t px;
      std::memcpy(&px, data + y * stride + 4 * x, 4);
      const unsigned r = (px >> 16) & 0xFF, g = (px >> 8) & 0xFF, b = px & 0xFF;
      gray.at(x, y) = static_cast<std::uint8_t>((306 * r + 601 * g + 117 * b + 512) >> 10);
    }
  return gray;
}

}  // namespace speedmeet::scan::test
