#pragma once
// The kiosk's side of sync: starts the sync engine when kiosk.toml names a
// server, turns its status into what the screens show, and reloads the
// session when the engine applied changes (schedule edits, re-matches,
// revocations, other kiosks' check-ins).
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kiosk_session.hpp"

namespace speedmeet::client { class SyncEngine; }

namespace speedmeet::kiosk {

class KioskSync {
 public:
  // No server configured: does nothing, the indicator says "disabled".
  // Throws InputError when the token file is missing or malformed.
  // `device_clock_ms`: the kiosk's device clock (KioskClock::device_clock_ms),
  // against which each sync measures the offset to the server.
  KioskSync(const KioskConfig& config, const std::string& database_path,
            std::function<std::int64_t()> device_clock_ms = {});
  ~KioskSync();
  KioskSync(const KioskSync&) = delete;
  KioskSync& operator=(const KioskSync&) = delete;

  SyncIndicator indicator() const;
  // Call every frame: reloads the session when new changes were applied,
  // and hands it each new clock measurement.
  void poll(KioskSession& session);
  void notify();    // after a scan
  void sync_now();  // staff action
  // The staff panel's "sync now", if it was chosen: starts a cycle and tells
  // staff so (or that this kiosk works offline only). Both runners call it.
  void serve_request(KioskCore& core);
  bool enabled() const { return engine_ != nullptr; }
  // For the self-check: nullopt with no server or before the first cycle
  // ended; else whether the last cycle got an answer.
  std::optional<bool> server_reachable() const;

  struct Report {
    std::string result = "disabled";  // ok | failed | timeout | disabled (no server)
    bool online = false;
    std::int64_t pending = 0, rejected = 0, cursor = 0;
    std::string last_error;  // names what failed, never the token
    bool needs_reenrolment = false;
    // One line: {"sync": result, "online", "pending", "rejected", "cursor",
    // "last_error", "needs_reenrolment"}.
    std::string json() const;
  };
  // Push then pull now (a snapshot first when the kiosk has none) and wait
  // until that cycle has finished or failed: the headless script's sync
  // action, and a kiosk's first start. Call poll() afterwards.
  Report sync_and_wait(std::chrono::milliseconds timeout);

 private:
  std::string server_;
  std::unique_ptr<client::SyncEngine> engine_;
  std::int64_t applied_seen_ = 0;
  std::uint64_t snapshots_seen_ = 0;
  std::uint64_t clock_samples_seen_ = 0;
};

// The device token from its file: one line, printable ASCII, bounded. Throws
// InputError when the file is missing, not a token, or open to other users
// (group or other permission bits: "chmod 600 FILE" fixes it).
std::string read_token_file(const std::string& path);

}  // namespace speedmeet::kiosk
