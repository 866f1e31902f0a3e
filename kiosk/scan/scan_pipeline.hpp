#pragma once
// The scanning pipeline: frames in, scans out, never behind the camera.
//
// Decoding runs on its own thread. Frames wait in a single slot: a newer
// frame replaces one not yet taken (latest frame wins), so a slow frame
// makes the pipeline drop frames, never queue them, and the delay from
// arrival to scan cannot grow. Codes from the camera and text from
// keyboard-wedge scanners pass the same duplicate filter (3 s).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "scan/duplicate_filter.hpp"
#include "scan/frame_source.hpp"
#include "qr/qr_decoder.hpp"

namespace speedmeet::scan {

// Frame -> codes. The real one is the QR decoder's camera mode; tests wrap it.
class FrameDecoder {
 public:
  virtual ~FrameDecoder() = default;
  virtual std::vector<qr::DecodedCode> decode(const qr::GrayImage& frame) = 0;
};

class CameraQrDecoder : public FrameDecoder {
 public:
  CameraQrDecoder() = default;
  explicit CameraQrDecoder(qr::QrDecoder::Settings settings) : decoder_(settings) {}
  std::vector<qr::DecodedCode> decode(const qr::GrayImage& frame) override { return decoder_.decode_frame(frame); }

 private:
  qr::QrDecoder decoder_;
};

enum class ScanOrigin { camera, wedge, typed, file };

struct Scan {
  std::string text;
  ScanOrigin origin = ScanOrigin::camera;
  ScanTime seen{};      // frame arrival, or the scanner's last key
  ScanTime reported{};  // when the pipeline handed it out
};

// What happened to one decoded frame; observers get it on the decoder thread.
struct FrameOutcome {
  std::uint64_t sequence = 0;
  ScanTime arrived{};
  ScanTime decode_started{};
  ScanTime decoded{};
  std::size_t codes = 0;
};

struct PipelineCounters {
  std::uint64_t frames_submitted = 0;
  std::uint64_t frames_decoded = 0;
  std::uint64_t frames_dropped = 0;    // replaced in the slot before decoding
  std::uint64_t scans_reported = 0;
  std::uint64_t duplicates = 0;        // codes seen again within the window
  std::uint64_t scans_overflowed = 0;  // reported but never taken (queue full)
};

struct PipelineSettings {
  std::chrono::milliseconds duplicate_window{3000};
  std::size_t max_waiting_scans = 64;  // bounded, should the UI stop taking them
};

class ScanPipeline {
 public:
  using FrameObserver = std::function<void(const FrameOutcome&)>;

  explicit ScanPipeline(std::unique_ptr<FrameDecoder> decoder, PipelineSettings settings = {},
                        FrameObserver observer = {});
  ~ScanPipeline();  // stops the decoder thread after the frame in hand
  ScanPipeline(const ScanPipeline&) = delete;
  ScanPipeline& operator=(const ScanPipeline&) = delete;

  // Camera side. Never blocks on decoding.
  void submit_frame(GrayFrame frame);
  // Keyboard-wedge scans, typed entries, file picks: straight to the filter.
  void submit_text(const std::string& text, ScanOrigin origin, ScanTime seen);

  // UI side: the scans reported since the last call, oldest first.
  std::vector<Scan> take_scans();
  // Waits up to `timeout` for the next scan (headless runs, tests).
  std::optional<Scan> wait_scan(std::chrono::milliseconds timeout);
  // Waits until no frame is waiting or being decoded.
  void wait_idle();

  PipelineCounters counters() const;

 private:
  void decoder_loop();
  void report(const std::string& text, ScanOrigin origin, ScanTime seen);

  std::unique_ptr<FrameDecoder> decoder_;
  PipelineSettings settings_;
  FrameObserver observer_;

  mutable std::mutex mutex_;
  std::condition_variable frame_ready_;
  std::condition_variable idle_or_scan_;
  std::optional<GrayFrame> slot_;
  bool decoding_ = false;
  bool stopping_ = false;
  DuplicateFilter duplicates_;
  std::deque<Scan> scans_;
  PipelineCounters counters_;
  std::thread thread_;  // last: starts after everything above exists
};

// Pulls frames from a source into a pipeline on its own thread (the camera
// thread), until destroyed or the source is finished.
class CaptureLoop {
 public:
  CaptureLoop(FrameSource& source, ScanPipeline& pipeline);
  ~CaptureLoop();
  CaptureLoop(const CaptureLoop&) = delete;
  CaptureLoop& operator=(const CaptureLoop&) = delete;

  bool running() const { return running_; }
  void wait_finished();  // until the source is finished

 private:
  FrameSource& source_;
  ScanPipeline& pipeline_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> running_{true};
  std::thread thread_;
};

}  // namespace speedmeet::scan
