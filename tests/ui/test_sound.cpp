// The sound player: silent and harmless without audio, queues the tones
// when a device exists (SDL's dummy driver stands in for a speaker).
#include <catch2/catch.hpp>

#include <SDL.h>

#include <cstdlib>

#include "ui/sdl/sdl_sound.hpp"

using namespace speedmeet::ui;
using speedmeet::kiosk::Tone;

TEST_CASE("a disabled player is silent and harmless") {
  SoundPlayer player(false);
  REQUIRE_FALSE(player.audible());
  player.play(Tone::ok);
  player.play(Tone::error);
  REQUIRE(player.queued_bytes() == 0);
}

TEST_CASE("without a usable audio driver the player stays silent") {
  ::setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
  SoundPlayer player;
  REQUIRE_FALSE(player.audible());
  player.play(Tone::attention);
  REQUIRE(player.queued_bytes() == 0);
  ::unsetenv("SDL_AUDIODRIVER");
}

TEST_CASE("with an audio device each tone is queued, the newest replacing the last") {
  ::setenv("SDL_AUDIODRIVER", "dummy", 1);
  SoundPlayer player;
  ::unsetenv("SDL_AUDIODRIVER");
  if (!player.audible()) {
    WARN("SDL was built without its dummy audio driver: nothing to check");
    return;
  }
  for (Tone t : {Tone::ok, Tone::attention, Tone::error}) {
    const auto expected = synthesize(t, 48000).samples.size() * sizeof(std::int16_t);
    player.play(t);
    const auto queued = player.queued_bytes();
    REQUIRE(queued > 0);
    REQUIRE(queued <= expected);  // the previous tone was dropped, the device may have taken some already
  }
}
