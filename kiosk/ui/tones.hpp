#pragma once
// The kiosk's three sounds, synthesized (no sound files to ship or lose):
// ok — two rising notes; attention — one mid note twice; error — a low buzz.
// Pure: samples out, the SDL backend plays them.
#include <cstdint>
#include <vector>

#include "checkin/outcome.hpp"

namespace speedmeet::ui {

struct Sound {
  int sample_rate = 48000;
  std::vector<std::int16_t> samples;  // mono
};

// Short (< 0.5 s), peak at most half of full scale, starting and ending at
// silence (no clicks).
Sound synthesize(kiosk::Tone tone, int sample_rate = 48000);

}  // namespace speedmeet::ui
