#pragma once
// The scanning benchmark's corpus: real badges (SM1 codes from the badge
// codec, drawn by the badge renderer) in 1280x720 grey camera frames, with
// rotation up to 45 degrees, perspective tilt, motion and focus blur, noise,
// low light, glare, sizes from 8% to 60% of the frame height, inverted
// phone screens, thumbs over the code; and frames with no badge, or with
// text and patterns that are not QR codes. Seeded: same seed, same frames.
#include <memory>
#include <string>
#include <vector>

#include "scene.hpp"

namespace speedmeet::bench::scan {

struct CorpusFrame {
  GrayImage image;
  std::string expected;  // the code in view; empty when there is none
  std::string kind;      // badge, phone-inverted, occluded, empty, decoy-*
  double code_fraction = 0;  // badge (or phone) height / frame height
};

class CorpusMaker {
 public:
  explicit CorpusMaker(unsigned seed, int width = 1280, int height = 720);
  ~CorpusMaker();
  CorpusMaker(const CorpusMaker&) = delete;
  CorpusMaker& operator=(const CorpusMaker&) = delete;

  CorpusFrame frame(int index) const;

 private:
  struct Assets;
  unsigned seed_;
  int width_;
  int height_;
  std::unique_ptr<Assets> assets_;
};

}  // namespace speedmeet::bench::scan
