#pragma once
// Hand-built screens covering every screen, outcome, reason, phase, table
// state and sync state: the screenshot tests and the docs/screens PNGs use
// them.
#include <string>
#include <vector>

#include "checkin/screens.hpp"

namespace speedmeet::ui::samples {

struct Sample {
  std::string name;  // file name without .png, e.g. "result-welcome"
  kiosk::Screen screen;
  kiosk::ScreenContext context;
};

// long_names: every person and organization name is 60 characters long
// (accents included), to prove nothing overflows.
std::vector<Sample> all(bool long_names = false);
// Result screens with Arabic, Hebrew, emoji and 60-character names
// (kiosk-names-*): shaped, right to left, fallback font, wrapped.
std::vector<Sample> names();

// The sample of that name (built once); throws std::invalid_argument when
// there is none, so a renamed sample fails its test rather than reading
// past the end.
const Sample& find(const std::string& name, bool long_names = false);

// A 60-code-point string starting with `seed` (UTF-8 aware).
std::string sixty(const std::string& seed);
std::size_t code_points(const std::string& s);

// Local wall-clock time on the sample event's day (Europe/Luxembourg).
Instant local(int hour, int minute, int second = 0);

}  // namespace speedmeet::ui::samples
