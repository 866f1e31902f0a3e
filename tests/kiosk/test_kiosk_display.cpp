// The real speedmeet-kiosk on a real X server with no window manager, as a
// bare xinit kiosk runs: full screen fills the screen whatever its size
// (checked on the X server's own screenshot), and SIGTERM or SIGINT end
// every mode cleanly — exit 0, journal closed — within the 2 s that
// `systemctl stop` and a shutdown allow (issue 12's acceptance figure,
// printed by each test).
#include <catch2/catch.hpp>

#include <signal.h>
#include <stdlib.h>

#include <cstdlib>

#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <thread>

#include <sqlite3.h>

#include "kiosk_run.hpp"
#include "x_display.hpp"

using namespace speedmeet::test;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {

// A clean stop must be over this soon after the signal (the bound;
// a kiosk here takes a few hundred ms, ASan included).
constexpr milliseconds kStopBound{2000};
// Starting a kiosk under ASan on a loaded machine takes seconds.
constexpr seconds kStartBound{90};
constexpr Rgb kBlack{0, 0, 0};  // Xvfb -br: what no window covers

// Whether the kiosks started next are leak-checked (under ASan): the
// options this test was given, with or without detect_leaks=0.
void check_leaks(bool on) {
  static const std::string given = std::getenv("ASAN_OPTIONS") ? std::getenv("ASAN_OPTIONS") : "";
  setenv("ASAN_OPTIONS", (given + (on ? "" : ":detect_leaks=0")).c_str(), 1);
}

std::unique_ptr<ChildProcess> start_kiosk(const TempDir& dir, const std::string& display,
                                          const std::vector<std::string>& mode) {
  setenv("DISPLAY", display.c_str(), 1);
  setenv("SDL_AUDIODRIVER", "dummy", 1);  // no sound card here
  // Under ASan: no leak check of a kiosk on a display. The libraries SDL
  // loads for X11 hold small allocations at exit — libdbus's (SDL 2.26
  // never calls dbus_shutdown) and 112 bytes of a library SDL unloads at
  // SDL_Quit, which no suppression can name. The kiosk's own code (session,
  // core, painter) is leak-checked by the headless tests.
  check_leaks(false);
  std::vector<std::string> argv{SPEEDMEET_KIOSK_BIN, "--demo", "--data", dir.file("demo")};
  argv.insert(argv.end(), mode.begin(), mode.end());
  return std::make_unique<ChildProcess>(argv, dir.file("out.txt"), dir.file("err.txt"));
}

// Waits until `ready` holds (or the kiosk died, or kStartBound passed).
bool wait_for(ChildProcess& kiosk, const std::function<bool()>& ready) {
  const auto deadline = steady_clock::now() + kStartBound;
  while (steady_clock::now() < deadline && kiosk.running()) {
    if (ready()) return true;
    std::this_thread::sleep_for(milliseconds(100));
  }
  return false;
}

struct Stopped {
  int exit_code = -1;
  milliseconds took{};
};

// Sends `signal` and waits (20 s at most) for the exit.
Stopped stop(ChildProcess& kiosk, int signal) {
  const auto sent = steady_clock::now();
  kiosk.kill(signal);
  while (kiosk.running() && steady_clock::now() - sent < seconds(20)) std::this_thread::sleep_for(milliseconds(2));
  Stopped s;
  s.took = duration_cast<milliseconds>(steady_clock::now() - sent);
  if (!kiosk.running()) s.exit_code = kiosk.wait();
  return s;
}

void check_clean_stop(const Stopped& s, const TempDir& dir, const std::string& what) {
  std::cout << "speedmeet-kiosk " << what << ": exit " << s.exit_code << " " << s.took.count() << " ms after the signal\n"
            << std::flush;
  INFO(read_file(dir.file("err.txt")));
  CHECK(s.exit_code == 0);
  CHECK(s.took < kStopBound);
  // SQLite removes the write-ahead log when the last connection closes:
  // the journal was closed, not abandoned.
  CHECK(fs::exists(dir.file("demo/demo.db")));
  CHECK_FALSE(fs::exists(dir.file("demo/demo.db-wal")));
}

// The kiosk covers the whole screen: the header band runs along the whole
// top row and the idle screen's ground along the whole bottom row, the
// clock at the header's right end is on screen, and nothing is black.
void check_fills(const XwdImage& shot) {
  const int w = shot.width(), h = shot.height();
  const Rgb header = shot.at(0, 0), ground = shot.at(0, h - 1);
  REQUIRE(header != kBlack);
  REQUIRE(ground != kBlack);
  REQUIRE(header != ground);
  int top_off = 0, bottom_off = 0;
  for (int x = 0; x < w; ++x) {
    top_off += shot.at(x, 0) != header;
    bottom_off += shot.at(x, h - 1) != ground;
  }
  CHECK(top_off == 0);
  CHECK(bottom_off == 0);
  // The header band's height, then ink (the clock) in its last eighth.
  int band = 0;
  while (band < h && shot.at(0, band) == header) ++band;
  CHECK(band > h / 30);
  CHECK(band < h / 4);
  int clock_ink = 0;
  for (int y = 0; y < band; ++y)
    for (int x = w - w / 8; x < w; ++x) clock_ink += shot.at(x, y) != header;
  CHECK(clock_ink > 50);
  int black = 0;
  for (int y = 0; y < h; y += 4)
    for (int x = 0; x < w; x += 4) black += shot.at(x, y) == kBlack;
  CHECK(black == 0);
}

void full_screen_fills(int width, int height, int signal, const char* name) {
  XvfbServer x(width, height);
  TempDir dir;
  auto kiosk = start_kiosk(dir, x.display(), {"--fullscreen"});
  // The first frame is there when both far corners are the kiosk's.
  std::unique_ptr<XwdImage> shot;
  const bool shown = wait_for(*kiosk, [&] {
    shot = std::make_unique<XwdImage>(x.screenshot());
    return shot->at(0, 0) != kBlack && shot->at(width - 1, height - 1) != kBlack;
  });
  INFO(read_file(dir.file("err.txt")));
  REQUIRE(shot);
  REQUIRE(shot->width() == width);
  REQUIRE(shot->height() == height);
  CHECK(shown);
  check_fills(*shot);
  check_clean_stop(stop(*kiosk, signal), dir,
                   std::string("--fullscreen ") + std::to_string(width) + "x" + std::to_string(height) + ", " + name);
}

// xdotool on the test's display; keys go to the focused window, as a
// keyboard's and a USB scanner's do (XTEST).
void xdo(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/xdotool"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = run_process(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// "participant|staff|outcome" for each journal row, oldest first.
std::vector<std::string> journal_of(const std::string& db_path) {
  std::vector<std::string> rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 2000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT coalesce(participant_id, ''), staff, outcome FROM journal ORDER BY seq", -1, &st,
                           nullptr) == SQLITE_OK) {
      auto text = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i))); };
      while (sqlite3_step(st) == SQLITE_ROW) rows.push_back(text(0) + "|" + text(1) + "|" + text(2));
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return rows;
}

}  // namespace

TEST_CASE("in a window, typing goes to the staff panel's search and a scanner's burst is still a scan", "[kiosk]") {
  XvfbServer x(1280, 800);
  TempDir dir;
  auto kiosk = start_kiosk(dir, x.display(), {"--fullscreen"});
  REQUIRE(wait_for(*kiosk, [&] { return x.screenshot().at(1279, 799) != kBlack; }));
  xdo({"search", "--sync", "--name", "^speedmeet$", "windowfocus", "--sync"});
  const std::string db = dir.file("demo/demo.db");
  auto journal_has = [&](const std::string& row) {
    return wait_for(*kiosk, [&] {
      const auto rows = journal_of(db);
      return std::find(rows.begin(), rows.end(), row) != rows.end();
    });
  };
  // The demo takes ids typed by hand as scans: S01 opens the staff panel.
  // People type a key every 200 ms; a scanner's burst is 3 ms a key.
  auto open_search = [&] {
    xdo({"type", "--delay", "200", "S01"});
    xdo({"key", "--delay", "200", "Return", "Down", "Down", "Return"});
  };
  open_search();
  xdo({"type", "--delay", "200", "Marc"});         // Élodie Marchal, Marc Thill
  xdo({"key", "--delay", "200", "Down", "Return"});  // Marc Thill, by hand
  INFO(read_file(dir.file("err.txt")));
  CHECK(journal_has("C09|S01|welcome"));
  std::this_thread::sleep_for(milliseconds(3500));  // S01 again: past the 3-s repeat rule
  open_search();
  xdo({"type", "--delay", "200", "xyz"});
  xdo({"key", "--delay", "3", "P", "0", "9", "Return"});  // a badge's id from a scanner: a scan, not a search
  CHECK(journal_has("P09||welcome"));
  // What was typed into the search never became a scan.
  for (const std::string& row : journal_of(db)) CHECK(row.find("rejected") == std::string::npos);
  check_clean_stop(stop(*kiosk, SIGTERM), dir, "--fullscreen after a check-in by hand, SIGTERM");
}

TEST_CASE("full screen with no window manager fills a 1920x1080 screen; SIGTERM ends it cleanly", "[kiosk][signals]") {
  full_screen_fills(1920, 1080, SIGTERM, "SIGTERM");
}

TEST_CASE("full screen with no window manager fills a 1366x768 screen; SIGINT ends it cleanly", "[kiosk][signals]") {
  full_screen_fills(1366, 768, SIGINT, "SIGINT");
}

TEST_CASE("a windowed kiosk ends cleanly on SIGTERM", "[kiosk][signals]") {
  XvfbServer x(1920, 1080);
  TempDir dir;
  auto kiosk = start_kiosk(dir, x.display(), {"--windowed"});
  // The window (1280x800, centred) shows the kiosk in the screen's middle.
  const bool shown = wait_for(*kiosk, [&] {
    const XwdImage shot = x.screenshot();
    return shot.at(960, 540) != kBlack && shot.at(0, 0) == kBlack;
  });
  INFO(read_file(dir.file("err.txt")));
  REQUIRE(shown);
  check_clean_stop(stop(*kiosk, SIGTERM), dir, "--windowed, SIGTERM");
}

TEST_CASE("a resized window is laid out for its new size", "[kiosk][signals]") {
  XvfbServer x(1920, 1080);
  TempDir dir;
  auto kiosk = start_kiosk(dir, x.display(), {"--windowed"});
  // 1280x800, centred: its top-left corner is at (320, 140).
  const int left = 320, top = 140;
  REQUIRE(wait_for(*kiosk, [&] { return x.screenshot().at(left, top) != kBlack; }));
  // No window manager: the X server resizes the window as asked.
  const auto r = run_process({"/usr/bin/xdotool", "search", "--name", "^speedmeet$", "windowsize", "1000", "600"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Until the kiosk redraws, the X server shows the old frame cut to the
  // new size: wait for a frame laid out for 1000x600 — the header to the
  // new right edge with the clock at its end, the ground along the new
  // bottom row, black beyond.
  const int w = 1000, h = 600;
  auto laid_out = [&](const XwdImage& shot) {
    const Rgb header = shot.at(left, top), ground = shot.at(left, top + h - 1);
    if (header == kBlack || ground == kBlack || header == ground) return false;
    if (shot.at(left + w, top) != kBlack || shot.at(left, top + h) != kBlack) return false;
    int band = 0, clock_ink = 0;
    while (band < h && shot.at(left, top + band) == header) ++band;
    for (int y = top; y < top + band; ++y)
      for (int x_ = left + w - w / 8; x_ < left + w; ++x_) clock_ink += shot.at(x_, y) != header;
    for (int x_ = left; x_ < left + w; ++x_)
      if (shot.at(x_, top + h - 1) != ground || shot.at(x_, top) != header) return false;
    return clock_ink > 50;
  };
  const bool relaid = wait_for(*kiosk, [&] { return laid_out(x.screenshot()); });
  INFO(read_file(dir.file("err.txt")));
  CHECK(relaid);
  check_clean_stop(stop(*kiosk, SIGTERM), dir, "--windowed resized to 1000x600, SIGTERM");
}

TEST_CASE("a headless kiosk ends its script cleanly on SIGTERM", "[kiosk][signals]") {
  TempDir dir;
  // A check-in, then far more key presses than can be replayed before the signal.
  std::string script = "+1 scan P01\n";
  for (int i = 0; i < 200000; ++i) script += "+1 key down\n";
  const std::string path = dir.write("long.txt", script);
  unsetenv("DISPLAY");
  check_leaks(true);
  std::vector<std::string> argv{SPEEDMEET_KIOSK_BIN, "--demo", "--data", dir.file("demo"), "--headless",
                                "--script", path, "--size", "800x480"};
  ChildProcess kiosk(argv, dir.file("out.txt"), dir.file("err.txt"));
  const bool scanned = wait_for(kiosk, [&] { return read_file(dir.file("out.txt")).find('\n') != std::string::npos; });
  INFO(read_file(dir.file("err.txt")));
  REQUIRE(scanned);
  check_clean_stop(stop(kiosk, SIGTERM), dir, "--headless, SIGTERM");
  CHECK(read_file(dir.file("err.txt")).find("SIGTERM: stopping the script") != std::string::npos);
  const auto lines = json_lines(read_file(dir.file("out.txt")));
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["outcome"] == "welcome");
  CHECK(lines[0]["recorded"] == true);
}
