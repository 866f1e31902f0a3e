// Writes every sample screen as a PNG (docs/screens): 1920×1080, plus a
// portrait and a 60-character-names variant of the busiest result screen,
// and the kiosk-names-* screens (Arabic, Hebrew, emoji, 60 characters).
//   ui_screens OUTDIR                 the docs set
//   ui_screens OUTDIR WxH [--long]    every sample at one size (for review),
//                                     and sheet.png: all of them on one page
#include <SDL.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>

#include "sample_screens.hpp"
#include "ui/sdl/sdl_headless.hpp"
#include "ui/sdl/sdl_screen.hpp"

using namespace speedmeet::ui;

namespace {

void write(const samples::Sample& s, Size size, const std::filesystem::path& file) {
  HeadlessTarget target(size);
  ScreenDrawer drawer(target.renderer(), SPEEDMEET_SOURCE_DIR "/assets/fonts");
  drawer.draw(s.screen, s.context);
  target.save_png(file.string(), true);
  std::printf("%s\t%ju bytes\n", file.string().c_str(), static_cast<std::uintmax_t>(std::filesystem::file_size(file)));
}

}  // namespace

int main(int argc, char** argv) {
  int w = 0, h = 0;
  const bool one_size = argc >= 3 && std::sscanf(argv[2], "%dx%d", &w, &h) == 2 && w > 0 && h > 0;
  if (argc < 2 || (argc >= 3 && !one_size)) {
    std::fprintf(stderr, "usage: ui_screens OUTDIR [WIDTHxHEIGHT [--long]]\n");
    return 2;
  }
  try {
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    if (one_size) {
      const bool long_names = argc >= 4 && std::string(argv[3]) == "--long";
      const auto all = samples::all(long_names);
      constexpr int kColumns = 4, kGap = 8;
      const int rows = (static_cast<int>(all.size()) + kColumns - 1) / kColumns;
      HeadlessTarget sheet({kColumns * (w + kGap), rows * (h + kGap)});
      for (std::size_t i = 0; i < all.size(); ++i) {
        HeadlessTarget one({w, h});
        ScreenDrawer drawer(one.renderer(), SPEEDMEET_SOURCE_DIR "/assets/fonts");
        drawer.draw(all[i].screen, all[i].context);
        one.save_png((dir / (all[i].name + ".png")).string(), true);
        SDL_Rect at{static_cast<int>(i % kColumns) * (w + kGap), static_cast<int>(i / kColumns) * (h + kGap), w, h};
        SDL_BlitSurface(one.surface(), nullptr, sheet.surface(), &at);
      }
      sheet.save_png((dir / "sheet.png").string());
      return 0;
    }
    for (const auto& s : samples::all()) write(s, {1920, 1080}, dir / (s.name + ".png"));
    for (const auto& s : samples::all(true))
      if (s.name == "result-next-partner-waiting") write(s, {1920, 1080}, dir / (s.name + "-long-names.png"));
    for (const auto& s : samples::all())
      if (s.name == "result-next-partner-waiting" || s.name == "idle") write(s, {1080, 1920}, dir / (s.name + "-portrait.png"));
    for (const auto& s : samples::names()) write(s, {1920, 1080}, dir / (s.name + ".png"));
    for (const auto& s : samples::names())
      if (s.name == "kiosk-names-long") write(s, {1080, 1920}, dir / (s.name + "-portrait.png"));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ui_screens: %s\n", e.what());
    return 1;
  }
}
