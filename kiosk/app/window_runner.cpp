#include "window_runner.hpp"

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <iostream>
#include <memory>
#include <utility>

#include "scan/keyboard_wedge.hpp"
#include "scan/scan_pipeline.hpp"
#include "scan/v4l2/v4l2_camera.hpp"
#include "kiosk_enrolment.hpp"
#include "kiosk_sync.hpp"
#include "screen_output.hpp"
#include "stop_signals.hpp"
#include "ui/sdl/sdl_sound.hpp"

namespace speedmeet::kiosk {
namespace {

using namespace std::chrono;

struct WindowDeleter { void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); } };
struct RendererDeleter { void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); } };

// SDL_Init/SDL_Quit as a scope.
class SdlScope {
 public:
  SdlScope() {
    // SIGTERM and SIGINT are the kiosk's own (StopSignals), not SDL_QUIT
    // events: a full-screen kiosk ignores SDL_QUIT.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_AUDIO | SDL_INIT_EVENTS) != 0 && SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
      throw std::runtime_error(std::string("cannot start the display: ") + SDL_GetError());
  }
  ~SdlScope() { SDL_Quit(); }
  SdlScope(const SdlScope&) = delete;
  SdlScope& operator=(const SdlScope&) = delete;
};

std::optional<Key> kiosk_key(SDL_Keycode key) {
  switch (key) {
    case SDLK_UP: return Key::up;
    case SDLK_DOWN: return Key::down;
    case SDLK_RETURN:
    case SDLK_KP_ENTER: return Key::enter;
    case SDLK_ESCAPE: return Key::escape;
    case SDLK_BACKSPACE: return Key::backspace;
    default: return std::nullopt;
  }
}

scan::WedgeKey wedge_key(SDL_Keycode key) {
  switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER: return scan::WedgeKey::enter;
    case SDLK_TAB: return scan::WedgeKey::tab;
    case SDLK_BACKSPACE: return scan::WedgeKey::backspace;
    case SDLK_ESCAPE: return scan::WedgeKey::escape;
    default: return scan::WedgeKey::other;
  }
}

scan::WedgeSettings wedge_settings(const ScannerConfig& c, bool demo) {
  scan::WedgeSettings s;
  s.terminator = c.terminator == "tab" ? scan::WedgeTerminator::tab : scan::WedgeTerminator::enter;
  s.max_gap = milliseconds{c.max_gap_ms};
  s.accept_typing = c.accept_typing || demo;  // the demo takes participant ids typed by hand
  return s;
}

// While the staff panel's search has the keyboard: people's typing is the
// search's, so only a scanner's burst is a scan.
scan::WedgeSettings bursts_only(scan::WedgeSettings s) {
  s.accept_typing = false;
  return s;
}

SDL_Window* create_plain_window(const WindowOptions& options) {
  return SDL_CreateWindow("speedmeet", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width, options.height,
                          SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
}

// Full screen with or without a window manager. SDL 2 makes a window full
// screen on X11 by asking the window manager (_NET_WM_STATE_FULLSCREEN)
// and takes the display's size as the window's at once: on a bare xinit
// kiosk nobody honours the request, the X window keeps the size it was
// made with while SDL, and so the renderer's output size, claim the
// display's. Made borderless over the whole display in the first place,
// the window fills the screen either way; with a window manager the
// full-screen request still applies (above panels, on the right output).
SDL_Window* create_fullscreen_window() {
  SDL_Rect bounds{0, 0, 1280, 800};
  if (SDL_GetDisplayBounds(0, &bounds) != 0) bounds = {0, 0, 1280, 800};
  return SDL_CreateWindow("speedmeet", bounds.x, bounds.y, bounds.w, bounds.h,
                          SDL_WINDOW_BORDERLESS | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_FULLSCREEN_DESKTOP);
}

class Window {
 public:
  Window(KioskSession& session, KioskSync& sync, const WindowOptions& options)
      : session_(session),
        clock_(session.clock()),
        wedge_(wedge_settings(session.config().scanner, options.simulated_clock)),
        search_wedge_(bursts_only(wedge_settings(session.config().scanner, options.simulated_clock))),
        sync_(sync),
        sound_(session.config().sound),
        notifier_(options.notifier) {
    const bool fullscreen = session.config().fullscreen;
    window_.reset(fullscreen ? create_fullscreen_window() : create_plain_window(options));
    if (!window_) throw std::runtime_error(std::string("cannot open the kiosk window: ") + SDL_GetError());
    renderer_.reset(SDL_CreateRenderer(window_.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    if (!renderer_) renderer_.reset(SDL_CreateRenderer(window_.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!renderer_) throw std::runtime_error(std::string("cannot draw in the kiosk window: ") + SDL_GetError());
    if (fullscreen) SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    SDL_StartTextInput();
    output_size_ = {options.width, options.height};  // should the renderer not say
    output_size_ = renderer_output_size();
    output_ = std::make_unique<ScreenOutput>(renderer_.get(), output_size_.first, output_size_.second,
                                             session.config().branding, find_assets_dir());
    start_camera();
    session_.core().set_clock(clock_.now());
  }

  int run() {
    std::uint64_t drawn_serial = ~0ull;
    auto last_draw = steady_clock::now() - seconds{1};
    if (notifier_) notifier_->ready();
    while (!quit_ && !session_.core().exit_requested()) {
      if (notifier_) notifier_->alive();
      if (stop_requested()) {
        std::cerr << "speedmeet-kiosk: " << stop_signal_name() << ": stopping\n";
        break;
      }
      SDL_Event event;
      if (SDL_WaitEventTimeout(&event, 15)) {
        handle(event);
        while (SDL_PollEvent(&event)) handle(event);
      }
      // The queue came back empty: no key is waiting now (see KeystrokeClock).
      keystrokes_.saw_no_input(scan::ScanClock::now());
      const KioskTime now = clock_.now();
      if (auto s = wedge_.poll(scan::ScanClock::now())) scan(s->text, now);
      if (auto s = search_wedge_.poll(scan::ScanClock::now())) burst_while_searching(s->text, now);
      if (pipeline_)
        for (const auto& s : pipeline_->take_scans()) scan(s.text, now);
      sync_.poll(session_);
      sync_.serve_request(session_.core());
      session_.follow_clock();
      follow_self_check();
      session_.core().tick(now);
      follow_output_size();
      // Redraw on change, and once a second for the clock and countdowns.
      if (force_redraw_ || session_.core().screen_serial() != drawn_serial ||
          steady_clock::now() - last_draw >= milliseconds{500}) {
        force_redraw_ = false;
        drawn_serial = session_.core().screen_serial();
        last_draw = steady_clock::now();
        output_->draw(session_.core().screen(now), session_.context(now, sync_.indicator()));
        SDL_RenderPresent(renderer_.get());
      }
    }
    return 0;
  }

 private:
  // A full-screen kiosk whose display changed (another resolution, another
  // monitor): the same dance as at creation, on the display it is on now.
  void cover_display() {
    if (!session_.config().fullscreen) return;
    const int display = std::max(0, SDL_GetWindowDisplayIndex(window_.get()));
    SDL_Rect bounds{};
    if (SDL_GetDisplayBounds(display, &bounds) != 0) return;
    SDL_SetWindowFullscreen(window_.get(), 0);
    SDL_SetWindowPosition(window_.get(), bounds.x, bounds.y);
    SDL_SetWindowSize(window_.get(), bounds.w, bounds.h);
    SDL_SetWindowFullscreen(window_.get(), SDL_WINDOW_FULLSCREEN_DESKTOP);
  }

  std::pair<int, int> renderer_output_size() const {
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(renderer_.get(), &w, &h) != 0 || w <= 0 || h <= 0) return output_size_;
    return {w, h};
  }

  // Screens are laid out for the pixels the renderer really has, whatever
  // changed them (a resize, a display change, a window manager that made
  // the window full screen late): asked every frame, a cheap call, rather
  // than trusting that every change comes with an event.
  void follow_output_size() {
    const auto size = renderer_output_size();
    if (size == output_size_) return;
    output_size_ = size;
    output_->resize(size.first, size.second);
    force_redraw_ = true;
  }

  void start_camera() {
    const CameraConfig& c = session_.config().camera;
    if (c.device.empty()) return;
    scan::CameraSettings settings;
    settings.device = c.device;
    settings.width = c.width;
    settings.height = c.height;
    settings.frames_per_second = c.fps;
    camera_ = std::make_unique<scan::V4l2Camera>(settings);
    // The pipeline's duplicate filter debounces the camera (a badge in view
    // is one sighting however long it stays); the core's RepeatFilter then
    // applies the 3-second check-in rule to camera and keyboard scans alike.
    pipeline_ = std::make_unique<scan::ScanPipeline>(std::make_unique<scan::CameraQrDecoder>());
    capture_ = std::make_unique<scan::CaptureLoop>(*camera_, *pipeline_);
  }

  // When SDL read an event (its timestamp, SDL_GetTicks() milliseconds),
  // on the scan clock.
  static scan::ScanTime read_at(Uint32 timestamp) {
    const auto now = scan::ScanClock::now();
    const Uint32 age = SDL_GetTicks() - timestamp;  // unsigned: right across the 49-day wrap
    // An event with no stamp (0) or from the future: now.
    if (timestamp == 0 || age > 60'000) return now;
    return now - milliseconds{age};
  }

  void handle(const SDL_Event& event) {
    if (output_->handle(event)) {
      force_redraw_ = true;  // the window shows nothing valid until the next draw
      return;
    }
    switch (event.type) {
      case SDL_QUIT:
        // A fullscreen kiosk is left through the staff panel (or a signal) only.
        if (!session_.config().fullscreen) quit_ = true;
        break;
      case SDL_WINDOWEVENT:
        if (event.window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED) cover_display();
        force_redraw_ = true;  // resized, exposed, shown...: follow_output_size() and a new frame
        break;
      case SDL_DISPLAYEVENT:
        cover_display();
        force_redraw_ = true;
        break;
      case SDL_TEXTINPUT: {
        const scan::KeyTime at = keystrokes_.typed(read_at(event.text.timestamp));
        if (session_.core().wants_text()) {
          // The search field takes what is typed; its own wedge watches for
          // a scanner's burst, which is taken back out of the field once it
          // ends (here: a scanner without suffix, ended by this key's pause).
          if (auto s = search_wedge_.text(event.text.text, at)) burst_while_searching(s->text, clock_.now());
          session_.core().on_text(event.text.text, clock_.now());
        } else if (auto s = wedge_.text(event.text.text, at)) {
          scan(s->text, clock_.now());
        }
        break;
      }
      case SDL_KEYDOWN: {
        const scan::KeyTime at = keystrokes_.typed(read_at(event.key.timestamp));
        const scan::WedgeKey wk = wedge_key(event.key.keysym.sym);
        if (session_.core().wants_text()) {
          if (auto s = search_wedge_.key(wk, at)) {
            burst_while_searching(s->text, clock_.now());
            break;  // the Enter that ended a scan is not a key press for the screens
          }
        } else if (auto s = wedge_.key(wk, at)) {
          scan(s->text, clock_.now());
          break;
        }
        if (auto k = kiosk_key(event.key.keysym.sym)) {
          if (auto checkin = session_.key(*k, clock_.now())) recorded(*checkin);
        }
        break;
      }
      default: break;
    }
  }

  // At start, then every minute, on a thread of its own: quick_check reads
  // the whole database (about 0.2 s for 50,000 journal rows), which the
  // screen must not wait for. Its result is applied here, on this thread.
  void follow_self_check() {
    if (self_check_.valid() && self_check_.wait_for(seconds{0}) == std::future_status::ready)
      session_.apply_self_check(self_check_.get());
    if (self_check_.valid() || steady_clock::now() < next_self_check_) return;
    self_check_ = std::async(std::launch::async, run_self_check, session_.self_check_inputs(), sync_.server_reachable());
    next_self_check_ = steady_clock::now() + minutes{1};
  }

  void scan(const std::string& text, KioskTime now) { recorded(session_.scan(text, now)); }

  // A badge scanned while the search had the keyboard: its characters went
  // to the search field as they came; they leave it, and the scan is a scan.
  void burst_while_searching(const std::string& text, KioskTime now) {
    session_.core().withdraw_text(text);
    scan(text, now);
  }

  // A scan's or a check-in by hand's outcome: sync learns of the new row.
  void recorded(const KioskCore::ScanResult& result) {
    if (const auto tone = tone_for(result)) sound_.play(*tone);
    if (result.recorded) sync_.notify();
    if (!result.recorded && result.decision.outcome != Outcome::ignored)
      std::cerr << "speedmeet-kiosk: check-in not recorded: " << result.error << "\n";
  }

  KioskSession& session_;
  const KioskClock& clock_;  // the session's
  scan::KeyboardWedge wedge_;
  scan::KeyboardWedge search_wedge_;  // while the search has the keyboard: scanner bursts only
  scan::KeystrokeClock keystrokes_;
  KioskSync& sync_;
  ui::SoundPlayer sound_;  // silent where there is no audio device
  std::unique_ptr<SDL_Window, WindowDeleter> window_;
  std::unique_ptr<SDL_Renderer, RendererDeleter> renderer_;
  std::pair<int, int> output_size_{0, 0};  // what the screens are laid out for
  std::unique_ptr<ScreenOutput> output_;
  std::unique_ptr<scan::V4l2Camera> camera_;
  std::unique_ptr<scan::ScanPipeline> pipeline_;
  std::unique_ptr<scan::CaptureLoop> capture_;
  ServiceNotifier* notifier_;
  bool quit_ = false;
  bool force_redraw_ = false;
  steady_clock::time_point next_self_check_{};
  std::future<std::optional<KioskCore::Fault>> self_check_;
};

// "Scan the setup code": the camera and the scanner feed the enroller, whose
// network round trip runs off the UI thread; the screen says what became of
// each code. Ends when the kiosk is enrolled (true) or asked to stop.
class SetupWindow {
 public:
  SetupWindow(const KioskConfig& config, const WindowOptions& options)
      : config_(config), enroller_(config), wedge_(wedge_settings(config.scanner, false)) {
    screen_.language = config.language;
    window_.reset(config.fullscreen ? create_fullscreen_window() : create_plain_window(options));
    if (!window_) throw std::runtime_error(std::string("cannot open the kiosk window: ") + SDL_GetError());
    renderer_.reset(SDL_CreateRenderer(window_.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    if (!renderer_) renderer_.reset(SDL_CreateRenderer(window_.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!renderer_) throw std::runtime_error(std::string("cannot draw in the kiosk window: ") + SDL_GetError());
    if (config.fullscreen) SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    SDL_StartTextInput();
    int w = options.width, h = options.height;
    SDL_GetRendererOutputSize(renderer_.get(), &w, &h);
    output_ = std::make_unique<ScreenOutput>(renderer_.get(), w, h, config.branding, find_assets_dir());
    if (!config.camera.device.empty()) {
      scan::CameraSettings settings;
      settings.device = config.camera.device;
      settings.width = config.camera.width;
      settings.height = config.camera.height;
      settings.frames_per_second = config.camera.fps;
      camera_ = std::make_unique<scan::V4l2Camera>(settings);
      pipeline_ = std::make_unique<scan::ScanPipeline>(std::make_unique<scan::CameraQrDecoder>());
      capture_ = std::make_unique<scan::CaptureLoop>(*camera_, *pipeline_);
    }
  }

  bool run(ServiceNotifier& notifier) {
    notifier.ready();
    auto last_draw = steady_clock::now() - seconds{1};
    while (!stop_requested()) {
      notifier.alive();
      SDL_Event event;
      if (SDL_WaitEventTimeout(&event, 15)) {
        handle(event);
        while (SDL_PollEvent(&event)) handle(event);
      }
      keystrokes_.saw_no_input(scan::ScanClock::now());
      if (auto s = wedge_.poll(scan::ScanClock::now())) offer(s->text);
      if (pipeline_)
        for (const auto& s : pipeline_->take_scans()) offer(s.text);
      if (attempt_.valid() && attempt_.wait_for(seconds{0}) == std::future_status::ready) {
        screen_ = attempt_.get();
        if (enroller_.enrolled()) return true;
        last_draw = steady_clock::now() - seconds{1};
      }
      if (steady_clock::now() - last_draw >= milliseconds{500}) {
        last_draw = steady_clock::now();
        int w = 0, h = 0;
        if (SDL_GetRendererOutputSize(renderer_.get(), &w, &h) == 0 && w > 0 && h > 0) output_->resize(w, h);
        ScreenContext context;
        context.device_name = config_.device_name;
        context.timezone = "UTC";
        context.now = floor<seconds>(system_clock::now());
        output_->draw(screen_, context);
        SDL_RenderPresent(renderer_.get());
      }
    }
    std::cerr << "speedmeet-kiosk: " << stop_signal_name() << ": stopping\n";
    if (attempt_.valid()) attempt_.wait();
    return false;
  }

 private:
  void handle(const SDL_Event& event) {
    if (output_->handle(event)) return;
    if (event.type == SDL_TEXTINPUT) {
      if (auto s = wedge_.text(event.text.text, keystrokes_.typed(scan::ScanClock::now()))) offer(s->text);
    } else if (event.type == SDL_KEYDOWN) {
      if (auto s = wedge_.key(wedge_key(event.key.keysym.sym), keystrokes_.typed(scan::ScanClock::now()))) offer(s->text);
    }
  }

  // One attempt at a time; a code just refused is not sent again while it
  // stays in front of the camera.
  void offer(const std::string& text) {
    if (attempt_.valid()) return;
    if (text == last_offered_ && steady_clock::now() - last_offered_at_ < seconds{10}) return;
    last_offered_ = text;
    last_offered_at_ = steady_clock::now();
    screen_.state = SetupCodeScreen::State::enrolling;
    attempt_ = std::async(std::launch::async, [this, text] { return enroller_.offer(text); });
  }

  const KioskConfig& config_;
  Enroller enroller_;
  scan::KeyboardWedge wedge_;
  scan::KeystrokeClock keystrokes_;
  SetupCodeScreen screen_;
  std::future<SetupCodeScreen> attempt_;
  std::string last_offered_;
  steady_clock::time_point last_offered_at_{};
  std::unique_ptr<SDL_Window, WindowDeleter> window_;
  std::unique_ptr<SDL_Renderer, RendererDeleter> renderer_;
  std::unique_ptr<ScreenOutput> output_;
  std::unique_ptr<scan::V4l2Camera> camera_;
  std::unique_ptr<scan::ScanPipeline> pipeline_;
  std::unique_ptr<scan::CaptureLoop> capture_;
};

}  // namespace

bool run_setup_window(const KioskConfig& config, const WindowOptions& options, ServiceNotifier& notifier) {
  SdlScope sdl;
  SetupWindow window(config, options);
  return window.run(notifier);
}

int run_window(KioskSession& session, KioskSync& sync, const WindowOptions& options) {
  // The demo: simulated time that starts before the first round and runs.
  if (options.simulated_clock) session.clock() = KioskClock::shifted(session.demo_start());
  SdlScope sdl;
  Window window(session, sync, options);
  return window.run();
}

}  // namespace speedmeet::kiosk
