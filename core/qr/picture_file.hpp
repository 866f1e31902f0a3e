#pragma once
// Picture files as both programs accept them (the kiosk's file and replay
// sources through SDL2_image, `speedmeet decode` through cairo, libturbojpeg
// and libwebp): the same bounds and the same sentences when a file will not
// do. Checked before any decoder sees a byte.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace speedmeet::qr {

// The file is missing, unreadable, too big or not an image; what() names it.
class ImageFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::uintmax_t kMaxImageFileBytes = 64ull * 1024 * 1024;
inline constexpr long long kMaxImagePixels = 64ll * 1000 * 1000;

// The file's size, once it is known to be a regular file within the bound;
// throws ImageFileError ("PATH: no such file", "...: file too large (...)").
std::uintmax_t check_picture_file(const std::string& path);

// Throws ImageFileError unless width x height is a picture within the bound.
void check_picture_size(const std::string& path, long long width, long long height);

}  // namespace speedmeet::qr
