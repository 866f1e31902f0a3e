// png_row OUT.png IN.png...: the pictures side by side on white, 8 pixels
// apart (scripts/name-screens puts badge labels in a row for docs/screens).
#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace {
using Surface = std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)>;
constexpr int kGap = 8;
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: png_row OUT.png IN.png...\n");
    return 2;
  }
  std::vector<Surface> pictures;
  int width = kGap, height = 0;
  for (int i = 2; i < argc; ++i) {
    Surface picture(IMG_Load(argv[i]), &SDL_FreeSurface);
    if (!picture) {
      std::fprintf(stderr, "png_row: %s: %s\n", argv[i], IMG_GetError());
      return 1;
    }
    width += picture->w + kGap;
    height = std::max(height, picture->h + 2 * kGap);
    pictures.push_back(std::move(picture));
  }
  const Surface row(SDL_CreateRGBSurfaceWithFormat(0, width, height, 24, SDL_PIXELFORMAT_RGB24), &SDL_FreeSurface);
  if (!row) return 1;
  SDL_FillRect(row.get(), nullptr, SDL_MapRGB(row->format, 0xE0, 0xE0, 0xE0));
  int x = kGap;
  for (const auto& picture : pictures) {
    SDL_Rect at{x, kGap, picture->w, picture->h};
    SDL_BlitSurface(picture.get(), nullptr, row.get(), &at);
    x += picture->w + kGap;
  }
  if (IMG_SavePNG(row.get(), argv[1]) != 0) {
    std::fprintf(stderr, "png_row: %s: %s\n", argv[1], IMG_GetError());
    return 1;
  }
  return 0;
}
