// speedmeet-kiosk: the full-screen kiosk, its demo and its headless mode.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "client/kiosk_bundles.hpp"
#include "store/event_store.hpp"
#include "store/schema.hpp"
#include "headless_runner.hpp"
#include "headless_script.hpp"
#include "kiosk_enrolment.hpp"
#include "kiosk_session.hpp"
#include "kiosk_sync.hpp"
#include "domain/input_error.hpp"
#include "files/private_file.hpp"
#include "protocol/bundles.hpp"
#include "service_notifier.hpp"
#include "setup_runner.hpp"
#include "stop_signals.hpp"
#include "window_runner.hpp"

namespace {

using speedmeet::cli::Args;
using speedmeet::cli::UsageError;
using namespace speedmeet::kiosk;
namespace store = speedmeet::store;
namespace client = speedmeet::client;

constexpr const char* kUsage =
    "usage:\n"
    "  speedmeet-kiosk --config kiosk.toml [--windowed]    full-screen kiosk (fullscreen in kiosk.toml)\n"
    "  speedmeet-kiosk --demo [--data DIR] [--fullscreen]  the embedded demo event, no server, no camera\n"
    "  speedmeet-kiosk (--demo | --config F) --headless --script FILE [--screenshots DIR]\n"
    "                  [--clock ISO | --device-clock ISO] [--size WxH]\n"
    "                                                      replay a script, one JSON line per scan, a PNG per screen;\n"
    "                                                      --clock pins the time, --device-clock sets the device's\n"
    "                                                      own clock (sync corrects it)\n"
    "  speedmeet-kiosk --config kiosk.toml --snapshot FILE load a `speedmeet snapshot` bundle (no network), then run\n"
    "  speedmeet-kiosk --config kiosk.toml --export-journal FILE\n"
    "                                                      write this kiosk's check-ins for `speedmeet import-journal`\n";

std::pair<int, int> parse_size(const std::string& text) {
  const auto x = text.find('x');
  int w = 0, h = 0;
  try {
    if (x != std::string::npos) {
      w = std::stoi(text.substr(0, x));
      h = std::stoi(text.substr(x + 1));
    }
  } catch (const std::exception&) {
  }
  if (w < 320 || h < 240 || w > 7680 || h > 4320) throw UsageError("--size must be WIDTHxHEIGHT, e.g. 1920x1080");
  return {w, h};
}

// How long a kiosk's first start waits for its first snapshot.
constexpr std::chrono::seconds kFirstSyncWait{120};

// `sync`: the kiosk's sync engine, already running. Waits in steps, telling
// the service manager between them that the kiosk is alive (a big event's
// first snapshot on a slow network may take longer than its watchdog).
void first_sync(const KioskSetup& setup, KioskSync& sync, ServiceNotifier& notifier) {
  std::cerr << "speedmeet-kiosk: no event yet; taking the first snapshot from " << setup.config.server.url << "\n";
  const auto deadline = std::chrono::steady_clock::now() + kFirstSyncWait;
  KioskSync::Report report;
  do {
    notifier.alive();
    report = sync.sync_and_wait(std::chrono::seconds(5));
  } while (report.result == "timeout" && std::chrono::steady_clock::now() < deadline);
  if (report.result != "ok")
    throw std::runtime_error(setup.config.database_path() + " holds no event yet and the first sync failed: " +
                             (report.last_error.empty() ? report.result : report.last_error));
}

// The kiosk database exists with the current schema before the sync thread
// and the session open it (both would otherwise race to migrate a new file),
// loaded from `snapshot` when given. Returns whether it holds an event (the
// demo builds its own). A kiosk that names a server but holds no event takes
// its first snapshot before it can show anything.
bool prepare_database(const KioskSetup& setup, const std::optional<std::string>& snapshot) {
  if (setup.demo) return true;
  speedmeet::files::create_private_folders(setup.config.data_dir);
  store::Database db(setup.config.database_path());
  store::migrate(db);
  if (snapshot) {
    const bool first_trust = client::trusted_event_key(db).empty();
    const auto loaded = client::load_snapshot_bundle(db, *snapshot);
    std::cerr << "Loaded " << *snapshot << " into " << setup.config.database_path() << " (event \""
              << loaded.event.id << "\", signed with event key "
              << speedmeet::protocol::key_fingerprint(loaded.event.public_key_hex) << "…)\n";
    if (first_trust)
      std::cerr << "This kiosk now trusts that key and takes only snapshots signed with it: check that "
                   "speedmeet snapshot printed the same key.\n";
  }
  return store::EventStore(db).has_event();
}

// --export-journal: the journal is signed with the kiosk's device token, so
// the import knows which enrolled kiosk wrote it.
int export_journal(const KioskSetup& setup, const std::string& bundle) {
  if (setup.config.server.token_file.empty())
    throw UsageError("--export-journal signs the journal with this kiosk's device token: set [server] token_file in "
                     "kiosk.toml (speedmeet device add DB " + setup.config.device_name + " --out FILE writes it)");
  const std::string token = read_token_file(setup.config.server.token_file);
  store::Database db(setup.config.database_path(), store::OpenMode::read_write);
  store::migrate(db);
  const auto exported = client::export_journal_bundle(db, bundle, setup.config.device_name, token);
  std::cout << "Wrote " << exported.rows << " journal rows of " << setup.config.device_name << " to " << bundle
            << "\nBring it home: speedmeet import-journal DB " << bundle << "\n";
  if (exported.other_name_rows > 0)
    std::cerr << "speedmeet-kiosk: " << exported.other_name_rows << " rows made here under another device name than \""
              << setup.config.device_name << "\" were not exported\n";
  return 0;
}

KioskSetup setup_from(const Args& args) {
  KioskSetup setup;
  const auto config = args.option("--config");
  setup.demo = args.flag("--demo");
  if (setup.demo == config.has_value()) throw UsageError("give either --config FILE or --demo");
  if (config) setup.config = load_kiosk_config(*config);
  if (setup.demo) {
    setup.config.device_name = "demo-kiosk";
    setup.config.fullscreen = false;
    setup.config.camera.device.clear();
    setup.config.data_dir = (std::filesystem::temp_directory_path() / "speedmeet-demo").string();
  }
  if (auto data = args.option("--data")) setup.config.data_dir = *data;
  if (args.flag("--windowed")) setup.config.fullscreen = false;
  if (args.flag("--fullscreen")) setup.config.fullscreen = true;
  if (args.flag("--windowed") && args.flag("--fullscreen")) throw UsageError("give --windowed or --fullscreen, not both");
  return setup;
}

int run(const std::vector<std::string>& argv) {
  const Args args(argv, {"--config", "--data", "--script", "--screenshots", "--clock", "--device-clock", "--size",
                         "--snapshot", "--export-journal"},
                  {"--demo", "--headless", "--windowed", "--fullscreen", "--help"});
  if (args.flag("--help")) {
    std::cout << kUsage;
    return 0;
  }
  if (!args.positional().empty()) throw UsageError("unexpected argument " + args.positional().front());
  KioskSetup setup = setup_from(args);
  ServiceNotifier notifier;
  HeadlessOptions headless;
  if (args.flag("--headless")) {
    headless.script = args.required("--script");
    headless.screenshots = args.option("--screenshots").value_or("");
    headless.clock = args.option("--clock");
    headless.device_clock = args.option("--device-clock");
    if (auto size = args.option("--size")) std::tie(headless.width, headless.height) = parse_size(*size);
    headless.notifier = &notifier;
  }
  WindowOptions window;
  window.simulated_clock = setup.demo;
  window.notifier = &notifier;
  // No token yet: the setup code comes first, from the script or the display.
  if (!setup.demo && awaits_setup_code(setup.config)) {
    if (args.option("--export-journal") || args.option("--snapshot"))
      throw UsageError("this kiosk is not enrolled yet (no " + setup.config.server.token_file +
                       "): start it without --export-journal or --snapshot and show it its setup code");
    if (args.flag("--headless")) {
      const auto actions = parse_script(read_script_text(headless.script), headless.script);
      const SetupOutcome setup_run = run_setup_headless(setup.config, actions, headless, notifier);
      if (!setup_run.enrolled) return 0;  // the script ended, or a stop was asked for
      headless.skip_actions = setup_run.next_action;
      headless.screenshots_taken = setup_run.screenshots;
    } else if (!run_setup_window(setup.config, window, notifier)) {
      return 0;
    }
  }
  if (!setup.demo) apply_stored_enrolment(setup.config);
  if (auto bundle = args.option("--export-journal")) {
    if (setup.demo) throw UsageError("--export-journal needs --config (the demo keeps no journal to carry home)");
    return export_journal(setup, *bundle);
  }
  const auto snapshot = args.option("--snapshot");
  if (snapshot && setup.demo) throw UsageError("--snapshot needs --config (the demo has its own event)");
  // A token file others can read is refused before anything is loaded.
  if (!setup.config.server.url.empty()) read_token_file(setup.config.server.token_file);
  const bool holds_event = prepare_database(setup, snapshot);
  const bool headless_mode = args.flag("--headless");
  if (args.option("--clock") && args.option("--device-clock"))
    throw UsageError("give --clock (a pinned time) or --device-clock (the device's own clock), not both");
  if (!headless_mode && (args.option("--clock") || args.option("--device-clock")))
    throw UsageError("--clock and --device-clock go with --headless");
  // The kiosk's clock: the system's; a headless script's simulated one,
  // pinned unless --device-clock says the device's own clock is simulated.
  KioskClock clock = headless_mode ? KioskClock::scripted({}, !args.option("--device-clock")) : KioskClock();
  // The sync engine, when kiosk.toml names a server (the demo names none):
  // the same one for the window and the headless kiosk.
  KioskSync sync(setup.config, setup.config.database_path(), clock.device_clock_ms());
  if (!holds_event && sync.enabled()) first_sync(setup, sync, notifier);

  if (headless_mode) {
    KioskSession session(setup, {}, std::move(clock));
    if (setup.demo) std::cerr << "demo event in " << setup.config.data_dir << "\n";
    return run_headless(session, sync, headless);
  }

  KioskSession session(setup, {}, std::move(clock));
  if (setup.demo)
    std::cout << "speedmeet demo: printable badges in " << session.badges_pdf()
              << "\nType a participant id (C01..C16, P01..P32, staff S01) and Enter to scan their badge.\n"
              << std::flush;
  return run_window(session, sync, window);
}

}  // namespace

int main(int argc, char** argv) {
  // From the start: a stop asked for while the demo or the database is
  // being prepared is honoured as soon as the kiosk's loop begins.
  const StopSignals stop_signals;
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const UsageError& e) {
    std::cerr << "speedmeet-kiosk: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const speedmeet::InputError& e) {
    std::cerr << "speedmeet-kiosk: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "speedmeet-kiosk: " << e.what() << "\n";
    return 1;
  }
}
