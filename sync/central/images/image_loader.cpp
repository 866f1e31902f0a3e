// cairo's PNG reader and libwebp live here only.
#include "images/image_loader.hpp"

#include <cairo.h>
#include <webp/decode.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string_view>
#include <system_error>
#include <vector>

#include "qr/pixel_formats.hpp"

namespace speedmeet::images {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes read_bounded(const std::string& path) {
  const auto size = qr::check_picture_file(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ImageFileError(path + ": cannot open it");
  Bytes bytes(static_cast<std::size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (static_cast<std::size_t>(in.gcount()) != bytes.size()) throw ImageFileError(path + ": cannot read it");
  return bytes;
}

bool starts_with(const Bytes& b, std::string_view magic, std::size_t at = 0) {
  return b.size() >= at + magic.size() && std::memcmp(b.data() + at, magic.data(), magic.size()) == 0;
}

// Rec. 601 luma in fixed point (the weights cameras use for Y), composed
// over white by `alpha`.
std::uint8_t grey_over_white(unsigned r, unsigned g, unsigned b, unsigned alpha) {
  const unsigned luma = (306u * r + 601u * g + 117u * b + 512u) >> 10;
  return static_cast<std::uint8_t>((luma * alpha + 255u * (255u - alpha) + 127u) / 255u);
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

struct PngReader {
  const Bytes& bytes;
  std::size_t at = 0;
  static cairo_status_t read(void* closure, unsigned char* data, unsigned int length) {
    auto* self = static_cast<PngReader*>(closure);
    if (self->bytes.size() - self->at < length) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, self->bytes.data() + self->at, length);
    self->at += length;
    return CAIRO_STATUS_SUCCESS;
  }
};

std::uint32_t big_endian32(const Bytes& b, std::size_t at) {
  return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 | b[at + 3];
}

qr::GrayImage load_png(const std::string& path, const Bytes& bytes) {
  // The IHDR chunk follows the 8-byte signature: width and height first.
  if (bytes.size() < 24 || !starts_with(bytes, "IHDR", 12)) throw ImageFileError(path + ": not a readable image (no PNG header)");
  qr::check_picture_size(path, big_endian32(bytes, 16), big_endian32(bytes, 20));
  PngReader reader{bytes};
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_image_surface_create_from_png_stream(&PngReader::read, &reader));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw ImageFileError(path + ": not a readable image (" + cairo_status_to_string(cairo_surface_status(surface.get())) +
                         ")");
  const cairo_format_t format = cairo_image_surface_get_format(surface.get());
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    throw ImageFileError(path + ": not a readable image (unsupported PNG pixel format)");
  cairo_surface_flush(surface.get());
  const int width = cairo_image_surface_get_width(surface.get());
  const int height = cairo_image_surface_get_height(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  const unsigned char* base = cairo_image_surface_get_data(surface.get());
  qr::GrayImage gray(width, height);
  for (int y = 0; y < height; ++y) {
    const auto* src = reinterpret_cast<const std::uint32_t*>(base + static_cast<std::ptrdiff_t>(y) * stride);
    std::uint8_t* dst = gray.row(y);
    for (int x = 0; x < width; ++x) {
      const std::uint32_t px = src[x];  // native-endian 0xAARRGGBB, colour premultiplied by alpha
      const unsigned a = format == CAIRO_FORMAT_ARGB32 ? px >> 24 : 255u;
      unsigned r = px >> 16 & 0xFF, g = px >> 8 & 0xFF, b = px & 0xFF;
      if (a != 0 && a != 255) {
        r = (r * 255u + a / 2) / a;
        g = (g * 255u + a / 2) / a;
        b = (b * 255u + a / 2) / a;
      }
      dst[x] = grey_over_white(r, g, b, a);
    }
  }
  return gray;
}

qr::GrayImage load_jpeg(const std::string& path, const Bytes& bytes) {
  try {
    qr::MjpegDecoder decoder;
    qr::GrayImage gray = decoder.decode(bytes.data(), bytes.size());
    qr::check_picture_size(path, gray.width, gray.height);
    return gray;
  } catch (const qr::FrameFormatError& e) {
    throw ImageFileError(path + ": not a readable image (" + e.what() + ")");
  }
}

struct WebpDeleter {
  void operator()(std::uint8_t* p) const { WebPFree(p); }
};

qr::GrayImage load_webp(const std::string& path, const Bytes& bytes) {
  int width = 0, height = 0;
  if (!WebPGetInfo(bytes.data(), bytes.size(), &width, &height))
    throw ImageFileError(path + ": not a readable image (bad WebP header)");
  qr::check_picture_size(path, width, height);
  std::unique_ptr<std::uint8_t, WebpDeleter> rgba(WebPDecodeRGBA(bytes.data(), bytes.size(), &width, &height));
  if (!rgba) throw ImageFileError(path + ": not a readable image (WebP data undecodable)");
  qr::GrayImage gray(width, height);
  const std::uint8_t* src = rgba.get();
  for (int y = 0; y < height; ++y) {
    std::uint8_t* dst = gray.row(y);
    for (int x = 0; x < width; ++x, src += 4) dst[x] = grey_over_white(src[0], src[1], src[2], src[3]);
  }
  return gray;
}

}  // namespace

qr::GrayImage load_gray_image(const std::string& path) {
  const Bytes bytes = read_bounded(path);
  if (starts_with(bytes, "\x89PNG\r\n\x1a\n")) return load_png(path, bytes);
  if (starts_with(bytes, "\xFF\xD8\xFF")) return load_jpeg(path, bytes);
  if (starts_with(bytes, "RIFF") && starts_with(bytes, "WEBP", 8)) return load_webp(path, bytes);
  throw ImageFileError(path + ": not a readable image (PNG, JPEG or WebP)");
}

}  // namespace speedmeet::images
