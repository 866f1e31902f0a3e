#pragma once
// Where screens go: a window, or an off-screen surface saved as PNG. The
// implementation (screen_output.cpp) is the only kiosk/app file that knows
// the UI library's layout and painter.
#include <memory>
#include <string>

#include "checkin/screens.hpp"
#include "kiosk_config.hpp"

struct SDL_Renderer;
union SDL_Event;

namespace speedmeet::kiosk {

class ScreenOutput {
 public:
  // Draws into `renderer` (a window's, or a software renderer of a surface)
  // of width x height pixels, with fonts from `assets_dir`/fonts.
  ScreenOutput(SDL_Renderer* renderer, int width, int height, const BrandingConfig& branding,
               const std::string& assets_dir);
  ~ScreenOutput();
  ScreenOutput(const ScreenOutput&) = delete;
  ScreenOutput& operator=(const ScreenOutput&) = delete;

  void resize(int width, int height);
  // Lays out and paints one frame (no present).
  void draw(const Screen& screen, const ScreenContext& context);
  // Renderer events: on SDL_RENDER_TARGETS_RESET the frame kept between
  // draws has lost its pixels, on SDL_RENDER_DEVICE_RESET every cached
  // texture has; the next draw() then repaints everything. Returns whether
  // the event was one of these (the caller should draw again soon).
  bool handle(const SDL_Event& event);
  // Whether the last draw() repainted the whole screen (tests).
  bool last_draw_was_full() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A short name for a screen, for screenshot file names: "idle",
// "result-welcome", "result-rejected-bad_signature", "staff", "staff-search",
// "board"...
std::string screen_name(const Screen& screen);

// The assets folder: $SPEEDMEET_ASSETS, else next to the program
// (../share/speedmeet/assets), else the source tree's assets/.
std::string find_assets_dir();

}  // namespace speedmeet::kiosk
