#include "headless_runner.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "headless_script.hpp"
#include "domain/input_error.hpp"
#include "scan/sdl/image_file.hpp"
#include "qr/qr_decoder.hpp"
#include "screen_output.hpp"
#include "stop_signals.hpp"
#include "ui/sdl/sdl_headless.hpp"

namespace speedmeet::kiosk {
namespace {

using namespace std::chrono;

// Bound on a script's sync action: a cycle ends by itself (every request has
// its timeouts), this only keeps a script from hanging on a huge feed.
constexpr milliseconds kSyncWait{120'000};
constexpr milliseconds kSelfCheckEvery{60'000};

class Runner {
 public:
  Runner(KioskSession& session, KioskSync& sync, const HeadlessOptions& options)
      : session_(session),
        sync_(sync),
        options_(options),
        frame_(ui::Size{options.width, options.height}),
        output_(frame_.renderer(), options.width, options.height, session.config().branding, find_assets_dir()) {}

  int run(const std::vector<ScriptAction>& actions, KioskTime start) {
    session_.clock().set_device(start);
    now_ = session_.clock().now();
    shots_ = options_.screenshots_taken;
    session_.core().set_clock(now_);
    self_check();
    session_.core().tick(now_);
    render(true);
    if (options_.notifier) options_.notifier->ready();
    for (std::size_t i = options_.skip_actions; i < actions.size(); ++i) {
      const ScriptAction& a = actions[i];
      if (stopped()) break;
      if (options_.notifier) options_.notifier->alive();
      advance(duration_cast<milliseconds>(duration<double>(a.delay_seconds)));
      apply(a);
      // Changes the background sync applied meanwhile (as the window does each frame).
      sync_.poll(session_);
    }
    std::fflush(stdout);
    return 0;
  }

 private:
  // SIGTERM or SIGINT: the script ends where it is, as if it ended there
  // (what was recorded stays recorded), and the program exits 0.
  bool stopped() {
    if (!stop_requested()) return false;
    if (!stop_logged_) std::cerr << "speedmeet-kiosk: " << stop_signal_name() << ": stopping the script\n";
    stop_logged_ = true;
    return true;
  }

  // At start and every simulated minute (script time).
  // A change of state prints one line: {"selfcheck":"E-DISK","problem":"..."}
  // or {"selfcheck":"ok"} once it cleared (nothing while all stays well).
  void self_check() {
    since_check_ = milliseconds{0};
    const auto fault = session_.self_check(sync_.server_reachable());
    if (fault == last_fault_) return;
    last_fault_ = fault;
    nlohmann::json j{{"selfcheck", fault ? fault->code : "ok"}};
    if (fault) j["problem"] = fault->problem;
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n' << std::flush;
  }

  // Time passes in steps of at most a second, so timed screens change when
  // they would on a real kiosk.
  void advance(milliseconds delay) {
    while (delay > milliseconds{0} && !stopped()) {
      const milliseconds step = std::min<milliseconds>(delay, seconds{1});
      delay -= step;
      session_.clock().advance(step);
      now_ = session_.clock().now();
      since_check_ += step;
      if (since_check_ >= kSelfCheckEvery) self_check();
      if (session_.core().tick(now_)) render(false);
    }
  }

  void apply(const ScriptAction& a) {
    switch (a.type) {
      case ScriptAction::Type::scan: scan(a.argument); break;
      case ScriptAction::Type::image: scan(code_in_image(a.argument)); break;
      case ScriptAction::Type::key: key(*parse_key(a.argument)); break;
      case ScriptAction::Type::type:
        session_.core().on_text(a.argument, now_);
        render(false);
        break;
      case ScriptAction::Type::sync: {
        const auto report = sync_.sync_and_wait(kSyncWait);
        sync_.poll(session_);  // what it pulled counts for the next scan
        std::cout << report.json() << '\n' << std::flush;
        render(false);
        break;
      }
      case ScriptAction::Type::clock:
        session_.clock().set_device(parse_clock(a.argument, LocalTimeZone(session_.core().data().event().timezone)));
        now_ = session_.clock().now();
        session_.core().tick(now_);
        render(true);
        break;
      case ScriptAction::Type::wait: break;
      case ScriptAction::Type::stall: stall(a.argument); break;
    }
  }

  // The main loop stops for real seconds, no watchdog pings: what a hung
  // camera driver or a deadlock does to a kiosk, for the watchdog test. A
  // stop signal still ends it.
  void stall(const std::string& seconds_text) {
    std::cerr << "speedmeet-kiosk: stall: the main loop stops for " << seconds_text << " s (script)\n";
    const auto end = steady_clock::now() + duration<double>(std::stod(seconds_text));
    while (steady_clock::now() < end && !stopped()) std::this_thread::sleep_for(milliseconds{20});
  }

  // From decoded code to committed row to rendered frame.
  void scan(const std::optional<std::string>& code) {
    const auto started = steady_clock::now();
    report(session_.scan(code, now_), started);
  }

  // A key; Enter on the staff panel's search checks someone in by hand,
  // reported as a scan is (its JSON line says "manual_by").
  void key(Key k) {
    const auto started = steady_clock::now();
    const auto checkin = session_.key(k, now_);
    sync_.serve_request(session_.core());
    session_.follow_clock();
    now_ = session_.clock().now();
    if (checkin) report(*checkin, started);
    else render(false);
  }

  void report(const KioskCore::ScanResult& result, steady_clock::time_point started) {
    if (result.recorded) sync_.notify();
    render_frame_only();
    const double latency = duration<double, std::milli>(steady_clock::now() - started).count();
    std::cout << scan_json(result, latency) << '\n' << std::flush;
    save_if_changed(false);
  }

  void render_frame_only() {
    output_.draw(session_.core().screen(now_), session_.context(now_, sync_.indicator()));
    frame_.present();
  }

  void render(bool force) {
    render_frame_only();
    save_if_changed(force);
  }

  void save_if_changed(bool force) {
    const auto serial = session_.core().screen_serial();
    if (!force && serial == saved_serial_) return;
    saved_serial_ = serial;
    if (options_.screenshots.empty()) return;
    char name[32];
    std::snprintf(name, sizeof name, "%04d-", ++shots_);
    frame_.save_png(options_.screenshots + "/" + name + screen_name(session_.core().screen(now_)) + ".png");
  }

  KioskSession& session_;
  KioskSync& sync_;
  const HeadlessOptions& options_;
  ui::HeadlessTarget frame_;
  ScreenOutput output_;
  KioskTime now_{};
  milliseconds since_check_{0};
  std::optional<KioskCore::Fault> last_fault_;
  std::uint64_t saved_serial_ = ~0ull;
  int shots_ = 0;
  bool stop_logged_ = false;
};

}  // namespace

std::string read_script_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open the script");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::optional<std::string> code_in_image(const std::string& path) {
  const auto codes = qr::QrDecoder().decode_frame(scan::load_gray_image(path));
  if (codes.empty()) return std::nullopt;
  return codes.front().text;
}

int run_headless(KioskSession& session, KioskSync& sync, const HeadlessOptions& options) {
  const auto actions = parse_script(read_script_text(options.script), options.script);
  if (!options.screenshots.empty()) std::filesystem::create_directories(options.screenshots);
  KioskTime start = session.demo_start();
  for (const auto& [name, value] : {std::pair{"--clock", options.clock}, std::pair{"--device-clock", options.device_clock}}) {
    if (!value) continue;
    try {
      start = parse_clock(*value, LocalTimeZone(session.core().data().event().timezone));
    } catch (const std::invalid_argument& e) {
      throw InputError(name, 0, "", e.what());
    }
  }
  Runner runner(session, sync, options);
  return runner.run(actions, start);
}

}  // namespace speedmeet::kiosk
