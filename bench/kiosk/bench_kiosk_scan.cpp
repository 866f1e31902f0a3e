// From decoded code to committed row to rendered frame, as the kiosk does it:
// the real KioskSession (check-in rules, KioskCore, JournalRecorder) on a
// real SQLite file (WAL, synchronous=FULL) of a 10,000-participant event,
// then the real ScreenOutput (layout + SDL software painter) at 1920×1080.
// Beside it, in the same run and interleaved scan by scan so the disk's
// fsync latency drifts for both alike: the bare durable commit — a raw
// sqlite3 INSERT + COMMIT of one journal row into a copy of the same
// database, same pragmas.
#include <SDL.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "big_event.hpp"
#include "bench_report.hpp"
#include "raw_journal_commit.hpp"
#include "kiosk_session.hpp"
#include "screen_output.hpp"
#include "store/database.hpp"
#include "store/journal.hpp"
#include "ui/sdl/sdl_headless.hpp"

using namespace speedmeet;
namespace fs = std::filesystem;

namespace {

constexpr int kScans = 300;
constexpr int kWarmup = 10;

// The floor: one journal row, durably, with nothing else around it — in a
// copy of the same event database (same schema, indexes, triggers, size).
double raw_commit_ms(bench::RawJournalCommit& raw, int i) {
  const std::string uuid = store::make_uuid_v4();
  const std::string participant = std::to_string(i).insert(0, 1, 'P');  // not "P" + string: GCC 12 false -Wrestrict
  const auto start = bench::Clock::now();
  raw.commit(i, uuid, participant);
  return bench::ms_since(start);
}

}  // namespace

int main() {
  if (!SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software")) std::fprintf(stderr, "note: render driver hint not taken\n");
  const std::string dir = bench::fresh_dir("speedmeet-bench-kiosk-scan");
  const bench::BigEvent event = bench::build_big_event(dir, 10000, kScans + kWarmup);
  const std::string raw_path = (fs::path(dir) / "raw.db").string();
  fs::copy_file(event.database, raw_path);  // checkpointed and truncated: no -wal to carry
  bench::RawJournalCommit raw(raw_path);

  kiosk::KioskSetup setup;
  setup.config.device_name = "bench-door-1";
  setup.config.data_dir = dir;
  const Instant round1 = [] {
    // 13:57 local (UTC+1 in November): three minutes before round 1, inside its check-in window.
    return Instant{} + std::chrono::sys_days{std::chrono::year{2026} / std::chrono::November / 27}.time_since_epoch() +
           std::chrono::hours{12} + std::chrono::minutes{57};
  }();
  kiosk::KioskTime now = kiosk::to_kiosk_time(round1);
  kiosk::KioskSession session(setup, now);
  ui::HeadlessTarget target({1920, 1080});
  kiosk::ScreenOutput output(target.renderer(), 1920, 1080, setup.config.branding, kiosk::find_assets_dir());

  std::vector<double> ours, scan_part, frame_part, bare;
  int recorded = 0;
  for (int i = 0; i < kWarmup + kScans; ++i) {
    // The kiosk sits on idle between people.
    now += std::chrono::seconds{1};
    session.core().tick(now);
    output.draw(session.core().screen(now), session.context(now, {}));
    target.present();

    // Which of the two goes first alternates: a commit right after another
    // one finds the disk in a different state.
    double raw_ms = i % 2 ? raw_commit_ms(raw, i) : 0;
    const auto start = bench::Clock::now();
    const auto result = session.scan(event.badges[static_cast<std::size_t>(i)], now);
    const double scanned = bench::ms_since(start);
    output.draw(session.core().screen(now), session.context(now, {}));
    target.present();
    const double total = bench::ms_since(start);
    if (i % 2 == 0) raw_ms = raw_commit_ms(raw, i);
    now += std::chrono::seconds{3};
    if (i < kWarmup) continue;
    recorded += result.recorded;
    ours.push_back(total);
    scan_part.push_back(scanned);
    frame_part.push_back(total - scanned);
    bare.push_back(raw_ms);
  }
  if (recorded != kScans) std::fprintf(stderr, "warning: %d of %d scans recorded\n", recorded, kScans);

  const double med = bench::quantile(ours, 0.5), p95 = bench::quantile(ours, 0.95);
  const double bare_med = bench::quantile(bare, 0.5), bare_p95 = bench::quantile(bare, 0.95);
  const std::string base = "raw sqlite3 INSERT+COMMIT, same pragmas: ";
  bench::report("kiosk scan->row->frame 1920x1080, 10k event, median ms", bench::fixed(med, 2), base + bench::fixed(bare_med, 2),
                bench::fixed(med / bare_med, 2) + "x", "-");
  bench::report("kiosk scan->row->frame 1920x1080, 10k event, p95 ms", bench::fixed(p95, 2), base + bench::fixed(bare_p95, 2),
                bench::fixed(p95 / bare_p95, 2) + "x", "-");
  bench::report("kiosk scan->row->frame: decide+commit median ms", bench::fixed(bench::quantile(scan_part, 0.5), 2),
                base + bench::fixed(bare_med, 2), bench::fixed(bench::quantile(scan_part, 0.5) / bare_med, 2) + "x", "-");
  bench::report("kiosk scan->row->frame: layout+paint median ms", bench::fixed(bench::quantile(frame_part, 0.5), 2), "-", "-",
                "<= 4 ms");
  fs::remove_all(dir);
  return 0;
}
