// SDL audio lives here only.
#include "ui/sdl/sdl_sound.hpp"

#include <SDL.h>

namespace speedmeet::ui {
namespace {

constexpr int kRate = 48000;

std::size_t index_of(kiosk::Tone t) { return static_cast<std::size_t>(t); }

}  // namespace

SoundPlayer::SoundPlayer(bool enabled) {
  if (!enabled) return;
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return;  // no audio driver: silent
  subsystem_ = true;
  SDL_AudioSpec want{};
  want.freq = kRate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  SDL_AudioSpec have{};
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // SDL converts to the device's format
  if (device_ == 0) return;
  for (kiosk::Tone t : {kiosk::Tone::ok, kiosk::Tone::attention, kiosk::Tone::error}) sounds_[index_of(t)] = synthesize(t, kRate);
  SDL_PauseAudioDevice(device_, 0);
}

SoundPlayer::~SoundPlayer() {
  if (device_ != 0) SDL_CloseAudioDevice(device_);
  if (subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SoundPlayer::play(kiosk::Tone tone) {
  if (device_ == 0) return;
  const Sound& s = sounds_[index_of(tone)];
  SDL_ClearQueuedAudio(device_);
  SDL_QueueAudio(device_, s.samples.data(), static_cast<Uint32>(s.samples.size() * sizeof(std::int16_t)));
}

std::uint32_t SoundPlayer::queued_bytes() const { return device_ == 0 ? 0 : SDL_GetQueuedAudioSize(device_); }

}  // namespace speedmeet::ui
