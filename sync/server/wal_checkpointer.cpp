#include "wal_checkpointer.hpp"

#include <sqlite3.h>

#include "log.hpp"
#include "store/database.hpp"
#include "store/store_error.hpp"

namespace speedmeet::server {

WalCheckpointer::WalCheckpointer(std::string db_path, int threshold_pages)
    : path_(std::move(db_path)), threshold_pages_(threshold_pages), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void WalCheckpointer::watch(store::Database& db) {
  // Replaces SQLite's own auto-checkpoint hook on this connection.
  sqlite3_wal_hook(db.handle(), &WalCheckpointer::on_commit, this);
}

int WalCheckpointer::on_commit(void* self, sqlite3* db, const char* schema, int wal_pages) {
  auto& me = *static_cast<WalCheckpointer*>(self);
  if (wal_pages >= 4 * me.threshold_pages_) {
    // Fallen behind: bound the WAL here, as SQLite's own hook would.
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (wal_pages >= me.threshold_pages_) {
    {
      const std::lock_guard lock(me.mutex_);
      me.due_ = true;
    }
    me.wake_.notify_one();
  }
  return SQLITE_OK;
}

WalCheckpointer::Stats WalCheckpointer::stats() const {
  const std::lock_guard lock(mutex_);
  return stats_;
}

void WalCheckpointer::run() {
  std::unique_ptr<store::Database> db;  // opened on first use: the file may not exist yet when we start
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return due_ || stopping_; });
    if (stopping_) return;
    due_ = false;
    lock.unlock();
    int wal_frames = -1, checkpointed = -1;
    try {
      if (!db) db = std::make_unique<store::Database>(path_, store::OpenMode::read_write);
      const int rc = sqlite3_wal_checkpoint_v2(db->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames,
                                               &checkpointed);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        log_line("warn", "wal checkpoint failed", {{"error", sqlite3_errstr(rc)}});
    } catch (const store::StoreError& e) {
      log_line("warn", "wal checkpoint failed", {{"error", e.what()}});
    }
    lock.lock();
    ++stats_.runs;
    stats_.last_wal_frames = wal_frames;
    stats_.last_checkpointed_frames = checkpointed;
  }
}

}  // namespace speedmeet::server
