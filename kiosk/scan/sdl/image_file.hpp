#pragma once
// Pictures from disk (PNG, JPEG, WebP, anything SDL2_image reads), as 8-bit
// grey. Used by `speedmeet decode`, the demo and tests.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "qr/gray_image.hpp"

namespace speedmeet::scan {

// The file is missing, unreadable, too big or not an image; what() names it.
class ImageFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::uintmax_t kMaxImageFileBytes = 64ull * 1024 * 1024;
inline constexpr long long kMaxImagePixels = 64ll * 1000 * 1000;

// Transparent pixels are composed over white (a PNG badge with an alpha
// background reads like paper).
qr::GrayImage load_gray_image(const std::string& path);

// Writes a PNG: test fixtures and corpora.
void save_gray_png(const qr::GrayImage& image, const std::string& path);

// Image files of a folder (by extension: png, jpg, jpeg, webp, bmp), sorted
// by name. Throws ImageFileError when the folder cannot be read.
std::vector<std::string> image_files_in(const std::string& folder);

}  // namespace speedmeet::scan
