#pragma once
// A V4L2 camera (/dev/videoN) as a frame source: mmap streaming, YUYV (the
// Y plane), MJPEG (decoded to grey) or GREY. It survives unplugging: on any
// device error it closes, says so in problem(), and reopens the device every
// reopen_interval until it is back, without the kiosk restarting.
#include <chrono>
#include <memory>
#include <string>

#include "scan/frame_source.hpp"

namespace speedmeet::scan {

enum class CameraFormat { automatic, yuyv, mjpeg, grey };

struct CameraSettings {
  std::string device = "/dev/video0";  // or a stable /dev/v4l/by-id/... link
  int width = 1280;
  int height = 720;
  int frames_per_second = 30;
  // automatic: YUYV when the camera delivers it at the size and rate asked
  // (no decoding cost), else MJPEG (USB 2 cameras need it for 720p30).
  CameraFormat format = CameraFormat::automatic;
  int buffers = 4;
  std::chrono::milliseconds reopen_interval{1000};
};

// The sentence shown for an errno from opening or configuring the device.
std::string camera_problem(const std::string& device, int error_number);

class V4l2Camera : public FrameSource {
 public:
  // Never throws for a missing or busy device: problem() says what is wrong
  // and next_frame keeps trying.
  explicit V4l2Camera(CameraSettings settings);
  ~V4l2Camera() override;
  V4l2Camera(const V4l2Camera&) = delete;
  V4l2Camera& operator=(const V4l2Camera&) = delete;

  std::optional<GrayFrame> next_frame(std::chrono::milliseconds timeout) override;
  std::string problem() const override;

  // What was negotiated, e.g. "1280x720 MJPEG 30 fps"; empty while closed.
  std::string mode() const;

 private:
  struct Device;
  bool try_open();

  CameraSettings settings_;
  std::unique_ptr<Device> device_;
  std::string problem_;
  ScanTime next_attempt_{};
  std::uint64_t sequence_ = 0;
};

}  // namespace speedmeet::scan
