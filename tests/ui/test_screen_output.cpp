// The kiosk's ScreenOutput (kiosk/app) headless: renderer resets make the
// next draw repaint the whole screen, with the same pixels as before.
#include <catch2/catch.hpp>

#include <SDL.h>

#include <vector>

#include "sample_screens.hpp"
#include "screen_output.hpp"
#include "ui/sdl/sdl_headless.hpp"

using namespace speedmeet;

namespace {

constexpr int kW = 1280, kH = 800;

const ui::samples::Sample& sample(const std::string& name) { return ui::samples::find(name); }

std::vector<std::uint32_t> pixels(const ui::HeadlessTarget& t) {
  std::vector<std::uint32_t> out;
  for (int y = 0; y < kH; y += 7)
    for (int x = 0; x < kW; x += 5) {
      const ui::Color c = t.pixel(x, y);
      out.push_back((std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b);
    }
  return out;
}

SDL_Event event_of(std::uint32_t type) {
  SDL_Event e{};
  e.type = type;
  return e;
}

}  // namespace

TEST_CASE("a render targets reset or device reset makes the next draw repaint everything") {
  ui::HeadlessTarget target({kW, kH});
  kiosk::ScreenOutput output(target.renderer(), kW, kH, kiosk::BrandingConfig{}, SPEEDMEET_SOURCE_ASSETS);
  const auto& s = sample("result-next-partner-waiting");

  output.draw(s.screen, s.context);
  target.present();
  REQUIRE(output.last_draw_was_full());
  const auto first = pixels(target);
  output.draw(s.screen, s.context);  // the kept frame catches up with the new screen
  output.draw(s.screen, s.context);  // nothing changed: the kept frame is reused
  REQUIRE_FALSE(output.last_draw_was_full());

  SECTION("targets reset") {
    REQUIRE(output.handle(event_of(SDL_RENDER_TARGETS_RESET)));
  }
  SECTION("device reset") {
    REQUIRE(output.handle(event_of(SDL_RENDER_DEVICE_RESET)));
  }
  // The software renderer keeps its pixels through a simulated reset: that
  // a full repaint happened is last_draw_was_full()'s to show; the pixels
  // show that it painted the same picture from emptied caches.
  output.draw(s.screen, s.context);
  target.present();
  REQUIRE(output.last_draw_was_full());
  REQUIRE(pixels(target) == first);
  output.draw(s.screen, s.context);
  target.present();
  REQUIRE(pixels(target) == first);
  output.draw(s.screen, s.context);
  REQUIRE_FALSE(output.last_draw_was_full());
}

TEST_CASE("other events leave the kept frame alone") {
  ui::HeadlessTarget target({kW, kH});
  kiosk::ScreenOutput output(target.renderer(), kW, kH, kiosk::BrandingConfig{}, SPEEDMEET_SOURCE_ASSETS);
  const auto& s = sample("idle");
  output.draw(s.screen, s.context);
  output.draw(s.screen, s.context);
  for (std::uint32_t type : {std::uint32_t{SDL_KEYDOWN}, std::uint32_t{SDL_WINDOWEVENT}, std::uint32_t{SDL_TEXTINPUT}})
    REQUIRE_FALSE(output.handle(event_of(type)));
  output.draw(s.screen, s.context);
  REQUIRE_FALSE(output.last_draw_was_full());
}
