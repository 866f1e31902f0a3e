#pragma once
// QR decoding for the kiosk and `speedmeet decode`. The implementation is the
// only decoding file that talks to ZXing-C++ (zxing_qr_decoder.cpp; encoding
// is qr_encoder.cpp), so a move to ZXing 2.x (ReaderOptions, Barcode) touches
// those two files.
//
// Two modes:
//  * decode_frame: camera frames, tuned for speed. The cheap signal comes
//    first: a scan for QR finder patterns (both polarities) at full
//    resolution. Where it finds some, a fast pass decodes cropped views
//    (halved when the modules are big); only if that fails, a fuller pass
//    (full resolution, tryHarder) on the same crops. Light-on-dark finder
//    patterns get the negative crop (dark-mode phone screens). Every few
//    frames, a safety net decodes the whole halved frame, normal and
//    inverted in turn, for codes the scan cannot see. See docs/SCANNING.md.
//  * decode_all: whole files (badge photos, badge sheets), every code found,
//    thorough effort.
#include <array>
#include <string>
#include <vector>

#include "qr/gray_image.hpp"

namespace speedmeet::qr {

struct PixelPoint {
  int x = 0;
  int y = 0;
};

struct DecodedCode {
  std::string text;                    // UTF-8
  std::array<PixelPoint, 4> corners{}; // top-left, top-right, bottom-right, bottom-left, image pixels
  bool inverted = false;               // light modules on a dark background
};

// Which passes the last decode_frame ran: diagnostics and the benchmark.
struct DecodePasses {
  int finder_candidates = 0;           // dark-on-light finder patterns seen
  int inverted_finder_candidates = 0;  // light-on-dark ones
  int regions = 0;                     // candidate groups decoded (both polarities)
  bool fast = false;                   // cropped views, no tryHarder
  bool full = false;                   // full-resolution crops with tryHarder, after a fast miss
  bool inverted = false;               // a negative view was decoded
  bool whole_frame = false;            // the periodic safety net ran
  // Time spent per stage, microseconds: what a slow frame spent its time on.
  int scan_us = 0;
  int fast_us = 0;
  int full_us = 0;
  int whole_frame_us = 0;
};

class QrDecoder {
 public:
  struct Settings {
    // One frame in this many without a code also gets the whole halved
    // frame decoded, normal and inverted in turn (so each polarity every
    // 2n frames). 0 turns the safety net off.
    int whole_frame_every = 4;
    int max_regions = 3;  // per polarity, strongest first: bounds the work on busy scenes
  };

  QrDecoder();
  explicit QrDecoder(Settings settings);

  // Codes in one camera frame (usually zero or one). Not thread-safe: one
  // decoder per thread (it counts frames for the periodic safety net).
  std::vector<DecodedCode> decode_frame(const GrayImage& frame);
  const DecodePasses& last_passes() const { return passes_; }

  // Every code in a picture, in reading order (top to bottom, left to right).
  // Thorough: tryHarder, rotations, downscaling; the negative when nothing
  // is found the normal way.
  static std::vector<DecodedCode> decode_all(const GrayImage& image);

 private:
  Settings settings_;
  DecodePasses passes_;
  unsigned long frame_count_ = 0;
};

// Baselines for the benchmark and tests, same library, other settings.
namespace reference {
// A naive integration: ReadBarcodes with default hints (every format,
// tryHarder, tryRotate, tryDownscale). Returns the texts of QR codes found.
std::vector<std::string> zxing_default_hints(const GrayImage& image);
// QR only at full effort: tryHarder, tryRotate, tryDownscale.
std::vector<std::string> zxing_full_effort(const GrayImage& image);
}  // namespace reference

}  // namespace speedmeet::qr
