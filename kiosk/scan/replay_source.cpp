#include "scan/replay_source.hpp"

#include <thread>

#include "scan/sdl/image_file.hpp"

namespace speedmeet::scan {
namespace {

std::vector<qr::GrayImage> load_all(const std::vector<std::string>& files) {
  std::vector<qr::GrayImage> images;
  images.reserve(files.size());
  for (const auto& f : files) images.push_back(load_gray_image(f));
  return images;
}

}  // namespace

ReplaySource::ReplaySource(const std::vector<std::string>& files, ReplaySettings settings)
    : ReplaySource(load_all(files), settings) {}

ReplaySource::ReplaySource(std::vector<qr::GrayImage> images, ReplaySettings settings)
    : images_(std::move(images)), settings_(settings) {
  if (images_.empty()) throw ImageFileError("replay: no image files to play");
}

ReplaySource ReplaySource::from_folder(const std::string& folder, ReplaySettings settings) {
  const auto files = image_files_in(folder);
  if (files.empty()) throw ImageFileError(folder + ": no image files (png, jpg, jpeg, webp, bmp)");
  return ReplaySource(files, settings);
}

bool ReplaySource::finished() const {
  if (settings_.frame_limit > 0) return delivered_ >= settings_.frame_limit;
  return !settings_.loop && delivered_ >= images_.size();
}

std::optional<GrayFrame> ReplaySource::next_frame(std::chrono::milliseconds timeout) {
  if (finished()) return std::nullopt;
  const auto now = ScanClock::now();
  if (delivered_ == 0) next_due_ = now;
  if (settings_.frames_per_second > 0) {
    if (next_due_ > now + timeout) {
      std::this_thread::sleep_for(timeout);
      return std::nullopt;
    }
    std::this_thread::sleep_until(next_due_);
    // Fixed cadence like a camera: a late reader gets the next frames at
    // once rather than shifting the whole schedule.
    next_due_ += std::chrono::duration_cast<ScanClock::duration>(
        std::chrono::duration<double>(1.0 / settings_.frames_per_second));
  }
  GrayFrame frame;
  frame.image = images_[delivered_ % images_.size()];
  frame.sequence = delivered_++;
  frame.arrived = ScanClock::now();
  return frame;
}

}  // namespace speedmeet::scan
