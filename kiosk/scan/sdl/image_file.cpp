// SDL2_image lives here only.
#include "scan/sdl/image_file.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <system_error>

namespace speedmeet::scan {
namespace {

struct SurfaceDeleter {
  void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

qr::GrayImage load_gray_image(const std::string& path) {
  qr::check_picture_file(path);
  SurfacePtr loaded(IMG_Load(path.c_str()));
  if (!loaded) throw ImageFileError(path + ": not a readable image (" + SDL_GetError() + ")");
  qr::check_picture_size(path, loaded->w, loaded->h);
  // One known byte order whatever the file held: R, G, B, A in memory.
  SurfacePtr rgba(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_RGBA32, 0));
  if (!rgba) throw ImageFileError(path + ": cannot convert pixels (" + SDL_GetError() + ")");
  loaded.reset();

  qr::GrayImage gray(rgba->w, rgba->h);
  const bool must_lock = SDL_MUSTLOCK(rgba.get());
  if (must_lock && SDL_LockSurface(rgba.get()) != 0) throw ImageFileError(path + ": cannot lock pixels");
  const auto* base = static_cast<const std::uint8_t*>(rgba->pixels);
  for (int y = 0; y < gray.height; ++y) {
    const std::uint8_t* src = base + static_cast<std::ptrdiff_t>(y) * rgba->pitch;
    std::uint8_t* dst = gray.row(y);
    for (int x = 0; x < gray.width; ++x, src += 4) {
      // Rec. 601 luma in fixed point (the weights cameras use for Y).
      const unsigned luma = (306u * src[0] + 601u * src[1] + 117u * src[2] + 512u) >> 10;
      const unsigned alpha = src[3];
      dst[x] = static_cast<std::uint8_t>((luma * alpha + 255u * (255u - alpha) + 127u) / 255u);
    }
  }
  if (must_lock) SDL_UnlockSurface(rgba.get());
  return gray;
}

void save_gray_png(const qr::GrayImage& image, const std::string& path) {
  if (image.empty()) throw ImageFileError(path + ": cannot save an empty image");
  SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, image.width, image.height, 24, SDL_PIXELFORMAT_RGB24));
  if (!surface) throw ImageFileError(path + ": cannot make a surface (" + SDL_GetError() + ")");
  auto* base = static_cast<std::uint8_t*>(surface->pixels);
  for (int y = 0; y < image.height; ++y) {
    std::uint8_t* dst = base + static_cast<std::ptrdiff_t>(y) * surface->pitch;
    const std::uint8_t* src = image.row(y);
    for (int x = 0; x < image.width; ++x) dst[3 * x] = dst[3 * x + 1] = dst[3 * x + 2] = src[x];
  }
  if (IMG_SavePNG(surface.get(), path.c_str()) != 0)
    throw ImageFileError(path + ": cannot write PNG (" + SDL_GetError() + ")");
}

std::vector<std::string> image_files_in(const std::string& folder) {
  std::error_code ec;
  std::filesystem::directory_iterator it(folder, ec);
  if (ec) throw ImageFileError(folder + ": cannot list folder (" + ec.message() + ")");
  std::vector<std::string> files;
  for (const auto& entry : it) {
    if (!entry.is_regular_file(ec)) continue;
    const std::string ext = lower(entry.path().extension().string());
    if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".webp" || ext == ".bmp")
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace speedmeet::scan
