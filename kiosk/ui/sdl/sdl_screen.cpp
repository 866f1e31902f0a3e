#include "ui/sdl/sdl_screen.hpp"

#include <SDL.h>

#include "ui/layout.hpp"

namespace speedmeet::ui {

ScreenDrawer::ScreenDrawer(SDL_Renderer* renderer, const std::string& font_directory, Theme theme)
    : renderer_(renderer), theme_(std::move(theme)), fonts_(font_directory), measurer_(fonts_), painter_(renderer, fonts_) {}

const DisplayList& ScreenDrawer::draw(const kiosk::Screen& screen, const kiosk::ScreenContext& context) {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  last_ = layout_screen(screen, context, {w, h}, measurer_, theme_);
  painter_.paint(last_);
  return last_;
}

}  // namespace speedmeet::ui
