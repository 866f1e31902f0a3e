// Latest frame wins: a folder replayed at 30 fps for 1,000 frames through the
// real decoder, with now and then a frame that takes several frame times to
// decode. The pipeline must drop frames rather than queue them, so the delay
// from arrival to decode at the end is what it was at the start.
#include <catch2/catch.hpp>

#include <algorithm>
#include <mutex>
#include <thread>

#include "scan/sdl/image_file.hpp"
#include "qr/qr_encoder.hpp"
#include "scan/replay_source.hpp"
#include "scan/scan_pipeline.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet::scan;
using namespace speedmeet::qr;
using std::chrono::milliseconds;

namespace {

constexpr int kFrames = 1000;
constexpr double kFps = 30;
constexpr auto kFrameInterval = milliseconds(33);
constexpr int kStallEvery = 50;          // one frame in 50...
constexpr auto kStall = milliseconds(120);  // ...takes ~4 frame times

// The real camera decoder, made slow on some frames (a heavy full pass, the
// machine busy elsewhere).
class StallingDecoder : public FrameDecoder {
 public:
  std::vector<DecodedCode> decode(const GrayImage& frame) override {
    if (++calls_ % kStallEvery == 0) std::this_thread::sleep_for(kStall);
    return real_.decode(frame);
  }

 private:
  CameraQrDecoder real_;
  int calls_ = 0;
};

double median_ms(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double ms(ScanClock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

}  // namespace

TEST_CASE("1,000 frames at 30 fps: slow frames are dropped, never queued; delay stays flat", "[scan][pipeline]") {
  speedmeet::test::TempDir dir;
  // Small pictures: two badges and an empty view, like someone walking by.
  for (const auto& [name, text] : {std::pair{"1.png", "replay-badge-A"}, std::pair{"2.png", ""}, std::pair{"3.png", "replay-badge-B"}}) {
    GrayImage image(320, 240, 170);
    if (*text) {
      const GrayImage qr = render_qr(text, 3);
      for (int y = 0; y < qr.height; ++y)
        for (int x = 0; x < qr.width; ++x) image.at(60 + x, 30 + y) = qr.at(x, y);
    }
    save_gray_png(image, dir.file(name));
  }

  std::mutex outcomes_mutex;
  std::vector<FrameOutcome> outcomes;
  ScanPipeline pipeline(std::make_unique<StallingDecoder>(), PipelineSettings{},
                        [&](const FrameOutcome& o) {
                          std::lock_guard lock(outcomes_mutex);
                          outcomes.push_back(o);
                        });
  ReplaySettings replay;
  replay.frames_per_second = kFps;
  replay.loop = true;
  replay.frame_limit = kFrames;
  auto source = ReplaySource::from_folder(dir.path().string(), replay);
  {
    CaptureLoop capture(source, pipeline);
    capture.wait_finished();
  }
  pipeline.wait_idle();

  const PipelineCounters c = pipeline.counters();
  CHECK(c.frames_submitted == kFrames);
  // Every frame was either decoded or replaced by a newer one: none waits.
  CHECK(c.frames_decoded + c.frames_dropped == kFrames);
  // Each stall of ~4 frame times drops the frames that arrived meanwhile
  // but one; with a queue instead, nothing would be dropped.
  const int stalls = static_cast<int>(c.frames_decoded) / kStallEvery;
  CHECK(stalls >= 15);
  CHECK(c.frames_dropped >= static_cast<std::uint64_t>(stalls));
  CHECK(c.frames_dropped <= static_cast<std::uint64_t>(stalls * 6));

  std::lock_guard lock(outcomes_mutex);
  REQUIRE(outcomes.size() == c.frames_decoded);
  std::vector<double> waits;  // arrival -> decoder picks it up
  std::vector<double> delays;  // arrival -> decoded
  for (const auto& o : outcomes) {
    waits.push_back(ms(o.decode_started - o.arrived));
    delays.push_back(ms(o.decoded - o.arrived));
  }
  // Frames are decoded in arrival order, newest wins: sequence only grows.
  CHECK(std::is_sorted(outcomes.begin(), outcomes.end(),
                       [](const FrameOutcome& a, const FrameOutcome& b) { return a.sequence < b.sequence; }));
  // No backlog: the last frames wait no longer than the first ones, give or
  // take two frame intervals (a queue would add ~3 frame times per stall,
  // seconds by the end).
  const std::size_t n = std::min<std::size_t>(100, delays.size() / 4);
  const std::vector<double> first(delays.begin(), delays.begin() + static_cast<std::ptrdiff_t>(n));
  const std::vector<double> last(delays.end() - static_cast<std::ptrdiff_t>(n), delays.end());
  CAPTURE(median_ms(first), median_ms(last), *std::max_element(waits.begin(), waits.end()));
  CHECK(median_ms(last) <= median_ms(first) + 2 * ms(kFrameInterval));
  // Nobody waits for more than the one stall in progress plus a frame or two.
  CHECK(*std::max_element(waits.begin(), waits.end()) <= ms(kStall) + 2 * ms(kFrameInterval));

  // The badges were in view all along: each reported exactly once.
  const auto scans = pipeline.take_scans();
  std::vector<std::string> texts;
  for (const auto& s : scans) {
    texts.push_back(s.text);
    CHECK(s.origin == ScanOrigin::camera);
    CHECK(ms(s.reported - s.seen) <= ms(kStall) + 3 * ms(kFrameInterval));
  }
  std::sort(texts.begin(), texts.end());
  CHECK(texts == std::vector<std::string>{"replay-badge-A", "replay-badge-B"});
  CHECK(c.duplicates > 100);
}

TEST_CASE("wedge text and camera codes share the duplicate filter", "[scan][pipeline]") {
  ScanPipeline pipeline(std::make_unique<CameraQrDecoder>());
  const auto now = ScanClock::now();
  pipeline.submit_text("SM1.same", ScanOrigin::wedge, now);
  GrayFrame frame;
  frame.image = render_qr("SM1.same", 3);
  frame.arrived = now + milliseconds(500);
  pipeline.submit_frame(frame);
  pipeline.wait_idle();
  pipeline.submit_text("SM1.other", ScanOrigin::typed, now + milliseconds(600));
  pipeline.submit_text("", ScanOrigin::typed, now + milliseconds(700));  // ignored
  const auto scans = pipeline.take_scans();
  REQUIRE(scans.size() == 2);
  CHECK(scans[0].text == "SM1.same");
  CHECK(scans[0].origin == ScanOrigin::wedge);
  CHECK(scans[1].text == "SM1.other");
  CHECK(pipeline.counters().duplicates == 1);
  CHECK_FALSE(pipeline.wait_scan(milliseconds(1)));
}

TEST_CASE("a decoder that throws loses that frame only", "[scan][pipeline]") {
  struct Flaky : FrameDecoder {
    int calls = 0;
    std::vector<DecodedCode> decode(const GrayImage&) override {
      if (++calls == 1) throw std::runtime_error("bad frame");
      return {DecodedCode{"after-error", {}, false}};
    }
  };
  ScanPipeline pipeline(std::make_unique<Flaky>());
  GrayFrame frame;
  frame.image = GrayImage(32, 32, 0);
  frame.arrived = ScanClock::now();
  pipeline.submit_frame(frame);
  pipeline.wait_idle();
  pipeline.submit_frame(frame);
  const auto scan = pipeline.wait_scan(std::chrono::seconds(5));
  REQUIRE(scan);
  CHECK(scan->text == "after-error");
  CHECK(pipeline.counters().frames_decoded == 2);
}

TEST_CASE("waiting scans are bounded when nobody takes them", "[scan][pipeline]") {
  PipelineSettings settings;
  settings.max_waiting_scans = 4;
  ScanPipeline pipeline(std::make_unique<CameraQrDecoder>(), settings);
  const auto now = ScanClock::now();
  for (int i = 0; i < 10; ++i) pipeline.submit_text("code-" + std::to_string(i), ScanOrigin::wedge, now);
  const auto scans = pipeline.take_scans();
  REQUIRE(scans.size() == 4);
  CHECK(scans.front().text == "code-6");
  CHECK(pipeline.counters().scans_overflowed == 6);
}
