// libturbojpeg lives here only.
#include "qr/pixel_formats.hpp"

#include <turbojpeg.h>

#include <cstring>
#include <string>

namespace speedmeet::qr {
namespace {

void check_geometry(std::size_t bytes, int width, int height, int& bytes_per_line, int bytes_per_pixel,
                    const char* format) {
  if (width <= 0 || height <= 0 || width > kMaxFrameSide || height > kMaxFrameSide)
    throw FrameFormatError(std::string(format) + " frame of " + std::to_string(width) + "x" + std::to_string(height) +
                           " pixels is out of range");
  if (bytes_per_line == 0) bytes_per_line = width * bytes_per_pixel;
  if (bytes_per_line < width * bytes_per_pixel)
    throw FrameFormatError(std::string(format) + " line of " + std::to_string(bytes_per_line) +
                           " bytes is too short for " + std::to_string(width) + " pixels");
  const auto needed = static_cast<std::size_t>(bytes_per_line) * static_cast<std::size_t>(height - 1) +
                      static_cast<std::size_t>(width * bytes_per_pixel);
  if (bytes < needed)
    throw FrameFormatError(std::string(format) + " frame has " + std::to_string(bytes) + " bytes, needs " +
                           std::to_string(needed));
}

tjhandle as_tj(void* handle) { return static_cast<tjhandle>(handle); }

}  // namespace

GrayImage yuyv_luma(const std::uint8_t* data, std::size_t bytes, int width, int height, int bytes_per_line) {
  check_geometry(bytes, width, height, bytes_per_line, 2, "YUYV");
  GrayImage gray(width, height);
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* src = data + static_cast<std::ptrdiff_t>(y) * bytes_per_line;
    std::uint8_t* dst = gray.row(y);
    for (int x = 0; x < width; ++x) dst[x] = src[2 * x];
  }
  return gray;
}

GrayImage grey_rows(const std::uint8_t* data, std::size_t bytes, int width, int height, int bytes_per_line) {
  check_geometry(bytes, width, height, bytes_per_line, 1, "GREY");
  GrayImage gray(width, height);
  for (int y = 0; y < height; ++y)
    std::memcpy(gray.row(y), data + static_cast<std::ptrdiff_t>(y) * bytes_per_line, static_cast<std::size_t>(width));
  return gray;
}

MjpegDecoder::MjpegDecoder() : handle_(tjInitDecompress()) {
  if (!handle_) throw std::runtime_error(std::string("cannot start the JPEG decoder: ") + tjGetErrorStr2(nullptr));
}

MjpegDecoder::~MjpegDecoder() { tjDestroy(as_tj(handle_)); }

GrayImage MjpegDecoder::decode(const std::uint8_t* data, std::size_t bytes) {
  if (bytes < 4 || bytes > 64u * 1024 * 1024)
    throw FrameFormatError("MJPEG frame of " + std::to_string(bytes) + " bytes is out of range");
  int width = 0, height = 0, subsampling = 0, colorspace = 0;
  const auto size = static_cast<unsigned long>(bytes);
  if (tjDecompressHeader3(as_tj(handle_), data, size, &width, &height, &subsampling, &colorspace) != 0)
    throw FrameFormatError(std::string("MJPEG frame header unreadable: ") + tjGetErrorStr2(as_tj(handle_)));
  if (width <= 0 || height <= 0 || width > kMaxFrameSide || height > kMaxFrameSide)
    throw FrameFormatError("MJPEG frame of " + std::to_string(width) + "x" + std::to_string(height) +
                           " pixels is out of range");
  GrayImage gray(width, height);
  // TJPF_GRAY from a YCbCr JPEG keeps the Y component and skips the chroma
  // IDCT and upsampling: no colour conversion at all.
  if (tjDecompress2(as_tj(handle_), data, size, gray.pixels.data(), width, width, height, TJPF_GRAY,
                    TJFLAG_FASTDCT) != 0 &&
      tjGetErrorCode(as_tj(handle_)) == TJERR_FATAL)
    throw FrameFormatError(std::string("MJPEG frame undecodable: ") + tjGetErrorStr2(as_tj(handle_)));
  return gray;
}

}  // namespace speedmeet::qr
