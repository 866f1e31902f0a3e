#pragma once
// Camera pixel formats to 8-bit grey, without colour conversion: the decoder
// needs luma only, which YUYV carries as every other byte and which a JPEG
// decoder can output alone (libturbojpeg, in pixel_formats.cpp only).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>

#include "qr/gray_image.hpp"

namespace speedmeet::qr {

// A frame whose bytes do not match its announced format or size.
class FrameFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kMaxFrameSide = 8192;

// YUYV 4:2:2 (Y0 U Y1 V per pixel pair): the Y bytes. bytes_per_line 0
// means 2 * width.
GrayImage yuyv_luma(const std::uint8_t* data, std::size_t bytes, int width, int height, int bytes_per_line = 0);

// GREY / Y8 frames (monochrome cameras): rows copied, padding dropped.
GrayImage grey_rows(const std::uint8_t* data, std::size_t bytes, int width, int height, int bytes_per_line = 0);

// Motion-JPEG frames decoded straight to grey (luma only, fast DCT). Frames
// without Huffman tables, as UVC cameras send them, are fine.
class MjpegDecoder {
 public:
  MjpegDecoder();
  ~MjpegDecoder();
  MjpegDecoder(const MjpegDecoder&) = delete;
  MjpegDecoder& operator=(const MjpegDecoder&) = delete;

  GrayImage decode(const std::uint8_t* data, std::size_t bytes);

 private:
  void* handle_;  // tjhandle
};

}  // namespace speedmeet::qr
