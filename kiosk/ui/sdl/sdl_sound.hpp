#pragma once
// Plays the three tones through SDL audio. Without an audio device (headless,
// CI, a kiosk with no speaker) it stays silent and harmless.
#include <array>
#include <cstdint>

#include "checkin/outcome.hpp"
#include "ui/tones.hpp"

namespace speedmeet::ui {

class SoundPlayer {
 public:
  // enabled = false: never touches SDL audio.
  explicit SoundPlayer(bool enabled = true);
  ~SoundPlayer();
  SoundPlayer(const SoundPlayer&) = delete;
  SoundPlayer& operator=(const SoundPlayer&) = delete;

  // Replaces whatever is still playing: the newest scan speaks.
  void play(kiosk::Tone tone);
  bool audible() const { return device_ != 0; }
  // Bytes still waiting in the device queue (0 when silent).
  std::uint32_t queued_bytes() const;

 private:
  std::uint32_t device_ = 0;  // SDL_AudioDeviceID; 0 = silent
  bool subsystem_ = false;
  std::array<Sound, 3> sounds_;
};

}  // namespace speedmeet::ui
