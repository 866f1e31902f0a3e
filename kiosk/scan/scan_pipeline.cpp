#include "scan/scan_pipeline.hpp"

#include <stdexcept>

namespace speedmeet::scan {

ScanPipeline::ScanPipeline(std::unique_ptr<FrameDecoder> decoder, PipelineSettings settings, FrameObserver observer)
    : decoder_(std::move(decoder)),
      settings_(settings),
      observer_(std::move(observer)),
      duplicates_(settings.duplicate_window) {
  if (!decoder_) throw std::invalid_argument("ScanPipeline needs a decoder");
  thread_ = std::thread([this] { decoder_loop(); });
}

ScanPipeline::~ScanPipeline() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  frame_ready_.notify_all();
  thread_.join();
}

void ScanPipeline::submit_frame(GrayFrame frame) {
  {
    std::lock_guard lock(mutex_);
    ++counters_.frames_submitted;
    if (slot_) ++counters_.frames_dropped;  // the decoder is busy: the older frame is stale now
    slot_ = std::move(frame);
  }
  frame_ready_.notify_one();
}

void ScanPipeline::submit_text(const std::string& text, ScanOrigin origin, ScanTime seen) {
  if (text.empty()) return;
  {
    std::lock_guard lock(mutex_);
    report(text, origin, seen);
  }
  idle_or_scan_.notify_all();
}

// Called with mutex_ held.
void ScanPipeline::report(const std::string& text, ScanOrigin origin, ScanTime seen) {
  if (!duplicates_.admit(text, seen)) {
    ++counters_.duplicates;
    return;
  }
  if (scans_.size() >= settings_.max_waiting_scans) {
    scans_.pop_front();
    ++counters_.scans_overflowed;
  }
  scans_.push_back({text, origin, seen, ScanClock::now()});
  ++counters_.scans_reported;
}

void ScanPipeline::decoder_loop() {
  for (;;) {
    GrayFrame frame;
    {
      std::unique_lock lock(mutex_);
      frame_ready_.wait(lock, [&] { return stopping_ || slot_.has_value(); });
      if (stopping_) return;
      frame = std::move(*slot_);
      slot_.reset();
      decoding_ = true;
    }
    FrameOutcome outcome;
    outcome.sequence = frame.sequence;
    outcome.arrived = frame.arrived;
    outcome.decode_started = ScanClock::now();
    std::vector<qr::DecodedCode> codes;
    try {
      codes = decoder_->decode(frame.image);
    } catch (const std::exception&) {
      codes.clear();  // one bad frame must not stop the kiosk's eyes
    }
    outcome.decoded = ScanClock::now();
    outcome.codes = codes.size();
    {
      std::lock_guard lock(mutex_);
      for (const auto& code : codes) report(code.text, ScanOrigin::camera, frame.arrived);
      ++counters_.frames_decoded;
    }
    idle_or_scan_.notify_all();
    if (observer_) observer_(outcome);
    {
      std::lock_guard lock(mutex_);
      decoding_ = false;
    }
    idle_or_scan_.notify_all();
  }
}

std::vector<Scan> ScanPipeline::take_scans() {
  std::lock_guard lock(mutex_);
  std::vector<Scan> out(scans_.begin(), scans_.end());
  scans_.clear();
  return out;
}

std::optional<Scan> ScanPipeline::wait_scan(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!idle_or_scan_.wait_for(lock, timeout, [&] { return !scans_.empty(); })) return std::nullopt;
  Scan scan = std::move(scans_.front());
  scans_.pop_front();
  return scan;
}

void ScanPipeline::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_or_scan_.wait(lock, [&] { return !slot_ && !decoding_; });
}

PipelineCounters ScanPipeline::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

CaptureLoop::CaptureLoop(FrameSource& source, ScanPipeline& pipeline) : source_(source), pipeline_(pipeline) {
  thread_ = std::thread([this] {
    while (!stop_ && !source_.finished()) {
      if (auto frame = source_.next_frame(std::chrono::milliseconds(100))) pipeline_.submit_frame(std::move(*frame));
    }
    running_ = false;
    running_.notify_all();
  });
}

CaptureLoop::~CaptureLoop() {
  stop_ = true;
  thread_.join();
}

void CaptureLoop::wait_finished() { running_.wait(true); }

}  // namespace speedmeet::scan
