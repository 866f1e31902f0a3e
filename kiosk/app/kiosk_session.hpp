#pragma once
// One running kiosk, whatever drives it (a window, or a headless script):
// the local database, the in-memory event and the core; the demo also turns
// typed participant ids into their badges.
#include <memory>
#include <optional>
#include <string>

#include "checkin/kiosk_core.hpp"
#include "kiosk_config.hpp"
#include "local_database.hpp"
#include "receipt_printer.hpp"
#include "self_check.hpp"

namespace speedmeet::kiosk {

struct KioskSetup {
  KioskConfig config;
  bool demo = false;  // the embedded demo event, in config.data_dir
};

class KioskSession {
 public:
  // Opens (and migrates) the kiosk database; the demo creates its event.
  // `clock` is the kiosk's (a confirmation saved in this boot is restored);
  // by default a pinned script clock at `now`.
  KioskSession(const KioskSetup& setup, KioskTime now, std::optional<KioskClock> clock = std::nullopt);

  // A code from any input. The demo also takes participant ids.
  KioskCore::ScanResult scan(const std::optional<std::string>& text, KioskTime now);
  // A key (KioskCore::on_key); Enter on the staff panel's search returns the
  // check-in it made by hand.
  std::optional<KioskCore::ScanResult> key(Key key, KioskTime now);
  ScreenContext context(KioskTime now, const SyncIndicator& sync) const;
  // Reloads the roster and schedule after sync changed them.
  void reload();

  KioskClock& clock() { return clock_; }
  // A sync measured the clock's offset (its best of recent syncs).
  void take_clock_sample(ClockSample best);
  // Call every frame: the staff panel's "confirm the time", and the
  // clock's state for the core.
  void follow_clock();
  // The self-check (self_check.hpp), now: out of order on a failure, back
  // home once it passes. `server`: the sync thread's view (kiosk_sync.hpp).
  // Returns the failure, if any.
  std::optional<KioskCore::Fault> self_check(std::optional<bool> server);
  // The same in two halves, for a check run on another thread: what to
  // check, and its result applied here.
  SelfCheckInputs self_check_inputs() const { return kiosk::self_check_inputs(config_, database_path_); }
  void apply_self_check(const std::optional<KioskCore::Fault>& fault);

  KioskCore& core() { return *core_; }
  const KioskConfig& config() const { return config_; }
  const std::string& badges_pdf() const { return badges_pdf_; }
  const std::string& database_path() const { return database_path_; }
  // When the demo clock starts: three minutes before the first round.
  KioskTime demo_start() const;
  // The receipt printer of kiosk.toml's [printer], or null.
  const ReceiptPrinter* receipt_printer() const { return printer_.get(); }

 private:
  KioskConfig config_;
  bool demo_;
  std::string database_path_;
  std::string badges_pdf_;
  void clock_changed();
  KioskClock clock_;
  SavedClock saved_clock_;
  std::optional<KioskCore::Fault> last_fault_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<JournalRecorder> recorder_;
  std::unique_ptr<KioskCore> core_;
  std::unique_ptr<ReceiptPrinter> printer_;

  // A person's first check-in of the day (an entrance row) queues their
  // agenda slip on the receipt printer, if there is one.
  void print_slip_after(const KioskCore::ScanResult& result, KioskTime now);
};

// The JSON line printed for each scan in headless mode (and for each
// check-in made by hand on the staff panel, with "manual_by").
std::string scan_json(const KioskCore::ScanResult& scan, double latency_ms);

KioskTime to_kiosk_time(Instant t);

}  // namespace speedmeet::kiosk
