#pragma once
// The kiosk's sync thread. The UI never waits for it: it writes check-ins
// with store::Journal::append on its own connection, calls notify() after
// each scan, and reads status() for the idle and staff screens.
//
//   client::SyncEngine sync("kiosk.db", {.server_url = "https://...", .token = "smd_...",
//                                        .ca_file = "ca.pem", .device_name = "door-1"});
//   sync.start();            // own thread, own SQLite connection (WAL)
//   ... sync.notify();       // after a scan: push soon if online
//   ... sync.sync_now();     // staff button: try now, even if offline
//   ... sync.sync_and_wait(30s);  // headless scripts: one whole cycle, then its status
//   sync.status();           // online, last success, pending rows, last error
//   sync.stop();             // or the destructor
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sync_cycle.hpp"
#include "transport.hpp"

namespace speedmeet::client {

struct SyncConfig {
  std::string server_url;   // http(s)://host:port
  std::string token;        // from `speedmeet device add`; never logged or shown
  std::string ca_file;      // optional CA bundle for a self-signed server certificate
  std::string tls_pin;      // a setup code's pin of the server's key (see TransportConfig)
  std::string device_name;  // the enrolled name; also the journal's device
  std::chrono::milliseconds interval{3000};          // between successful cycles
  std::chrono::milliseconds backoff_min{1000};       // first wait after a failure
  std::chrono::milliseconds backoff_max{60000};
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{20000};
  std::size_t batch_rows = 500;
  int page_limit = 500;
  // The device's wall clock, unix ms, read on the engine's thread (the
  // headless kiosk's simulated one); empty: the system clock.
  std::function<std::int64_t()> device_clock_ms;
};

struct SyncStatus {
  bool running = false;
  bool online = false;  // the last attempt got an answer from the server
  std::optional<std::chrono::system_clock::time_point> last_success;
  std::int64_t pending_rows = 0;   // local check-ins not yet on the server
  std::int64_t rejected_rows = 0;  // refused by the server (kept locally)
  std::string last_error;          // empty after a successful cycle
  bool needs_reenrolment = false;  // other event or new key: staff must re-enrol
  std::int64_t cursor = 0;
  std::int64_t rows_uploaded = 0;  // since start()
  std::int64_t changes_applied = 0;
  std::uint64_t snapshots = 0;     // taken since start() (first start, or the server's feed restarted)
  std::uint64_t cycles = 0;        // finished cycles, failed or not
  std::uint64_t successes = 0;
  // The clock offset to the server: the best of recent syncs' measurements
  // (OffsetFilter), and how many measurements were made since start().
  std::optional<ClockSample> clock_offset;
  std::uint64_t clock_samples = 0;
};

class SyncEngine {
 public:
  using TransportFactory =
      std::function<std::unique_ptr<Transport>(const SyncConfig&, const std::atomic<bool>* cancel)>;

  // `factory` defaults to CurlTransport; tests pass their own (the config's
  // cancel flag is the engine's own, for stop()).
  SyncEngine(std::string kiosk_db_path, SyncConfig config, TransportFactory factory = {});
  ~SyncEngine();
  SyncEngine(const SyncEngine&) = delete;
  SyncEngine& operator=(const SyncEngine&) = delete;

  void start();
  void stop();      // abandons a request in flight; local state stays consistent
  void notify();    // new local rows: sync soon when online, else wait for the backoff
  void sync_now();  // sync immediately, whatever the backoff says
  // sync_now(), then waits until a cycle that began after this call has
  // finished (succeeded or failed) and returns the status then. A cycle
  // already running when this is called does not count: it may have read
  // the outbox before the caller's last scan. nullopt when the engine is not
  // running or no such cycle finished within `timeout`.
  std::optional<SyncStatus> sync_and_wait(std::chrono::milliseconds timeout);
  SyncStatus status() const;

 private:
  void run();
  void update_status(const std::function<void(SyncStatus&)>& change);
  std::string db_path_;
  SyncConfig config_;
  TransportFactory factory_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;  // a cycle ended (sync_and_wait)
  bool stopping_ = false;
  std::atomic<bool> cancel_{false};  // read by the transport during a request
  bool wake_requested_ = false;
  bool force_requested_ = false;
  std::uint64_t cycles_started_ = 0;
  SyncStatus status_;
  std::thread thread_;
};

}  // namespace speedmeet::client
