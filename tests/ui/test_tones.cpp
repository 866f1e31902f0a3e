// The three sounds, checked as signals: length, loudness, no clicks, pitch.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>

#include "ui/tones.hpp"

using namespace speedmeet::ui;
using speedmeet::kiosk::Tone;

namespace {

constexpr int kRate = 48000;

int peak(const std::vector<std::int16_t>& s, std::size_t from = 0, std::size_t to = SIZE_MAX) {
  int p = 0;
  for (std::size_t i = from; i < std::min(to, s.size()); ++i) p = std::max(p, std::abs(static_cast<int>(s[i])));
  return p;
}

// Frequency from upward zero crossings in [from, to) samples.
double pitch(const std::vector<std::int16_t>& s, std::size_t from, std::size_t to) {
  int crossings = 0;
  for (std::size_t i = from + 1; i < to; ++i) crossings += s[i - 1] < 0 && s[i] >= 0;
  return crossings * static_cast<double>(kRate) / static_cast<double>(to - from);
}

std::size_t at(double seconds) { return static_cast<std::size_t>(seconds * kRate); }

}  // namespace

TEST_CASE("every tone is short, loud enough, below clipping, and starts and ends in silence") {
  for (Tone t : {Tone::ok, Tone::attention, Tone::error}) {
    const Sound s = synthesize(t, kRate);
    REQUIRE(s.sample_rate == kRate);
    REQUIRE(s.samples.size() > at(0.2));
    REQUIRE(s.samples.size() < at(0.5));
    REQUIRE(peak(s.samples) <= 32767 / 2);
    REQUIRE(peak(s.samples) > 32767 / 4);
    REQUIRE(std::abs(s.samples.front()) < 300);
    REQUIRE(std::abs(s.samples.back()) < 300);
    REQUIRE(synthesize(t, kRate).samples == s.samples);  // deterministic
  }
}

TEST_CASE("ok is two rising notes") {
  const auto s = synthesize(Tone::ok, kRate).samples;
  const double first = pitch(s, at(0.01), at(0.10)), second = pitch(s, at(0.14), at(0.28));
  REQUIRE(first == Approx(659.25).epsilon(0.05));
  REQUIRE(second == Approx(880.0).epsilon(0.05));
  REQUIRE(peak(s, at(0.112), at(0.128)) == 0);  // the gap between them
}

TEST_CASE("attention is one mid note twice") {
  const auto s = synthesize(Tone::attention, kRate).samples;
  const double first = pitch(s, at(0.01), at(0.09)), second = pitch(s, at(0.18), at(0.26));
  REQUIRE(first == Approx(587.33).epsilon(0.05));
  REQUIRE(second == Approx(first).epsilon(0.02));
  REQUIRE(peak(s, at(0.105), at(0.165)) == 0);
}

TEST_CASE("error is a low buzz with harmonics") {
  const auto s = synthesize(Tone::error, kRate).samples;
  REQUIRE(pitch(s, at(0.02), at(0.34)) < 200);
  // A square-ish wave: much of the time near the peak, unlike a sine.
  const int p = peak(s, at(0.05), at(0.3));
  int high = 0;
  for (std::size_t i = at(0.05); i < at(0.3); ++i) high += std::abs(static_cast<int>(s[i])) > p * 6 / 10;
  REQUIRE(high > static_cast<int>(at(0.25)) / 2);
}

TEST_CASE("the sample rate is honoured and bounded") {
  REQUIRE(synthesize(Tone::ok, 22050).sample_rate == 22050);
  REQUIRE(synthesize(Tone::ok, 22050).samples.size() < synthesize(Tone::ok, 48000).samples.size());
  REQUIRE(synthesize(Tone::ok, 1).sample_rate == 8000);
}
