#include "ui/tones.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace speedmeet::ui {
namespace {

constexpr double kPeak = 0.45 * 32767;  // loud enough in a hall, never clipping

struct Note {
  double hz = 0;         // 0: silence
  double seconds = 0;
  int harmonics = 1;     // odd harmonics 1, 3, 5... at 1/n (a soft square wave)
};

// One note with a short attack and a release that reaches exactly zero.
void append(std::vector<double>& out, const Note& n, int rate) {
  const auto count = static_cast<std::size_t>(std::lround(n.seconds * rate));
  const double attack = 0.006 * rate, release = 0.030 * rate;
  for (std::size_t i = 0; i < count; ++i) {
    double v = 0;
    if (n.hz > 0) {
      const double t = static_cast<double>(i) / rate;
      double sum = 0, norm = 0;
      for (int h = 1; h <= 2 * n.harmonics - 1; h += 2) {
        if (n.hz * h >= rate / 2.0) break;  // no aliasing
        sum += std::sin(2 * std::numbers::pi * n.hz * h * t) / h;
        norm += 1.0 / h;
      }
      const double from_end = static_cast<double>(count - 1 - i);
      const double envelope = std::min({1.0, i / attack, from_end / release});
      v = sum / norm * envelope;
    }
    out.push_back(v);
  }
}

}  // namespace

Sound synthesize(kiosk::Tone tone, int sample_rate) {
  Sound s;
  s.sample_rate = std::clamp(sample_rate, 8000, 192000);
  std::vector<Note> notes;
  switch (tone) {
    case kiosk::Tone::ok:  // E5 then A5: a rising fourth, "yes"
      notes = {{659.25, 0.11, 2}, {0, 0.02, 1}, {880.0, 0.17, 2}};
      break;
    case kiosk::Tone::attention:  // D5 twice: "look"
      notes = {{587.33, 0.10, 2}, {0, 0.07, 1}, {587.33, 0.10, 2}};
      break;
    case kiosk::Tone::error:  // a low, rough buzz: "no"
      notes = {{155.56, 0.38, 6}};
      break;
  }
  std::vector<double> wave;
  for (const Note& n : notes) append(wave, n, s.sample_rate);
  // Every tone equally loud: its peak at kPeak, whatever its harmonics.
  double peak = 0;
  for (double v : wave) peak = std::max(peak, std::abs(v));
  const double gain = peak > 0 ? kPeak / peak : 0;
  s.samples.reserve(wave.size());
  for (double v : wave) s.samples.push_back(static_cast<std::int16_t>(std::lround(v * gain)));
  return s;
}

}  // namespace speedmeet::ui
