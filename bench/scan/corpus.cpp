#include "corpus.hpp"

#include <cairo.h>
#include <sodium.h>

#include <array>
#include <cmath>
#include <stdexcept>

#include "badge/badge_code.hpp"
#include "print/badge_render.hpp"
#include "qr/qr_encoder.hpp"

namespace speedmeet::bench::scan {
namespace {

constexpr double kPixelsPerMm = 8;  // badge source resolution: sharp even at 60% of the frame

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

GrayImage gray_of(cairo_surface_t* surface) {
  cairo_surface_flush(surface);
  const int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  GrayImage gray(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const unsigned char* p = data + y * stride + 4 * x;  // B, G, R, X in memory (little endian)
      gray.at(x, y) = static_cast<std::uint8_t>((117 * p[0] + 601 * p[1] + 306 * p[2] + 512) >> 10);
    }
  return gray;
}

// Canvas helper: a white w x h mm surface at kPixelsPerMm, in mm units.
struct Canvas {
  Surface surface;
  Context cr;
  Canvas(double w_mm, double h_mm)
      : surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, int(w_mm * kPixelsPerMm), int(h_mm * kPixelsPerMm))),
        cr(cairo_create(surface.get())) {
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), kPixelsPerMm, kPixelsPerMm);
  }
  GrayImage gray() { return gray_of(surface.get()); }
};

const char* const kNames[] = {"Ana Lima", "Marc Weber", "Zoë Ĳssel", "Kenji Watanabe", "Fatou Diop",
                              "Léa Martin", "Jonas Bergström", "Priya Raman", "Olek Nowak", "Sofía Herrera"};
const char* const kOrgs[] = {"Lux Robotics", "Quantum Bakery", "Nordlicht Energie GmbH", "Atelier Vert",
                             "Datenfluss AG", "Helios Medical", "Open Fields Cooperative"};

badge::SigningKey corpus_key() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to start");
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
  seed.fill(42);  // a fixed benchmark key: the codes are real SM1 codes, not secrets
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
  crypto_sign_seed_keypair(pk.data(), sk.data(), seed.data());
  return badge::SigningKey(sk);
}

GrayImage text_card(std::mt19937& rng) {
  static const char* const words[] = {"Welcome", "Table", "Round", "Speed", "meeting", "partner", "14:24", "Hall B",
                                      "Coffee", "Exit", "Lux", "Robotics", "Agenda", "QR", "scan", "here", "→"};
  Canvas c(120, 80);
  cairo_select_font_face(c.cr.get(), "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_source_rgb(c.cr.get(), 0, 0, 0);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(words) - 1);
  for (int line = 0; line < 7; ++line) {
    cairo_set_font_size(c.cr.get(), 5 + line % 3 * 2);
    std::string text;
    for (int w = 0; w < 5; ++w) text += std::string(words[pick(rng)]) + " ";
    cairo_move_to(c.cr.get(), 4, 10 + line * 10);
    cairo_show_text(c.cr.get(), text.c_str());
  }
  return c.gray();
}

// Not a QR code, but everything a detector looks at: three finder patterns,
// timing lines, random modules. ZXing finds it and must reject it.
GrayImage fake_qr(std::mt19937& rng) {
  const int n = 41, m = 6, quiet = 4;
  GrayImage img((n + 2 * quiet) * m, (n + 2 * quiet) * m, 255);
  auto module = [&](int x, int y, bool dark) {
    for (int dy = 0; dy < m; ++dy)
      for (int dx = 0; dx < m; ++dx) img.at((quiet + x) * m + dx, (quiet + y) * m + dy) = dark ? 0 : 255;
  };
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) module(x, y, rng() % 2);
  for (auto [ox, oy] : {std::pair{0, 0}, std::pair{n - 7, 0}, std::pair{0, n - 7}}) {
    for (int y = -1; y <= 7; ++y)
      for (int x = -1; x <= 7; ++x) {
        if (ox + x < 0 || oy + y < 0 || ox + x >= n || oy + y >= n) continue;
        const int d = std::max(std::abs(x - 3), std::abs(y - 3));
        module(ox + x, oy + y, d != 2 && d != 4);
      }
  }
  for (int i = 8; i < n - 8; ++i) module(i, 6, i % 2 == 0), module(6, i, i % 2 == 0);
  return img;
}

GrayImage bars(std::mt19937& rng) {  // a 1D barcode or a striped shirt
  GrayImage img(600, 300, 255);
  int x = 30;
  bool dark = true;
  while (x < 570) {
    const int w = 3 * (1 + static_cast<int>(rng() % 4));
    for (int xx = x; xx < std::min(570, x + w); ++xx)
      for (int y = 20; y < 280; ++y) img.at(xx, y) = dark ? 0 : 255;
    x += w;
    dark = !dark;
  }
  return img;
}

GrayImage checker(std::mt19937& rng) {
  const int cell = 4 + static_cast<int>(rng() % 12);
  GrayImage img(480, 480, 255);
  for (int y = 0; y < 480; ++y)
    for (int x = 0; x < 480; ++x) img.at(x, y) = ((x / cell + y / cell) % 2) ? 20 : 235;
  return img;
}

GrayImage dots(std::mt19937& rng) {  // Data Matrix-like module field, no finders
  const int m = 5, n = 60;
  GrayImage img(n * m, n * m, 255);
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (rng() % 2)
        for (int dy = 0; dy < m; ++dy)
          for (int dx = 0; dx < m; ++dx) img.at(x * m + dx, y * m + dy) = 0;
  return img;
}

// A phone in dark mode: the code's modules light on a black screen.
GrayImage phone_screen(const std::string& code) {
  const GrayImage qr = speedmeet::qr::render_qr(code, 8, 3);
  const int w = qr.width + 80, h = qr.width * 2;
  GrayImage phone(w, h, 25);
  for (int y = 30; y < h - 30; ++y)
    for (int x = 20; x < w - 20; ++x) phone.at(x, y) = 8;
  const int ox = (w - qr.width) / 2, oy = (h - qr.height) / 2;
  for (int y = 0; y < qr.height; ++y)
    for (int x = 0; x < qr.width; ++x) phone.at(ox + x, oy + y) = static_cast<std::uint8_t>(qr.at(x, y) ? 12 : 225);
  return phone;
}

// Projects point (u, v) in [0,1]^2 of a card onto its quad (bilinear is
// close enough for placing a thumb).
Point2 on_card(const Quad& q, double u, double v) {
  const Point2 top{q[0].x + (q[1].x - q[0].x) * u, q[0].y + (q[1].y - q[0].y) * u};
  const Point2 bottom{q[3].x + (q[2].x - q[3].x) * u, q[3].y + (q[2].y - q[3].y) * u};
  return {top.x + (bottom.x - top.x) * v, top.y + (bottom.y - top.y) * v};
}

}  // namespace

struct CorpusMaker::Assets {
  std::vector<std::string> codes;
  std::vector<GrayImage> badges;  // 90 x 55 mm, landscape, QR on the right
};

CorpusMaker::CorpusMaker(unsigned seed, int width, int height)
    : seed_(seed), width_(width), height_(height), assets_(std::make_unique<Assets>()) {
  const badge::SigningKey key = corpus_key();
  const Role roles[] = {Role::company, Role::project, Role::staff};
  for (int num = 1; num <= 12; ++num) {
    const std::string code = badge::issue_badge(key, "speedmeet-bench-2026", num, 1 + num % 3);
    Canvas c(90, 55);
    const print::BadgeFace face{"Speedmeet Bench Day 2026", kNames[num % std::size(kNames)],
                                kOrgs[num % std::size(kOrgs)], roles[num % 3], code, Language::en,
                                "B" + std::to_string(num)};
    print::draw_badge(c.cr.get(), face, 0, 0, 90, 55);
    assets_->codes.push_back(code);
    assets_->badges.push_back(c.gray());
  }
}

CorpusMaker::~CorpusMaker() = default;

CorpusFrame CorpusMaker::frame(int index) const {
  std::mt19937 rng(seed_ * 1000003u + static_cast<unsigned>(index));
  std::uniform_real_distribution<double> u(0, 1);
  auto between = [&](double lo, double hi) { return lo + (hi - lo) * u(rng); };
  CorpusFrame out;
  out.image = background(width_, height_, rng);

  const double r = u(rng);
  const bool phone = r >= 0.58 && r < 0.66;
  const bool occluded = r >= 0.66 && r < 0.73;
  const bool empty = r >= 0.73 && r < 0.85;
  const bool decoy = r >= 0.85;

  const double roll = between(-45, 45);
  const bool tilted = u(rng) < 0.6;
  const double pitch = tilted ? between(-35, 35) : between(-8, 8);
  const double yaw = tilted ? between(-35, 35) : between(-8, 8);
  double fraction = between(0.08, 0.60);
  double aspect = 90.0 / 55.0;
  const GrayImage* card = nullptr;
  GrayImage made;
  if (empty) {
    out.kind = "empty";
  } else if (decoy) {
    const int which = static_cast<int>(u(rng) * 5);
    static const char* const names[] = {"decoy-text", "decoy-fake-qr", "decoy-bars", "decoy-checker", "decoy-dots"};
    out.kind = names[which];
    made = which == 0 ? text_card(rng) : which == 1 ? fake_qr(rng) : which == 2 ? bars(rng) : which == 3 ? checker(rng) : dots(rng);
    aspect = double(made.width) / made.height;
    card = &made;
  } else {
    const std::size_t who = static_cast<std::size_t>(u(rng) * static_cast<double>(assets_->codes.size()));
    out.expected = assets_->codes[who];
    if (phone) {
      out.kind = "phone-inverted";
      made = phone_screen(out.expected);
      aspect = double(made.width) / made.height;
      fraction = between(0.2, 0.75);  // a phone shows its code bigger than a badge
      card = &made;
    } else {
      out.kind = occluded ? "occluded" : "badge";
      card = &assets_->badges[who];
    }
  }

  Quad quad{};
  if (card) {
    const double h = fraction * height_;
    const double half_w = h * aspect / 2;
    const double cx = between(std::min(half_w, width_ / 2.0), std::max(width_ - half_w, width_ / 2.0));
    const double cy = between(std::min(h / 2, height_ / 2.0), std::max(height_ - h / 2, height_ / 2.0));
    quad = project_card(aspect, h, cx, cy, roll, pitch, yaw);
    warp_into(out.image, *card, quad);
    out.code_fraction = quad_height(quad) / height_;
    if (occluded) {
      // A thumb over the code (the right part of the badge).
      const Point2 at = on_card(quad, between(0.55, 0.95), between(0.15, 0.85));
      const double radius = between(0.08, 0.22) * quad_height(quad);
      fill_ellipse(out.image, at.x, at.y, radius, radius * 1.6, static_cast<std::uint8_t>(between(90, 170)));
    }
  }

  // The camera's share: light, glare, blur, noise.
  const bool low_light = u(rng) < 0.2;
  if (low_light) apply_light(out.image, between(0.25, 0.5), between(0, 10));
  if (card && u(rng) < 0.2) {
    const Point2 at = on_card(quad, between(0.2, 0.9), between(0.2, 0.8));
    add_glare(out.image, at.x, at.y, between(0.1, 0.4) * quad_height(quad), between(80, 220));
  }
  if (u(rng) < 0.3) gaussian_blur(out.image, between(0.6, 2.2));
  if (u(rng) < 0.25) motion_blur(out.image, between(3, 14), between(0, 180));
  add_noise(out.image, low_light ? between(3, 10) : between(1.5, 6), rng);
  return out;
}

}  // namespace speedmeet::bench::scan
