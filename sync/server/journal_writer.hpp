#pragma once
// Group commit for journal uploads. Every stored row must be durable before
// its kiosk hears "stored", and with synchronous=FULL each commit waits for
// an fsync (about 4 ms on the test machine's disk): one transaction per
// upload capped the server near 250 uploads a second, below what 500 kiosks
// syncing every 2 s need. Uploads that arrive while a commit is under way
// now wait for it and are then stored together, each in its own savepoint
// (one batch's failure leaves the others stored; a lone batch needs none),
// under one commit and one fsync. The first waiting upload's worker thread does the work on its own
// connection (leader/followers): no thread of its own.
#include <condition_variable>
#include <mutex>
#include <vector>

#include "journal_ingest.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::server {

class JournalWriter {
 public:
  // ingest_rows for one batch, committed together with whatever other
  // batches are waiting. `db` is the caller's connection, used if it leads
  // the group. Throws what the ingest or the commit threw.
  std::vector<protocol::RowOutcome> ingest(store::Database& db, const std::vector<protocol::RowParse>& rows,
                                           const IngestOptions& options);

 private:
  struct Pending;
  void commit_group(store::Database& db, const std::vector<Pending*>& group);
  static void ingest_in_savepoint(store::Database& db, Pending& p);

  std::mutex mutex_;
  std::condition_variable done_;
  std::vector<Pending*> waiting_;
  bool leading_ = false;
};

}  // namespace speedmeet::server
