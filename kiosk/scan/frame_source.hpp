#pragma once
// Where frames come from: a V4L2 camera, image files, a replayed folder.
// The kiosk and tests only see this interface.
#include <chrono>
#include <optional>
#include <string>

#include <cstdint>

#include "qr/gray_image.hpp"
#include "scan/scan_time.hpp"

namespace speedmeet::scan {

// A picture from a source, stamped when it arrived.
struct GrayFrame {
  qr::GrayImage image;
  ScanTime arrived{};
  std::uint64_t sequence = 0;  // per source, increasing
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;

  // Waits up to `timeout` for the next frame, stamped with its arrival
  // time. nullopt: nothing this time (see problem() and finished()).
  virtual std::optional<GrayFrame> next_frame(std::chrono::milliseconds timeout) = 0;

  // One sentence for the staff panel when the source cannot deliver (camera
  // missing, busy, unplugged), empty when all is well.
  virtual std::string problem() const { return {}; }

  // True once the source will never deliver again (a folder played once).
  virtual bool finished() const { return false; }
};

}  // namespace speedmeet::scan
