#include "scene.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace speedmeet::bench::scan {
namespace {

using Matrix3 = std::array<double, 9>;

// The homography taking the unit-free rectangle corners `from` to `to`
// (solved as the 8x8 linear system of the four correspondences).
Matrix3 homography(const Quad& from, const Quad& to) {
  double a[8][9] = {};
  for (int i = 0; i < 4; ++i) {
    const double x = from[i].x, y = from[i].y, u = to[i].x, v = to[i].y;
    double* r1 = a[2 * i];
    double* r2 = a[2 * i + 1];
    r1[0] = x, r1[1] = y, r1[2] = 1, r1[6] = -u * x, r1[7] = -u * y, r1[8] = u;
    r2[3] = x, r2[4] = y, r2[5] = 1, r2[6] = -v * x, r2[7] = -v * y, r2[8] = v;
  }
  for (int c = 0; c < 8; ++c) {
    int pivot = c;
    for (int r = c + 1; r < 8; ++r)
      if (std::fabs(a[r][c]) > std::fabs(a[pivot][c])) pivot = r;
    for (int k = 0; k < 9; ++k) std::swap(a[c][k], a[pivot][k]);
    for (int r = 0; r < 8; ++r) {
      if (r == c) continue;
      const double f = a[r][c] / a[c][c];
      for (int k = c; k < 9; ++k) a[r][k] -= f * a[c][k];
    }
  }
  Matrix3 h{};
  for (int i = 0; i < 8; ++i) h[static_cast<std::size_t>(i)] = a[i][8] / a[i][i];
  h[8] = 1;
  return h;
}

double sample(const GrayImage& img, double u, double v) {
  u = std::clamp(u, 0.0, img.width - 1.001);
  v = std::clamp(v, 0.0, img.height - 1.001);
  const int x = static_cast<int>(u), y = static_cast<int>(v);
  const double fx = u - x, fy = v - y;
  const double top = img.at(x, y) * (1 - fx) + img.at(x + 1, y) * fx;
  const double bottom = img.at(x, y + 1) * (1 - fx) + img.at(x + 1, y + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}

std::uint8_t clip(double v) { return static_cast<std::uint8_t>(std::clamp(v + 0.5, 0.0, 255.0)); }

// Separable box blur, radius r, edges clamped. Both passes walk memory row
// by row (the vertical one keeps a running sum per column).
void box_pass(GrayImage& img, int r, bool horizontal) {
  if (r <= 0) return;
  const int w = img.width, h = img.height, n = 2 * r + 1;
  const int reciprocal = (65536 + n / 2) / n;  // x / n as (x * reciprocal) >> 16, no division per pixel
  auto mean = [&](int sum) { return static_cast<std::uint8_t>(std::min(255, (sum * reciprocal + 32768) >> 16)); };
  if (horizontal) {
    std::vector<int> line(static_cast<std::size_t>(w));
    for (int y = 0; y < h; ++y) {
      std::uint8_t* row = img.row(y);
      for (int x = 0; x < w; ++x) line[static_cast<std::size_t>(x)] = row[x];
      int sum = 0;
      for (int i = -r; i <= r; ++i) sum += line[static_cast<std::size_t>(std::clamp(i, 0, w - 1))];
      for (int x = 0; x < w; ++x) {
        row[x] = mean(sum);
        sum += line[static_cast<std::size_t>(std::min(x + r + 1, w - 1))] - line[static_cast<std::size_t>(std::max(x - r, 0))];
      }
    }
    return;
  }
  const GrayImage src = img;
  std::vector<int> sums(static_cast<std::size_t>(w), 0);
  for (int i = -r; i <= r; ++i) {
    const std::uint8_t* row = src.row(std::clamp(i, 0, h - 1));
    for (int x = 0; x < w; ++x) sums[static_cast<std::size_t>(x)] += row[x];
  }
  for (int y = 0; y < h; ++y) {
    std::uint8_t* out = img.row(y);
    for (int x = 0; x < w; ++x) out[x] = mean(sums[static_cast<std::size_t>(x)]);
    const std::uint8_t* add = src.row(std::min(y + r + 1, h - 1));
    const std::uint8_t* sub = src.row(std::max(y - r, 0));
    for (int x = 0; x < w; ++x) sums[static_cast<std::size_t>(x)] += add[x] - sub[x];
  }
}

// Standard normal samples, made once: per-pixel noise is a table walk.
const std::vector<float>& normal_table() {
  static const std::vector<float> table = [] {
    std::mt19937 rng(12345);
    std::normal_distribution<float> normal(0, 1);
    std::vector<float> t(1 << 20);
    for (auto& v : t) v = normal(rng);
    return t;
  }();
  return table;
}

}  // namespace

Quad project_card(double w_over_h, double height, double cx, double cy, double roll, double pitch, double yaw,
                  double focal) {
  const double rad = M_PI / 180.0;
  const double hw = height * w_over_h / 2, hh = height / 2;
  const double cr = std::cos(roll * rad), sr = std::sin(roll * rad);
  const double cp = std::cos(pitch * rad), sp = std::sin(pitch * rad);
  const double cyw = std::cos(yaw * rad), syw = std::sin(yaw * rad);
  Quad q;
  const std::array<Point2, 4> corners{{{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}}};
  for (std::size_t i = 0; i < 4; ++i) {
    // roll (z), then pitch (x), then yaw (y); the card's centre sits at depth `focal`.
    double x = corners[i].x * cr - corners[i].y * sr;
    double y = corners[i].x * sr + corners[i].y * cr;
    double z = 0;
    const double y2 = y * cp - z * sp, z2 = y * sp + z * cp;
    y = y2, z = z2;
    const double x3 = x * cyw + z * syw, z3 = -x * syw + z * cyw;
    x = x3, z = z3;
    const double depth = focal + z;
    q[i] = {cx + focal * x / depth, cy + focal * y / depth};
  }
  return q;
}

double quad_height(const Quad& q) {
  double lo = q[0].y, hi = q[0].y;
  for (const auto& p : q) lo = std::min(lo, p.y), hi = std::max(hi, p.y);
  return hi - lo;
}

void warp_into(GrayImage& dst, const GrayImage& src, const Quad& quad) {
  // Mip level: shrink the source by halves until it is at most twice the
  // size it will have on screen, so bilinear sampling does not alias.
  const double edge = std::max({std::hypot(quad[1].x - quad[0].x, quad[1].y - quad[0].y),
                                std::hypot(quad[2].x - quad[3].x, quad[2].y - quad[3].y)});
  GrayImage level = src;
  double scale = 1;
  while (level.width > 2 * edge && level.width >= 8 && level.height >= 8) {
    level = speedmeet::qr::halved(level);
    scale *= 2;
  }
  const Quad rect{{{0, 0}, {double(level.width), 0}, {double(level.width), double(level.height)}, {0, double(level.height)}}};
  const Matrix3 h = homography(quad, rect);  // screen -> source
  double x0 = dst.width, y0 = dst.height, x1 = 0, y1 = 0;
  for (const auto& p : quad) x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  const int xs = std::max(0, int(x0) - 1), xe = std::min(dst.width - 1, int(x1) + 1);
  const int ys = std::max(0, int(y0) - 1), ye = std::min(dst.height - 1, int(y1) + 1);
  for (int y = ys; y <= ye; ++y)
    for (int x = xs; x <= xe; ++x) {
      const double px = x + 0.5, py = y + 0.5;
      const double w = h[6] * px + h[7] * py + h[8];
      const double u = (h[0] * px + h[1] * py + h[2]) / w, v = (h[3] * px + h[4] * py + h[5]) / w;
      if (u < 0 || v < 0 || u >= level.width || v >= level.height) continue;
      dst.at(x, y) = clip(sample(level, u - 0.5, v - 0.5));
    }
}

void gaussian_blur(GrayImage& image, double sigma) {
  if (sigma < 0.3) return;
  // Three box passes approximate a gaussian: radius from the variance.
  const int r = std::max(1, static_cast<int>(std::lround(std::sqrt(4.0 * sigma * sigma + 1) / 2.0)));
  for (int i = 0; i < 3; ++i) {
    box_pass(image, r, true);
    box_pass(image, r, false);
  }
}

void motion_blur(GrayImage& image, double length, double degrees) {
  const int n = std::max(2, static_cast<int>(std::lround(length)));
  const double dx = std::cos(degrees * M_PI / 180.0), dy = std::sin(degrees * M_PI / 180.0);
  std::vector<std::pair<int, int>> taps;
  for (int i = 0; i < n; ++i) {
    const double t = i - (n - 1) / 2.0;
    taps.emplace_back(static_cast<int>(std::lround(t * dx)), static_cast<int>(std::lround(t * dy)));
  }
  const GrayImage src = image;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      int sum = 0;
      for (const auto& [ox, oy] : taps)
        sum += src.at(std::clamp(x + ox, 0, image.width - 1), std::clamp(y + oy, 0, image.height - 1));
      image.at(x, y) = static_cast<std::uint8_t>(sum / n);
    }
}

void add_noise(GrayImage& image, double sigma, std::mt19937& rng) {
  const auto& table = normal_table();
  const std::size_t mask = table.size() - 1;
  std::size_t i = rng() & mask;  // a random start, then sequential (cache friendly)
  const auto s = static_cast<float>(sigma);
  for (auto& p : image.pixels) {
    p = static_cast<std::uint8_t>(std::clamp(static_cast<float>(p) + s * table[i] + 0.5f, 0.0f, 255.0f));
    i = (i + 1) & mask;
  }
}

void apply_light(GrayImage& image, double gain, double offset) {
  for (auto& p : image.pixels) p = clip(p * gain + offset);
}

void add_glare(GrayImage& image, double cx, double cy, double radius, double strength) {
  const int x0 = std::max(0, int(cx - 2 * radius)), x1 = std::min(image.width, int(cx + 2 * radius));
  const int y0 = std::max(0, int(cy - 2 * radius)), y1 = std::min(image.height, int(cy + 2 * radius));
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (radius * radius);
      image.at(x, y) = clip(image.at(x, y) + strength * std::exp(-d2));
    }
}

void fill_ellipse(GrayImage& image, double cx, double cy, double rx, double ry, std::uint8_t value) {
  for (int y = std::max(0, int(cy - ry)); y < std::min(image.height, int(cy + ry) + 1); ++y)
    for (int x = std::max(0, int(cx - rx)); x < std::min(image.width, int(cx + rx) + 1); ++x) {
      const double a = (x - cx) / rx, b = (y - cy) / ry;
      if (a * a + b * b <= 1) image.at(x, y) = value;
    }
}

GrayImage background(int width, int height, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  GrayImage img(width, height);
  const double base = 70 + 110 * u(rng), gx = (u(rng) - 0.5) * 80, gy = (u(rng) - 0.5) * 60;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) img.at(x, y) = clip(base + gx * x / width + gy * y / height);
  // Walls, door frames, tables: flat rectangles with hard edges.
  const int shapes = 2 + static_cast<int>(u(rng) * 6);
  for (int i = 0; i < shapes; ++i) {
    const int x0 = static_cast<int>(u(rng) * width), y0 = static_cast<int>(u(rng) * height);
    const int w = static_cast<int>((0.05 + 0.5 * u(rng)) * width), h = static_cast<int>((0.05 + 0.6 * u(rng)) * height);
    const auto value = clip(30 + 200 * u(rng));
    for (int y = y0; y < std::min(height, y0 + h); ++y)
      for (int x = x0; x < std::min(width, x0 + w); ++x) img.at(x, y) = value;
  }
  // People and plants: soft blobs.
  const int blobs = static_cast<int>(u(rng) * 4);
  for (int i = 0; i < blobs; ++i)
    fill_ellipse(img, u(rng) * width, u(rng) * height, 40 + 200 * u(rng), 60 + 300 * u(rng), clip(20 + 180 * u(rng)));
  box_pass(img, 1, true);  // soften the hard edges a little, like a lens
  box_pass(img, 1, false);
  return img;
}

}  // namespace speedmeet::bench::scan
