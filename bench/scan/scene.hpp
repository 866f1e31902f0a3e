#pragma once
// Camera-like scenes for the scanning benchmark: a flat picture (a badge, a
// phone screen, a decoy) projected into a 1280x720 frame with perspective,
// then blur, light, glare and sensor noise. Deterministic for a given RNG.
#include <array>
#include <random>

#include "qr/gray_image.hpp"

namespace speedmeet::bench::scan {

using speedmeet::qr::GrayImage;

struct Point2 {
  double x = 0;
  double y = 0;
};
using Quad = std::array<Point2, 4>;  // top-left, top-right, bottom-right, bottom-left

// Where a flat w x h rectangle lands when it faces the camera at `height`
// pixels tall, centred at (cx, cy), turned by `roll` degrees in the image
// plane and tilted by `pitch`/`yaw` degrees out of it (pinhole camera).
Quad project_card(double w_over_h, double height, double cx, double cy, double roll, double pitch, double yaw,
                  double focal = 1100);

// Draws `src` into `dst` so that its corners land on `quad` (projective
// mapping, mip-mapped bilinear sampling: no aliasing when shrinking).
void warp_into(GrayImage& dst, const GrayImage& src, const Quad& quad);

double quad_height(const Quad& q);

void gaussian_blur(GrayImage& image, double sigma);
void motion_blur(GrayImage& image, double length, double degrees);
void add_noise(GrayImage& image, double sigma, std::mt19937& rng);
// out = in * gain + offset, clipped: low light is a small gain and offset.
void apply_light(GrayImage& image, double gain, double offset);
// A bright spot (lamp reflection on a glossy badge), saturating at its core.
void add_glare(GrayImage& image, double cx, double cy, double radius, double strength);
// An opaque blob (a thumb, a lanyard clip) over part of the picture.
void fill_ellipse(GrayImage& image, double cx, double cy, double rx, double ry, std::uint8_t value);

// A plausible room: gradient, walls, furniture edges, soft blobs.
GrayImage background(int width, int height, std::mt19937& rng);

}  // namespace speedmeet::bench::scan
