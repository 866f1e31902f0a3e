#pragma once
// The kiosk's screens on an SDL renderer in one object: fonts, measurer,
// layout and painter. The app (window) and --headless (HeadlessTarget) both
// draw through it.
#include <string>

#include "checkin/screens.hpp"
#include "ui/display_list.hpp"
#include "ui/sdl/sdl_fonts.hpp"
#include "ui/sdl/sdl_painter.hpp"
#include "ui/theme.hpp"

struct SDL_Renderer;

namespace speedmeet::ui {

class ScreenDrawer {
 public:
  // font_directory holds DejaVuSans.ttf and DejaVuSans-Bold.ttf (assets/fonts).
  ScreenDrawer(SDL_Renderer* renderer, const std::string& font_directory, Theme theme = {});

  // Lays `screen` out for the renderer's output size and paints it (the
  // caller presents). Returns the display list drawn.
  const DisplayList& draw(const kiosk::Screen& screen, const kiosk::ScreenContext& context);

  TextMeasurer& measurer() { return measurer_; }
  const Theme& theme() const { return theme_; }

 private:
  SDL_Renderer* renderer_;
  Theme theme_;
  FontLibrary fonts_;
  TtfTextMeasurer measurer_;
  SdlPainter painter_;
  DisplayList last_;
};

}  // namespace speedmeet::ui
