#pragma once
// Pictures from disk (PNG, JPEG, WebP, anything SDL2_image reads), as 8-bit
// grey. Used by `speedmeet decode`, the demo and tests.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "qr/gray_image.hpp"
#include "qr/picture_file.hpp"

namespace speedmeet::scan {

// The file is missing, unreadable, too big or not an image (the bounds are
// core/qr's, the same `speedmeet decode` applies); what() names it.
using qr::ImageFileError;
using qr::kMaxImageFileBytes;
using qr::kMaxImagePixels;

// Transparent pixels are composed over white (a PNG badge with an alpha
// background reads like paper).
qr::GrayImage load_gray_image(const std::string& path);

// Writes a PNG: test fixtures and corpora.
void save_gray_png(const qr::GrayImage& image, const std::string& path);

// Image files of a folder (by extension: png, jpg, jpeg, webp, bmp), sorted
// by name. Throws ImageFileError when the folder cannot be read.
std::vector<std::string> image_files_in(const std::string& folder);

}  // namespace speedmeet::scan
