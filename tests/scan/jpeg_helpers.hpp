#pragma once
// Real JPEG bytes for tests, made with libturbojpeg's encoder the way
// cameras and phones make them (4:2:2 or 4:2:0 YCbCr).
#include <turbojpeg.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace speedmeet::scan::test {

// rgb: width * height * 3 bytes.
inline std::vector<std::uint8_t> jpeg_of_rgb(const std::vector<std::uint8_t>& rgb, int width, int height,
                                             int subsampling = TJSAMP_422, int quality = 92) {
  tjhandle handle = tjInitCompress();
  if (!handle) throw std::runtime_error("tjInitCompress failed");
  unsigned char* out = nullptr;
  unsigned long size = 0;
  const int r = tjCompress2(handle, rgb.data(), width, width * 3, height, TJPF_RGB, &out, &size, subsampling, quality, 0);
  std::vector<std::uint8_t> bytes;
  if (r == 0) bytes.assign(out, out + size);
  tjFree(out);
  tjDestroy(handle);
  if (r != 0) throw std::runtime_error("tjCompress2 failed");
  return bytes;
}

// UVC cameras leave the Huffman tables out of MJPEG frames (the decoder is
// expected to use the standard ones): drop every DHT segment.
inline std::vector<std::uint8_t> without_huffman_tables(const std::vector<std::uint8_t>& jpeg) {
  std::vector<std::uint8_t> out(jpeg.begin(), jpeg.begin() + 2);  // SOI
  std::size_t i = 2;
  while (i + 4 <= jpeg.size() && jpeg[i] == 0xFF) {
    const std::uint8_t marker = jpeg[i + 1];
    if (marker == 0xDA) break;  // start of scan: the rest is entropy-coded data
    const std::size_t length = (std::size_t{jpeg[i + 2]} << 8) | jpeg[i + 3];
    if (marker != 0xC4) out.insert(out.end(), jpeg.begin() + static_cast<std::ptrdiff_t>(i),
                                   jpeg.begin() + static_cast<std::ptrdiff_t>(i + 2 + length));
    i += 2 + length;
  }
  out.insert(out.end(), jpeg.begin() + static_cast<std::ptrdiff_t>(i), jpeg.end());
  return out;
}

}  // namespace speedmeet::scan::test
