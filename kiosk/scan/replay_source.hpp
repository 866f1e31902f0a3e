#pragma once
// Image files as a camera: the demo, tests and the benchmark feed pictures
// into the pipeline at a chosen frame rate, once or looping.
#include <cstddef>
#include <string>
#include <vector>

#include "scan/frame_source.hpp"

namespace speedmeet::scan {

struct ReplaySettings {
  double frames_per_second = 30;  // 0: as fast as the reader takes them
  std::size_t frame_limit = 0;    // stop after this many frames; 0: one pass over the files
  bool loop = false;              // start again after the last file (until frame_limit)
};

class ReplaySource : public FrameSource {
 public:
  // Loads every file up front (so that replay speed is not disk speed).
  // Throws ImageFileError for an unreadable file or an empty list.
  ReplaySource(const std::vector<std::string>& files, ReplaySettings settings);
  // All image files of a folder, sorted by name.
  static ReplaySource from_folder(const std::string& folder, ReplaySettings settings);
  // Pictures already in memory.
  ReplaySource(std::vector<qr::GrayImage> images, ReplaySettings settings);

  std::optional<GrayFrame> next_frame(std::chrono::milliseconds timeout) override;
  bool finished() const override;
  std::size_t delivered() const { return delivered_; }

 private:
  std::vector<qr::GrayImage> images_;
  ReplaySettings settings_;
  std::size_t delivered_ = 0;
  ScanTime next_due_{};
};

}  // namespace speedmeet::scan
