#pragma once
// Picture files for `speedmeet decode`, as 8-bit grey, with no SDL in the
// central program: PNG through cairo, JPEG through libturbojpeg (the
// camera's MJPEG decoder), WebP through libwebp. The format is told by the
// file's first bytes, not its name.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "qr/gray_image.hpp"
#include "qr/picture_file.hpp"

namespace speedmeet::images {

// The file is missing, unreadable, too big or not an image (the bounds are
// core/qr's, the same the kiosk applies); what() names it.
using qr::ImageFileError;

// Transparent pixels are composed over white (a PNG badge with an alpha
// background reads like paper). The pixel count is checked from the file's
// header before anything is decoded.
qr::GrayImage load_gray_image(const std::string& path);

}  // namespace speedmeet::images
