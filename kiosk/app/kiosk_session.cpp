#include "kiosk_session.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <iostream>

#include "demo_event.hpp"
#include "receipt_slip.hpp"
#include "store/schema.hpp"

namespace speedmeet::kiosk {

KioskTime to_kiosk_time(Instant t) { return std::chrono::time_point_cast<std::chrono::milliseconds>(t); }

KioskSession::KioskSession(const KioskSetup& setup, KioskTime now, std::optional<KioskClock> clock)
    : config_(setup.config), demo_(setup.demo), clock_(clock ? std::move(*clock) : KioskClock::scripted(now, true)) {
  if (demo_) {
    const DemoPaths paths = prepare_demo(config_.data_dir);
    database_path_ = paths.database;
    badges_pdf_ = paths.badges_pdf;
  } else {
    std::filesystem::create_directories(config_.data_dir);
    database_path_ = config_.database_path();
  }
  db_ = std::make_unique<store::Database>(database_path_);
  store::migrate(*db_);
  recorder_ = std::make_unique<JournalRecorder>(*db_, config_.device_name, &clock_);
  if (auto saved = load_saved_clock(*db_)) {
    clock_.restore(*saved);
    saved_clock_ = *saved;
  }
  KioskSettings settings;
  settings.mode = config_.mode;
  settings.language = config_.language;
  auto data = load_kiosk_data(*db_);
  auto presence = load_presence(*db_, *data);
  core_ = std::make_unique<KioskCore>(std::move(data), std::move(presence), *recorder_, settings, now);
  core_->set_staff_counts(load_staff_counts(*db_, config_.device_name));
  if (!config_.printer.device.empty())
    printer_ = std::make_unique<ReceiptPrinter>(ReceiptPrinter::Options{.device = config_.printer.device});
  core_->set_clock_state(clock_.state(), clock_.now());
}

std::optional<KioskCore::Fault> KioskSession::self_check(std::optional<bool> server) {
  const auto fault = run_self_check(self_check_inputs(), server);
  apply_self_check(fault);
  return fault;
}

void KioskSession::apply_self_check(const std::optional<KioskCore::Fault>& fault) {
  if (fault != last_fault_) {
    if (fault) std::cerr << "speedmeet-kiosk: out of order: " << fault->code << ": " << fault->problem << "\n";
    else if (last_fault_) std::cerr << "speedmeet-kiosk: " << last_fault_->code << " cleared\n";
    last_fault_ = fault;
  }
  core_->set_fault(fault, clock_.now());
}

void KioskSession::take_clock_sample(ClockSample best) {
  clock_.take_sync(best);
  clock_changed();
}

void KioskSession::follow_clock() {
  if (auto staff = core_->take_time_confirmation()) {
    clock_.confirm_by_staff(*staff);
    clock_changed();
  }
}

// Pushes the clock's state to the core and keeps it for a restart: written
// when its trust changed or the offset moved by more than a quarter second
// (not on every sync: each write is an fsync on the screen's thread).
void KioskSession::clock_changed() {
  core_->set_clock_state(clock_.state(), clock_.now());
  const SavedClock now = clock_.saved();
  const bool moved = now.offset_ms.value_or(0) - saved_clock_.offset_ms.value_or(0) > 250 ||
                     saved_clock_.offset_ms.value_or(0) - now.offset_ms.value_or(0) > 250;
  if (now.confirmed_by == saved_clock_.confirmed_by && now.boot_id == saved_clock_.boot_id && !moved &&
      now.offset_ms.has_value() == saved_clock_.offset_ms.has_value())
    return;
  try {
    save_clock(*db_, now);
    saved_clock_ = now;
  } catch (const std::exception&) {
    // Not saved: the kiosk goes on with the clock it has; the self-check
    // reports a database that cannot be written.
  }
}

KioskCore::ScanResult KioskSession::scan(const std::optional<std::string>& text, KioskTime now) {
  std::optional<std::string> code = text;
  if (demo_ && text)
    if (auto badge = demo_badge_for(*text)) code = *badge;
  KioskCore::ScanResult result = core_->on_scan(code, now);
  print_slip_after(result, now);
  return result;
}

std::optional<KioskCore::ScanResult> KioskSession::key(Key key, KioskTime now) {
  auto result = core_->on_key(key, now);
  if (result) print_slip_after(*result, now);
  return result;
}

void KioskSession::print_slip_after(const KioskCore::ScanResult& result, KioskTime now) {
  const Decision& d = result.decision;
  if (!printer_ || !result.recorded || d.row != RowKind::entrance || !d.participant) return;
  if (d.participant->role == Role::staff) return;
  printer_->print(agenda_slip(core_->data(), *d.participant, to_instant(now), config_.printer.columns));
}

ScreenContext KioskSession::context(KioskTime now, const SyncIndicator& sync) const {
  const Event& e = core_->data().event();
  return {e.name, e.venue, e.timezone, config_.device_name, to_instant(now), sync};
}

void KioskSession::reload() {
  auto data = load_kiosk_data(*db_);
  auto presence = load_presence(*db_, *data);  // other kiosks' check-ins arrive with sync
  core_->replace_data(std::move(data), std::move(presence));
}

KioskTime KioskSession::demo_start() const {
  const auto& rounds = core_->data().event().rounds;
  const Instant first = rounds.empty() ? Instant{} : rounds.front().starts_at;
  return to_kiosk_time(first - Minutes{3});
}

std::string scan_json(const KioskCore::ScanResult& scan, double latency_ms) {
  const Decision& d = scan.decision;
  nlohmann::json j;
  const bool failed = !scan.recorded && d.outcome != Outcome::ignored;
  const bool clock = scan.refused == "clock_not_set";
  j["outcome"] = clock ? "clock_not_set" : failed ? "out_of_order" : std::string(to_string(d.outcome));
  j["reason"] = clock ? "clock" : !scan.refused.empty() ? scan.refused : failed ? "storage" : std::string(to_string(d.reason));
  j["participant"] = d.participant ? nlohmann::json(d.participant->id) : nlohmann::json(nullptr);
  j["round"] = d.meeting ? nlohmann::json(d.meeting->round) : nlohmann::json(nullptr);
  j["table"] = d.meeting ? nlohmann::json(d.meeting->table) : nlohmann::json(nullptr);
  j["partner"] = d.meeting ? nlohmann::json(d.meeting->partner_id) : nlohmann::json(nullptr);
  j["rematch"] = d.meeting && d.meeting->rematch;  // the partner was found on site after a no-show
  j["checked_in"] = scan.recorded && (d.row == RowKind::entrance || d.meeting_checkin);
  j["recorded"] = scan.recorded;
  j["row"] = scan.recorded ? nlohmann::json(scan.row_id) : nlohmann::json(nullptr);
  if (!scan.manual_by.empty()) j["manual_by"] = scan.manual_by;  // checked in by hand: absent for a scan
  j["latency_ms"] = std::round(latency_ms * 1000.0) / 1000.0;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace speedmeet::kiosk
