#include "qr/picture_file.hpp"

#include <filesystem>
#include <system_error>

namespace speedmeet::qr {

std::uintmax_t check_picture_file(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw ImageFileError(path + ": no such file");
  if (!std::filesystem::is_regular_file(status)) throw ImageFileError(path + ": not a regular file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw ImageFileError(path + ": cannot read its size (" + ec.message() + ")");
  if (size > kMaxImageFileBytes)
    throw ImageFileError(path + ": file too large (" + std::to_string(size) + " bytes, at most " +
                         std::to_string(kMaxImageFileBytes) + ")");
  return size;
}

void check_picture_size(const std::string& path, long long width, long long height) {
  if (width <= 0 || height <= 0 || width * height > kMaxImagePixels)
    throw ImageFileError(path + ": image of " + std::to_string(width) + "x" + std::to_string(height) +
                         " pixels is empty or too large");
}

}  // namespace speedmeet::qr
