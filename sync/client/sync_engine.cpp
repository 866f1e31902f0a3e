#include "sync_engine.hpp"

#include "backoff.hpp"
#include "curl_transport.hpp"
#include "kiosk_replica.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"

namespace speedmeet::client {

SyncEngine::SyncEngine(std::string kiosk_db_path, SyncConfig config, TransportFactory factory)
    : db_path_(std::move(kiosk_db_path)), config_(std::move(config)), factory_(std::move(factory)) {
  if (!factory_) {
    factory_ = [](const SyncConfig& c, const std::atomic<bool>* cancel) -> std::unique_ptr<Transport> {
      TransportConfig t{c.server_url, c.token, c.ca_file, c.connect_timeout, c.request_timeout};
      t.cancel = cancel;
      t.tls_pin = c.tls_pin;
      return std::make_unique<CurlTransport>(t);
    };
  }
  if (!config_.device_clock_ms)
    config_.device_clock_ms = [] {
      using namespace std::chrono;
      return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    };
}

SyncEngine::~SyncEngine() { stop(); }

void SyncEngine::start() {
  const std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  cancel_ = false;
  status_.running = true;
  thread_ = std::thread([this] { run(); });
}

void SyncEngine::stop() {
  {
    const std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
    cancel_ = true;
  }
  wake_.notify_all();
  finished_.notify_all();
  thread_.join();
  const std::lock_guard lock(mutex_);
  status_.running = false;
}

void SyncEngine::notify() {
  {
    const std::lock_guard lock(mutex_);
    wake_requested_ = true;
  }
  wake_.notify_all();
}

void SyncEngine::sync_now() {
  {
    const std::lock_guard lock(mutex_);
    wake_requested_ = force_requested_ = true;
  }
  wake_.notify_all();
}

std::optional<SyncStatus> SyncEngine::sync_and_wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!thread_.joinable() || stopping_) return std::nullopt;
  const std::uint64_t target = cycles_started_ + 1;
  wake_requested_ = force_requested_ = true;
  wake_.notify_all();
  if (!finished_.wait_for(lock, timeout, [&] { return status_.cycles >= target || stopping_; }) || stopping_)
    return std::nullopt;
  return status_;
}

SyncStatus SyncEngine::status() const {
  const std::lock_guard lock(mutex_);
  return status_;
}

void SyncEngine::update_status(const std::function<void(SyncStatus&)>& change) {
  const std::lock_guard lock(mutex_);
  change(status_);
}

void SyncEngine::run() {
  using Clock = std::chrono::steady_clock;
  Backoff backoff(config_.backoff_min, config_.backoff_max);
  std::unique_ptr<store::Database> db;
  std::unique_ptr<KioskReplica> replica;
  std::unique_ptr<Transport> transport;
  CycleOptions options;
  options.batch_rows = config_.batch_rows;
  options.page_limit = config_.page_limit;
  options.device_clock_ms = config_.device_clock_ms;
  OffsetFilter offsets;
  options.offsets = &offsets;

  for (;;) {
    Clock::duration wait = config_.interval;
    {
      const std::lock_guard lock(mutex_);
      ++cycles_started_;
    }
    try {
      // Opened here, on this thread: the connection belongs to it alone.
      if (!db) {
        db = std::make_unique<store::Database>(db_path_, store::OpenMode::read_write);
        store::migrate(*db);
        replica = std::make_unique<KioskReplica>(*db);
      }
      if (!transport) transport = factory_(config_, &cancel_);
      CycleResult result;
      try {
        run_sync_cycle(*transport, *replica, options, &result);
        backoff.reset();
        update_status([&](SyncStatus& s) {
          s.online = true;
          s.last_success = std::chrono::system_clock::now();
          s.last_error.clear();
          s.needs_reenrolment = false;
          ++s.successes;
        });
      } catch (const SyncFailure& e) {
        wait = backoff.next();
        update_status([&](SyncStatus& s) {
          s.online = e.reached_server();
          s.last_error = e.what();
          s.needs_reenrolment = e.needs_reenrolment();
        });
      }
      const auto pending = replica->pending_count();
      const auto rejected = replica->rejected_count();
      const auto cursor = replica->cursor().value_or(0);
      update_status([&](SyncStatus& s) {
        if (result.clock) {
          s.clock_offset = offsets.best();
          ++s.clock_samples;
        }
        s.rows_uploaded += result.rows_uploaded;
        s.changes_applied += result.changes_applied;
        if (result.took_snapshot) ++s.snapshots;
        s.pending_rows = pending;
        s.rejected_rows = rejected;
        s.cursor = cursor;
      });
    } catch (const std::exception& e) {
      // Local trouble (database busy or unreadable, bad configuration): keep
      // the thread alive and try again later.
      wait = backoff.next();
      update_status([&](SyncStatus& s) { s.last_error = std::string("kiosk database: ") + e.what(); });
      replica.reset();
      db.reset();
    }
    update_status([](SyncStatus& s) { ++s.cycles; });
    finished_.notify_all();

    std::unique_lock lock(mutex_);
    const auto deadline = Clock::now() + wait;
    for (;;) {
      if (stopping_) return;
      // After a scan: go now if the server answered last time; offline, the
      // backoff decides (a burst of scans must not hammer a dead network).
      if (force_requested_ || (wake_requested_ && status_.online)) break;
      if (wake_.wait_until(lock, deadline) == std::cv_status::timeout) break;
    }
    wake_requested_ = force_requested_ = false;
  }
}

}  // namespace speedmeet::client
