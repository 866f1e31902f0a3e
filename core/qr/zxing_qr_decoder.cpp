// The decoding half of ZXing-C++ (1.4: DecodeHints, Result, ReadBarcodes);
// the encoding half is qr_encoder.cpp. Moving to 2.x (ReaderOptions, Barcode,
// tryInvert) means editing this file and that one.
#define ZX_USE_UTF8 1  // Result::text() returns UTF-8 std::string
#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>
#include <ZXing/Result.h>

#include <algorithm>
#include <chrono>

#include "qr/finder_scan.hpp"
#include "qr/qr_decoder.hpp"

namespace speedmeet::qr {
namespace {

class Stopwatch {
 public:
  // Microseconds since the previous lap.
  int lap() {
    const auto now = std::chrono::steady_clock::now();
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(now - last_).count();
    last_ = now;
    return static_cast<int>(us);
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

ZXing::ImageView view_of(const GrayImage& image) {
  return {image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum};
}

// Fast: one try, no rotations (ZXing's QR detector is rotation invariant
// anyway), no image pyramid. Two symbols at most: two people at the kiosk.
ZXing::DecodeHints fast_hints() {
  return ZXing::DecodeHints()
      .setFormats(ZXing::BarcodeFormat::QRCode)
      .setTryHarder(false)
      .setTryRotate(false)
      .setTryDownscale(false)
      .setMaxNumberOfSymbols(2);
}

// Full effort on a small region: scans every row for finder patterns.
ZXing::DecodeHints careful_hints() {
  return ZXing::DecodeHints()
      .setFormats(ZXing::BarcodeFormat::QRCode)
      .setTryHarder(true)
      .setTryRotate(false)
      .setTryDownscale(false)
      .setMaxNumberOfSymbols(2);
}

ZXing::DecodeHints thorough_hints() {
  return ZXing::DecodeHints()
      .setFormats(ZXing::BarcodeFormat::QRCode)
      .setTryHarder(true)
      .setTryRotate(true)
      .setTryDownscale(true)
      .setMaxNumberOfSymbols(255);
}

// Results in a view that is `scale` times smaller than the frame and starts
// at (offset_x, offset_y) of the frame.
struct ViewPlacement {
  int offset_x = 0;
  int offset_y = 0;
  int scale = 1;
};

PixelPoint to_frame(const ZXing::PointI& p, const ViewPlacement& placement) {
  return {placement.offset_x + p.x * placement.scale, placement.offset_y + p.y * placement.scale};
}

void collect(const ZXing::Results& results, const ViewPlacement& placement, bool inverted,
             std::vector<DecodedCode>& out) {
  for (const auto& r : results) {
    if (!r.isValid() || r.format() != ZXing::BarcodeFormat::QRCode) continue;
    DecodedCode code;
    code.text = r.text();
    const auto& pos = r.position();
    code.corners = {to_frame(pos.topLeft(), placement), to_frame(pos.topRight(), placement),
                    to_frame(pos.bottomRight(), placement), to_frame(pos.bottomLeft(), placement)};
    code.inverted = inverted;
    const bool seen = std::any_of(out.begin(), out.end(), [&](const DecodedCode& c) { return c.text == code.text; });
    if (!seen) out.push_back(std::move(code));
  }
}

PixelPoint centre(const DecodedCode& c) {
  int x = 0, y = 0;
  for (const auto& p : c.corners) {
    x += p.x;
    y += p.y;
  }
  return {x / 4, y / 4};
}

int height_of(const DecodedCode& c) {
  const auto [lo, hi] = std::minmax({c.corners[0].y, c.corners[1].y, c.corners[2].y, c.corners[3].y});
  return hi - lo;
}

// Reading order: codes whose centres lie within half a code height of each
// other form a row; rows top to bottom, codes in a row left to right.
void sort_reading_order(std::vector<DecodedCode>& codes) {
  std::sort(codes.begin(), codes.end(), [](const auto& a, const auto& b) { return centre(a).y < centre(b).y; });
  for (std::size_t start = 0; start < codes.size();) {
    std::size_t end = start + 1;
    const int row_y = centre(codes[start]).y;
    const int tolerance = std::max(1, height_of(codes[start]) / 2);
    while (end < codes.size() && centre(codes[end]).y - row_y <= tolerance) ++end;
    std::sort(codes.begin() + static_cast<std::ptrdiff_t>(start), codes.begin() + static_cast<std::ptrdiff_t>(end),
              [](const auto& a, const auto& b) { return centre(a).x < centre(b).x; });
    start = end;
  }
}

// One region of the frame through ZXing. Fast: modules of 4+ pixels are
// decoded from the halved crop (a quarter of the pixels), others at full
// resolution, no tryHarder. Careful: full resolution, tryHarder. Negative
// regions are decoded from an inverted copy.
void decode_region(const GrayImage& frame, const FinderRegion& region, bool negative, bool careful,
                   std::vector<DecodedCode>& out) {
  const PixelRect& r = region.rect;
  const bool halve = !careful && region.module >= 4.0f;
  const auto hints = careful ? careful_hints() : fast_hints();
  if (!negative && !halve) {
    collect(ZXing::ReadBarcodes(view_of(frame).cropped(r.x, r.y, r.width, r.height), hints), {r.x, r.y, 1}, false, out);
    return;
  }
  GrayImage part = cropped(frame, r.x, r.y, r.width, r.height, negative);
  if (halve) part = halved(part);
  collect(ZXing::ReadBarcodes(view_of(part), hints), {r.x, r.y, halve ? 2 : 1}, negative, out);
}

// +1 when the scan saw a clear dark-on-light finder pattern that belongs to
// no region (crossed by most scan lines through its centre, modules big
// enough to survive halving), -1 for a light-on-dark one, else 0.
int lone_finder(const FinderScan& scan) {
  auto clear = [](const FinderCandidate& c) {
    const auto step = static_cast<float>(FinderScanSettings{}.row_step);
    return c.module >= 3.0f && static_cast<float>(c.hits) >= 0.6f * 3.0f * c.module / step;
  };
  if (std::any_of(scan.dark_on_light.begin(), scan.dark_on_light.end(), clear)) return 1;
  if (std::any_of(scan.light_on_dark.begin(), scan.light_on_dark.end(), clear)) return -1;
  return 0;
}

}  // namespace

QrDecoder::QrDecoder() : QrDecoder(Settings{}) {}
QrDecoder::QrDecoder(Settings settings) : settings_(settings) {}

std::vector<DecodedCode> QrDecoder::decode_frame(const GrayImage& frame) {
  passes_ = {};
  ++frame_count_;
  std::vector<DecodedCode> codes;
  if (frame.width < 21 || frame.height < 21) return codes;
  Stopwatch watch;

  // The cheap signal first: finder patterns at full resolution, both
  // polarities, grouped into regions where a symbol may be.
  const FinderScan scan = scan_finder_patterns(frame);
  passes_.finder_candidates = static_cast<int>(scan.dark_on_light.size());
  passes_.inverted_finder_candidates = static_cast<int>(scan.light_on_dark.size());
  std::vector<std::pair<FinderRegion, bool>> regions;  // region, negative
  auto take = [&](const std::vector<FinderCandidate>& candidates, bool negative) {
    auto found = regions_around(candidates, frame.width, frame.height);
    if (static_cast<int>(found.size()) > settings_.max_regions) found.resize(static_cast<std::size_t>(settings_.max_regions));
    for (const auto& r : found) regions.emplace_back(r, negative);
  };
  take(scan.dark_on_light, false);
  take(scan.light_on_dark, true);
  passes_.regions = static_cast<int>(regions.size());
  passes_.scan_us = watch.lap();

  // Pass 1, fast: each region as a cropped view, no tryHarder. Normal
  // regions come first; once one decoded, light-on-dark regions are most
  // likely chance patterns in its data modules and are skipped.
  for (const auto& [region, negative] : regions) {
    if (negative && !codes.empty()) break;
    passes_.fast = true;
    passes_.inverted |= negative;
    decode_region(frame, region, negative, false, codes);
  }
  passes_.fast_us = watch.lap();
  if (!codes.empty()) return codes;

  // Pass 2, fuller: finder patterns were seen but nothing decoded: the same
  // crops at full resolution, trying harder.
  for (const auto& [region, negative] : regions) {
    passes_.full = true;
    decode_region(frame, region, negative, true, codes);
  }
  passes_.full_us = watch.lap();
  if (!codes.empty()) return codes;

  // The whole halved frame, for codes the scan could not group: when it saw
  // a lone, clear finder pattern (the other two lost to tilt or glare), and
  // now and then anyway, normal and inverted in turn (heavy blur, odd light).
  const auto every = static_cast<unsigned long>(settings_.whole_frame_every);
  const int lone = regions.empty() ? lone_finder(scan) : 0;
  if (lone != 0 || (every > 0 && frame_count_ % every == 0)) {
    passes_.whole_frame = true;
    const bool negative = lone != 0 ? lone < 0 : (frame_count_ / every) % 2 == 1;
    passes_.inverted |= negative;
    const GrayImage half = halved(frame);
    collect(ZXing::ReadBarcodes(view_of(negative ? inverted(half) : half), fast_hints()), {0, 0, 2}, negative, codes);
  }
  passes_.whole_frame_us = watch.lap();
  return codes;
}

std::vector<DecodedCode> QrDecoder::decode_all(const GrayImage& image) {
  std::vector<DecodedCode> codes;
  if (image.width < 21 || image.height < 21) return codes;
  collect(ZXing::ReadBarcodes(view_of(image), thorough_hints()), {}, false, codes);
  if (codes.empty()) collect(ZXing::ReadBarcodes(view_of(inverted(image)), thorough_hints()), {}, true, codes);
  sort_reading_order(codes);
  return codes;
}

namespace reference {
namespace {

std::vector<std::string> texts_of(const ZXing::Results& results) {
  std::vector<std::string> texts;
  for (const auto& r : results)
    if (r.isValid() && r.format() == ZXing::BarcodeFormat::QRCode) texts.push_back(r.text());
  return texts;
}

}  // namespace

std::vector<std::string> zxing_default_hints(const GrayImage& image) {
  return texts_of(ZXing::ReadBarcodes(view_of(image), ZXing::DecodeHints()));
}

std::vector<std::string> zxing_full_effort(const GrayImage& image) {
  return texts_of(ZXing::ReadBarcodes(view_of(image), ZXing::DecodeHints()
                                                          .setFormats(ZXing::BarcodeFormat::QRCode)
                                                          .setTryHarder(true)
                                                          .setTryRotate(true)
                                                          .setTryDownscale(true)));
}

}  // namespace reference

}  // namespace speedmeet::qr
