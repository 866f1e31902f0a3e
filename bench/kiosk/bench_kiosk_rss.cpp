// Peak RSS of the real speedmeet-kiosk process in realistic headless runs at
// 1920×1080, read from the kernel with wait4() when the child exits:
//   * the 10,000-participant event: 300 signed badges scanned, rejected
//     badges, host board (500 tables), clock jumps — with screenshots (as
//     tests and reviewers run it) and without (as a kiosk at the door);
//   * the demo tour (config/demo/tour.script) on the embedded demo event.
// Baseline, same run: a bare process that only starts what any SDL kiosk
// needs — a 1920×1080 headless target and the two DejaVu fonts — and shows
// one frame (this program, re-run with --bare).
#include <SDL.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "big_event.hpp"
#include "bench_report.hpp"
#include "ui/sdl/sdl_fonts.hpp"
#include "ui/sdl/sdl_headless.hpp"

using namespace speedmeet;
namespace fs = std::filesystem;

namespace {

constexpr double kTargetMb = 80;

// Runs argv with stdout to /dev/null; returns the child's peak RSS in MB
// (ru_maxrss is in kilobytes on Linux), or -1 when it failed.
double peak_rss_mb(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    if (std::FILE* null = std::freopen("/dev/null", "w", stdout); !null) _exit(127);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) return -1;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "%s exited with status %d\n", args[0].c_str(), status);
    return -1;
  }
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

int bare() {
  ui::HeadlessTarget target({1920, 1080});
  ui::FontLibrary fonts(SPEEDMEET_SOURCE_ASSETS "/fonts");
  SDL_SetRenderDrawColor(target.renderer(), 14, 23, 38, 255);
  SDL_RenderClear(target.renderer());
  target.present();
  return 0;
}

std::string self_path() {
  std::error_code ec;
  return fs::read_symlink("/proc/self/exe", ec).string();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--bare") == 0) return bare();
  const std::string dir = bench::fresh_dir("speedmeet-bench-kiosk-rss");
  const bench::BigEvent event = bench::build_big_event(dir + "/big", 10000, 300);
  {
    std::ofstream toml(dir + "/kiosk.toml");
    toml << "device = \"bench-door-1\"\ndata = \"" << dir << "/big\"\nmode = \"entrance\"\nlanguage = \"en\"\n"
         << "fullscreen = false\n";
  }
  {
    std::ofstream script(dir + "/big.script");
    script << "+0 clock 2026-11-27T13:57\n";
    for (std::size_t i = 0; i < event.badges.size(); ++i) {
      script << "+2 scan " << event.badges[i] << "\n";
      if (i % 50 == 25) script << "+1 scan SM1.not-a-badge\n+1 key board\n+2 key escape\n";
    }
    script << "+0 clock 2026-11-27T14:40\n+1 key board\n+3 key escape\n+30 wait\n";
  }
  const std::string kiosk = SPEEDMEET_KIOSK_BIN;
  const std::string tour = fs::path(SPEEDMEET_SOURCE_ASSETS).parent_path().string() + "/config/demo/tour.script";

  const double base = peak_rss_mb({self_path(), "--bare"});
  const double big = peak_rss_mb({kiosk, "--config", dir + "/kiosk.toml", "--headless", "--script", dir + "/big.script",
                                  "--screenshots", dir + "/shots-big", "--size", "1920x1080"});
  // The same without screenshots: a PNG conversion of the screen no kiosk makes at the door.
  const double big_plain = peak_rss_mb({kiosk, "--config", dir + "/kiosk.toml", "--headless", "--script",
                                        dir + "/big.script", "--size", "1920x1080"});
  // The demo's first start also builds its database and prints its badge PDF (cairo).
  const double demo_first = peak_rss_mb({kiosk, "--demo", "--data", dir + "/demo", "--headless", "--script", tour,
                                         "--screenshots", dir + "/shots-demo-1", "--size", "1920x1080"});
  const double demo = peak_rss_mb({kiosk, "--demo", "--data", dir + "/demo", "--headless", "--script", tour, "--screenshots",
                                   dir + "/shots-demo-2", "--size", "1920x1080"});

  const std::string baseline = "bare SDL 1920x1080 target + fonts: " + bench::fixed(base, 1);
  const std::string target = "<= " + bench::fixed(kTargetMb, 0) + " MB";
  bench::report("kiosk peak RSS, 10k event, 300 scans headless 1920x1080 (MB)", bench::fixed(big, 1), baseline,
                bench::fixed(big / base, 1) + "x", target);
  bench::report("kiosk peak RSS, 10k event, 300 scans headless 1920x1080, no screenshots (MB)", bench::fixed(big_plain, 1),
                baseline, bench::fixed(big_plain / base, 1) + "x", target);
  bench::report("kiosk peak RSS, demo tour headless 1920x1080 (MB)", bench::fixed(demo, 1), baseline,
                bench::fixed(demo / base, 1) + "x", target);
  bench::report("kiosk peak RSS, demo first start (builds db + badge PDF) (MB)", bench::fixed(demo_first, 1), baseline,
                bench::fixed(demo_first / base, 1) + "x", target);
  if (!std::getenv("SPEEDMEET_BENCH_KEEP")) fs::remove_all(dir);  // kept on request, to rerun the kiosk by hand
  return big < 0 || big_plain < 0 || demo < 0 || demo_first < 0 || base < 0 ? 1 : 0;
}
