#pragma once
// One sync round, synchronous: snapshot when the kiosk has none, push the
// outbox in batches, then pull the change feed to its end. SyncEngine runs
// it on its thread; tests run it directly against any Transport.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "domain/clock_offset.hpp"
#include "protocol/limits.hpp"

namespace speedmeet::client {

class KioskReplica;
class Transport;

struct CycleOptions {
  std::size_t batch_rows = 500;  // rows per POST at most (the server takes up to 1,000)
  int page_limit = 500;          // changes per GET
  // A POST body never exceeds this (the server's limit, docs/API.md): a
  // batch of large rows goes in several requests.
  std::size_t max_body_bytes = protocol::Limits{}.max_body_bytes;
  // The device's wall clock (unix ms). When set, the cycle starts by asking
  // GET /health for the server's time and measures the offset to it.
  std::function<std::int64_t()> device_clock_ms = nullptr;
  // Recent measurements (the engine's, kept across cycles): this cycle's
  // joins them, and their best is reported on GET /changes (docs/API.md);
  // without it, this cycle's own measurement is.
  OffsetFilter* offsets = nullptr;
};

struct CycleResult {
  bool took_snapshot = false;
  std::int64_t rows_uploaded = 0;  // left the outbox
  std::int64_t changes_applied = 0;
  std::optional<ClockSample> clock;  // measured by this cycle (device_clock_ms set)
};

class SyncFailure : public std::runtime_error {
 public:
  // reached_server: an HTTP answer came back (the network is up).
  SyncFailure(const std::string& what, bool reached_server, bool needs_reenrolment = false)
      : std::runtime_error(what), reached_server_(reached_server), needs_reenrolment_(needs_reenrolment) {}
  bool reached_server() const { return reached_server_; }
  bool needs_reenrolment() const { return needs_reenrolment_; }

 private:
  bool reached_server_;
  bool needs_reenrolment_;
};

// Throws SyncFailure; whatever was applied before the failure stays applied
// (each page and each acknowledged batch is its own transaction).
CycleResult run_sync_cycle(Transport& transport, KioskReplica& replica, const CycleOptions& options,
                           CycleResult* progress = nullptr);

}  // namespace speedmeet::client
