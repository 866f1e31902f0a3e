#pragma once
// Real badges for tests: SM1 codes from the badge codec (a fixed test key),
// drawn by the badge renderer (cairo) into grey images.
#include <catch2/catch.hpp>
#include <sodium.h>

#include <memory>
#include <string>

#include "badge/badge_code.hpp"
#include "print/badge_render.hpp"
#include "qr/qr_decoder.hpp"
#include "scene_helpers.hpp"

namespace speedmeet::scan::test {

// Frees cairo's and fontconfig's process-wide font caches at exit, after
// every test (LeakSanitizer would report them). One per program.
inline const print::FontCacheRelease release_fonts_at_exit;

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

inline badge::SigningKey test_key() {
  REQUIRE(sodium_init() >= 0);
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
  seed.fill(7);
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
  crypto_sign_seed_keypair(pk.data(), sk.data(), seed.data());
  return badge::SigningKey(sk);
}

inline print::BadgeFace face(int num, const std::string& code) {
  return {"Speedmeet Test Day 2026", "Participant Number " + std::to_string(num), "Lux Robotics", Role::company, code,
          Language::en, "P" + std::to_string(num)};
}

// Badges of 90 x 55 mm in 2 columns, `rows` rows, at `dpi`.
inline qr::GrayImage badge_sheet(const std::vector<print::BadgeFace>& faces, int rows, double dpi) {
  const double mm = 72.0 / 25.4, scale = dpi / 72.0;
  const double w = 90 * mm, h = 55 * mm, margin = 15 * mm;
  const int width = static_cast<int>((2 * w + 2 * margin) * scale), height = static_cast<int>((rows * h + 2 * margin) * scale);
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  cairo_scale(cr.get(), scale, scale);
  for (std::size_t i = 0; i < faces.size(); ++i)
    print::draw_badge(cr.get(), faces[i], margin + static_cast<double>(i % 2) * w, margin + static_cast<double>(i / 2) * h, w, h);
  return gray_of(surface.get());
}

}  // namespace speedmeet::scan::test
