#include "ui/sdl/sdl_headless.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include "ui/palette.hpp"

namespace speedmeet::ui {

HeadlessTarget::HeadlessTarget(Size size) : size_(size) {
  if (size.w <= 0 || size.h <= 0 || size.w > 16384 || size.h > 16384)
    throw std::runtime_error("headless target of " + std::to_string(size.w) + "x" + std::to_string(size.h) + " pixels is empty or too large");
  surface_ = SDL_CreateRGBSurfaceWithFormat(0, size.w, size.h, 32, SDL_PIXELFORMAT_ARGB8888);
  if (!surface_) throw std::runtime_error(std::string("cannot make a drawing surface: ") + SDL_GetError());
  renderer_ = SDL_CreateSoftwareRenderer(surface_);
  if (!renderer_) {
    SDL_FreeSurface(surface_);
    throw std::runtime_error(std::string("cannot make a software renderer: ") + SDL_GetError());
  }
}

HeadlessTarget::~HeadlessTarget() {
  SDL_DestroyRenderer(renderer_);
  SDL_FreeSurface(surface_);
}

void HeadlessTarget::present() { SDL_RenderPresent(renderer_); }

namespace {

using SurfacePtr = std::unique_ptr<SDL_Surface, void (*)(SDL_Surface*)>;

SurfacePtr indexed_copy(SDL_Surface* argb) {
  std::vector<std::uint32_t> pixels;
  pixels.reserve(static_cast<std::size_t>(argb->w) * static_cast<std::size_t>(argb->h));
  for (int y = 0; y < argb->h; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(static_cast<const std::uint8_t*>(argb->pixels) +
                                                             static_cast<std::ptrdiff_t>(y) * argb->pitch);
    pixels.insert(pixels.end(), row, row + argb->w);
  }
  const IndexedImage image = quantize(pixels);
  SurfacePtr out(SDL_CreateRGBSurfaceWithFormat(0, argb->w, argb->h, 8, SDL_PIXELFORMAT_INDEX8), SDL_FreeSurface);
  if (!out) return out;
  std::vector<SDL_Color> colors;
  for (const Color& c : image.palette) colors.push_back({c.r, c.g, c.b, 255});
  SDL_SetPaletteColors(out->format->palette, colors.data(), 0, static_cast<int>(colors.size()));
  for (int y = 0; y < argb->h; ++y)
    SDL_memcpy(static_cast<std::uint8_t*>(out->pixels) + static_cast<std::ptrdiff_t>(y) * out->pitch,
               image.indices.data() + static_cast<std::ptrdiff_t>(y) * argb->w, static_cast<std::size_t>(argb->w));
  return out;
}

}  // namespace

void HeadlessTarget::save_png(const std::string& path, bool compact) {
  present();
  // Screens are opaque: without alpha (RGB, or a palette) the files are smaller.
  SurfacePtr image = compact ? indexed_copy(surface_)
                             : SurfacePtr(SDL_ConvertSurfaceFormat(surface_, SDL_PIXELFORMAT_RGB24, 0), SDL_FreeSurface);
  if (!image) throw std::runtime_error(path + ": cannot convert the screen for PNG (" + SDL_GetError() + ")");
  if (IMG_SavePNG(image.get(), path.c_str()) != 0) throw std::runtime_error(path + ": cannot write the PNG (" + IMG_GetError() + ")");
}

Color HeadlessTarget::pixel(int x, int y) const {
  if (x < 0 || y < 0 || x >= size_.w || y >= size_.h) return {};
  const auto* row = static_cast<const std::uint8_t*>(surface_->pixels) + static_cast<std::ptrdiff_t>(y) * surface_->pitch;
  std::uint32_t v = 0;
  SDL_memcpy(&v, row + static_cast<std::ptrdiff_t>(x) * 4, 4);
  Uint8 r = 0, g = 0, b = 0, a = 0;
  SDL_GetRGBA(v, surface_->format, &r, &g, &b, &a);
  return {r, g, b, a};
}

}  // namespace speedmeet::ui
