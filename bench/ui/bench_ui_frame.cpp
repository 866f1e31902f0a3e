// Kiosk frame time at 1920×1080 with SDL's software renderer: layout plus
// paint plus present of real screens, steady state (the clock ticks once a
// second, as on the kiosk), beside a bare clear + present of the same
// surface measured in the same run.
#include <SDL.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "bench_report.hpp"
#include "sample_names.hpp"
#include "sample_screens.hpp"
#include "ui/layout.hpp"
#include "ui/sdl/sdl_fonts.hpp"
#include "ui/sdl/sdl_headless.hpp"
#include "ui/sdl/sdl_painter.hpp"

using namespace speedmeet;
using namespace speedmeet::ui;

namespace {

constexpr Size kSize{1920, 1080};
constexpr int kFrames = 600;  // ten seconds of a 60 Hz kiosk
constexpr double kTargetMs = 4.0;

// CPU time of this thread: what a frame costs when the machine is shared
// (wall time also counts the time other processes held the core).
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Bare {
  std::vector<double> wall, cpu;
};

Bare bare_frames(HeadlessTarget& target) {
  Bare out;
  for (int i = 0; i < kFrames; ++i) {
    const double cpu_start = cpu_ms();
    const auto start = bench::Clock::now();
    SDL_SetRenderDrawColor(target.renderer(), 14, 23, 38, 255);
    SDL_RenderClear(target.renderer());
    SDL_RenderPresent(target.renderer());
    out.wall.push_back(bench::ms_since(start));
    out.cpu.push_back(cpu_ms() - cpu_start);
  }
  return out;
}

struct Frames {
  std::vector<double> total, layout, cpu;
  double first = 0;  // cold: empty font, measure and texture caches
};

// full: every frame repainted from scratch (a new screen each frame — the
// cost of showing a scan result); otherwise the kiosk's steady state.
Frames screen_frames(const samples::Sample& s, bool full) {
  HeadlessTarget target(kSize);
  FontLibrary fonts(SPEEDMEET_SOURCE_DIR "/assets/fonts");
  TtfTextMeasurer measurer(fonts);
  SdlPainter painter(target.renderer(), fonts);
  const Theme theme;
  kiosk::ScreenContext context = s.context;
  Frames f;
  for (int i = 0; i <= kFrames; ++i) {
    if (i > 0 && i % 60 == 0) context.now += Seconds{1};  // the clock and countdowns change once a second
    if (full) painter.invalidate();
    const double cpu_start = cpu_ms();
    const auto start = bench::Clock::now();
    const DisplayList list = layout_screen(s.screen, context, kSize, measurer, theme);
    const double layout_ms = bench::ms_since(start);
    painter.paint(list);
    SDL_RenderPresent(target.renderer());
    const double total = bench::ms_since(start);
    const double cpu = cpu_ms() - cpu_start;
    if (i == 0) {
      f.first = total;
      continue;
    }
    f.total.push_back(total);
    f.layout.push_back(layout_ms);
    f.cpu.push_back(cpu);
  }
  return f;
}

std::string person_name(int i) {
  return std::string(bench::kFirstNames[i % 20]) + " " + bench::kLastNames[(i / 20 + i * 7) % 18];
}
std::string org_name(int i) { return std::string(bench::kOrganizations[(i * 5 + i / 14) % 14]) + (i % 3 ? "" : " S.A."); }

// A new result screen per scan, as at the door: idle, then the result of a
// participant not seen before (new names, organizations, partner, table),
// then idle again. Only the result frames are timed — the cost of showing a
// scan — with the fonts, measurer and painter warm from earlier scans.
kiosk::ResultScreen new_result(const kiosk::ResultScreen& model, int i) {
  kiosk::ResultScreen r = model;
  kiosk::Decision& d = r.decision;
  d.participant->name = person_name(3 * i);
  d.participant->organization = org_name(3 * i);
  d.participant->language = static_cast<Language>(i % 3);
  r.language = d.participant->language;
  const int table = 1 + (i * 7) % 60;
  d.meeting->table = table;
  d.meeting->partner_name = person_name(3 * i + 1);
  d.meeting->partner_organization = org_name(3 * i + 1);
  for (std::size_t k = 0; k < d.following.size(); ++k) {
    d.following[k].table = 1 + (table + 11 * static_cast<int>(k + 1)) % 60;
    d.following[k].partner_name = person_name(3 * i + 2 + static_cast<int>(k) * 997);
    d.following[k].partner_organization = org_name(3 * i + 2 + static_cast<int>(k));
  }
  d.partner_waiting = i % 2 == 0;
  return r;
}

struct NewScreens {
  std::vector<double> total, layout, cpu;
};

NewScreens new_result_frames(const samples::Sample& idle, const samples::Sample& result, int scans) {
  HeadlessTarget target(kSize);
  FontLibrary fonts(SPEEDMEET_SOURCE_DIR "/assets/fonts");
  TtfTextMeasurer measurer(fonts);
  SdlPainter painter(target.renderer(), fonts);
  const Theme theme;
  const auto& model = std::get<kiosk::ResultScreen>(result.screen);
  kiosk::ScreenContext context = result.context;
  NewScreens out;
  constexpr int kWarmup = 20;  // the first scans open the fonts at their sizes
  for (int i = 0; i < kWarmup + scans; ++i) {
    context.now += Seconds{1};
    painter.paint(layout_screen(idle.screen, context, kSize, measurer, theme));
    SDL_RenderPresent(target.renderer());
    const kiosk::Screen screen = new_result(model, i);
    const double cpu_start = cpu_ms();
    const auto start = bench::Clock::now();
    const DisplayList list = layout_screen(screen, context, kSize, measurer, theme);
    const double layout_ms = bench::ms_since(start);
    painter.paint(list);
    SDL_RenderPresent(target.renderer());
    const double total = bench::ms_since(start);
    const double cpu = cpu_ms() - cpu_start;
    if (i < kWarmup) continue;
    out.total.push_back(total);
    out.layout.push_back(layout_ms);
    out.cpu.push_back(cpu);
  }
  return out;
}

}  // namespace

int main() {
  if (!SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software")) std::fprintf(stderr, "note: render driver hint not taken\n");
  HeadlessTarget bare(kSize);
  const Bare baseline = bare_frames(bare);
  const double base_median = bench::quantile(baseline.wall, 0.5);
  const double base_p95 = bench::quantile(baseline.wall, 0.95);
  const double base_cpu = bench::quantile(baseline.cpu, 0.5);
  bench::report("ui clear+present 1920x1080 (baseline) median ms", bench::fixed(base_median, 3), "-", "-", "-");

  {
    const NewScreens f = new_result_frames(samples::find("idle"), samples::find("result-next-partner-waiting"), 300);
    const std::string name = "ui frame new result screen (new names)";
    const std::string target = "<= " + bench::fixed(kTargetMs, 0) + " ms";
    bench::report(name + " median ms", bench::fixed(bench::quantile(f.total, 0.5), 3), bench::fixed(base_median, 3),
                  bench::fixed(bench::quantile(f.total, 0.5) / base_median, 1) + "x", target);
    bench::report(name + " p95 ms", bench::fixed(bench::quantile(f.total, 0.95), 3), bench::fixed(base_p95, 3),
                  bench::fixed(bench::quantile(f.total, 0.95) / base_p95, 1) + "x", target);
    bench::report(name + " cpu median ms", bench::fixed(bench::quantile(f.cpu, 0.5), 3), bench::fixed(base_cpu, 3),
                  bench::fixed(bench::quantile(f.cpu, 0.5) / base_cpu, 1) + "x", target);
    bench::report(name + " layout median ms", bench::fixed(bench::quantile(f.layout, 0.5), 3), "-", "-", "-");
  }
  if (std::getenv("SPEEDMEET_BENCH_NEW_ONLY")) return 0;

  for (const auto& s : samples::all()) {
    if (s.name != "idle" && s.name != "result-next-partner-waiting" && s.name != "result-rejected-revoked" && s.name != "staff" &&
        s.name != "board" && s.name != "board-60-tables")
      continue;
    for (bool full : {false, true}) {
      const Frames f = screen_frames(s, full);
      const std::string name = "ui frame " + s.name + (full ? " full repaint" : " steady");
      const double median = bench::quantile(f.total, 0.5), p95 = bench::quantile(f.total, 0.95);
      const double cpu = bench::quantile(f.cpu, 0.5);
      const std::string target = "<= " + bench::fixed(kTargetMs, 0) + " ms";
      bench::report(name + " median ms", bench::fixed(median, 3), bench::fixed(base_median, 3),
                    bench::fixed(median / base_median, 1) + "x", target);
      bench::report(name + " p95 ms", bench::fixed(p95, 3), bench::fixed(base_p95, 3), bench::fixed(p95 / base_p95, 1) + "x",
                    target);
      bench::report(name + " cpu median ms", bench::fixed(cpu, 3), bench::fixed(base_cpu, 3), bench::fixed(cpu / base_cpu, 1) + "x",
                    target);
      if (full) {
        bench::report("ui frame " + s.name + " layout median ms", bench::fixed(bench::quantile(f.layout, 0.5), 3), "-", "-", "-");
        bench::report("ui frame " + s.name + " cold first frame ms", bench::fixed(f.first, 1), "-", "-", "-");
      }
    }
  }
  return 0;
}
