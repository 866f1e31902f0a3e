#pragma once
// Moves SQLite's WAL checkpoints off the server's request path. By default
// the connection whose commit pushes the WAL past 1,000 pages copies the
// whole WAL into the database file and fsyncs it before its request can
// answer: a journal upload that happened to cross the line took 20 ms
// instead of 5. Connections handed to `watch` report each commit's WAL size
// instead; past `threshold_pages` a thread of our own checkpoints (PASSIVE:
// it never blocks readers or writers) while the next requests go on. A
// connection still checkpoints inline beyond `4 × threshold_pages`, so the
// WAL stays bounded if this thread ever falls behind.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;
namespace speedmeet::store { class Database; }

namespace speedmeet::server {

class WalCheckpointer {
 public:
  explicit WalCheckpointer(std::string db_path, int threshold_pages = 1000);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // From now on `db` (a connection to the same file, kept alive no longer
  // than this object) leaves checkpoints to this thread.
  void watch(store::Database& db);

  struct Stats {
    std::int64_t runs = 0;             // checkpoints this thread ran
    int last_wal_frames = 0;           // frames in the WAL at the last run
    int last_checkpointed_frames = 0;  // of which copied into the database
  };
  Stats stats() const;

 private:
  static int on_commit(void* self, ::sqlite3* db, const char* schema, int wal_pages);
  void run();

  std::string path_;
  int threshold_pages_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false, stopping_ = false;
  Stats stats_;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace speedmeet::server
