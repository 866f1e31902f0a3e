#include "kiosk_sync.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "client/sync_engine.hpp"
#include "domain/input_error.hpp"
#include "files/private_file.hpp"

namespace speedmeet::kiosk {
namespace {

// A token is one line of 68 characters; anything much longer is not one.
constexpr std::size_t kMaxTokenFileBytes = 4096;

}  // namespace

std::string read_token_file(const std::string& path) {
  // The token is the kiosk's credential: a copy others can read is refused
  // before it is read, with the command that fixes it.
  std::string text;
  try {
    if (files::permissions_for_others(path) != 0)
      throw InputError(path, 0, "",
                       "the device token file can be read or changed by other users; make it private with: chmod 600 " +
                           path);
    text = files::read_file_bounded(path, kMaxTokenFileBytes);
  } catch (const files::FileError&) {
    throw InputError(path, 0, "", "cannot read the device token file (speedmeet device add DB NAME --out FILE writes it)");
  }
  std::string token = text.substr(0, text.find('\n'));
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  const bool printable = std::all_of(token.begin(), token.end(), [](char c) { return c > 0x20 && c < 0x7F; });
  if (token.empty() || token.size() > 256 || !printable)
    throw InputError(path, 1, "", "is not a device token (one line of printable characters)");
  return token;
}

KioskSync::KioskSync(const KioskConfig& config, const std::string& database_path,
                     std::function<std::int64_t()> device_clock_ms)
    : server_(config.server.url) {
  if (server_.empty()) return;
  client::SyncConfig sync;
  sync.server_url = config.server.url;
  sync.token = read_token_file(config.server.token_file);
  sync.ca_file = config.server.ca_file;
  sync.tls_pin = config.server.tls_pin;
  sync.device_name = config.device_name;
  sync.device_clock_ms = std::move(device_clock_ms);
  engine_ = std::make_unique<client::SyncEngine>(database_path, sync);
  engine_->start();
}

KioskSync::~KioskSync() = default;

void KioskSync::serve_request(KioskCore& core) {
  if (!core.take_sync_request()) return;
  sync_now();
  core.set_staff_message(enabled() ? StaffMessage::sync_requested : StaffMessage::offline_only);
}

SyncIndicator KioskSync::indicator() const {
  SyncIndicator s;
  if (!engine_) return s;
  const client::SyncStatus status = engine_->status();
  s.state = status.online ? SyncIndicator::State::online : SyncIndicator::State::offline;
  s.server = server_;
  s.pending_uploads = static_cast<int>(status.pending_rows);
  if (status.last_success) s.last_success = std::chrono::floor<Seconds>(*status.last_success);
  s.last_error = status.needs_reenrolment ? "This kiosk must be re-enrolled (the event key changed)" : status.last_error;
  return s;
}

void KioskSync::poll(KioskSession& session) {
  if (!engine_) return;
  // A snapshot replaces the roster and schedule as much as a page of changes does.
  const auto status = engine_->status();
  if (status.clock_samples != clock_samples_seen_ && status.clock_offset) {
    clock_samples_seen_ = status.clock_samples;
    session.take_clock_sample(*status.clock_offset);
  }
  if (status.changes_applied != applied_seen_ || status.snapshots != snapshots_seen_) {
    applied_seen_ = status.changes_applied;
    snapshots_seen_ = status.snapshots;
    session.reload();
  }
}

std::optional<bool> KioskSync::server_reachable() const {
  if (!engine_) return std::nullopt;
  const auto status = engine_->status();
  if (status.cycles == 0) return std::nullopt;
  return status.online;
}

void KioskSync::notify() {
  if (engine_) engine_->notify();
}

void KioskSync::sync_now() {
  if (engine_) engine_->sync_now();
}

KioskSync::Report KioskSync::sync_and_wait(std::chrono::milliseconds timeout) {
  Report r;
  if (!engine_) return r;
  const auto finished = engine_->sync_and_wait(timeout);
  const client::SyncStatus s = finished ? *finished : engine_->status();
  r.result = !finished ? "timeout" : s.last_error.empty() ? "ok" : "failed";  // success clears last_error
  r.online = s.online;
  r.pending = s.pending_rows;
  r.rejected = s.rejected_rows;
  r.cursor = s.cursor;
  r.last_error = s.last_error;
  r.needs_reenrolment = s.needs_reenrolment;
  return r;
}

std::string KioskSync::Report::json() const {
  const nlohmann::json j = {{"sync", result},   {"online", online},         {"pending", pending},
                            {"rejected", rejected}, {"cursor", cursor},     {"last_error", last_error},
                            {"needs_reenrolment", needs_reenrolment}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace speedmeet::kiosk
