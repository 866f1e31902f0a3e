#include "journal_writer.hpp"

#include <exception>

#include "store/database.hpp"
#include "store/transaction.hpp"

namespace speedmeet::server {

struct JournalWriter::Pending {
  const std::vector<protocol::RowParse>& rows;
  const IngestOptions& options;
  std::vector<protocol::RowOutcome> outcomes;
  std::exception_ptr error;
  bool done = false;
};

std::vector<protocol::RowOutcome> JournalWriter::ingest(store::Database& db,
                                                        const std::vector<protocol::RowParse>& rows,
                                                        const IngestOptions& options) {
  Pending mine{rows, options, {}, nullptr, false};
  std::unique_lock lock(mutex_);
  waiting_.push_back(&mine);
  while (!mine.done) {
    if (leading_) {
      done_.wait(lock);
      continue;
    }
    // Lead: take every batch waiting now (ours included), store them together.
    leading_ = true;
    std::vector<Pending*> group;
    group.swap(waiting_);
    lock.unlock();
    commit_group(db, group);
    lock.lock();
    leading_ = false;
    done_.notify_all();
  }
  if (mine.error) std::rethrow_exception(mine.error);
  return std::move(mine.outcomes);
}

void JournalWriter::commit_group(store::Database& db, const std::vector<Pending*>& group) {
  try {
    store::Transaction tx(db);
    if (group.size() == 1) {
      // Alone: no savepoint, whose sub-journal copies every page a
      // 1,000-row batch touches (it spilled to a temporary file).
      group.front()->outcomes = ingest_rows_in_transaction(db, group.front()->rows, group.front()->options);
    } else {
      for (Pending* p : group) ingest_in_savepoint(db, *p);
    }
    tx.commit();
  } catch (...) {
    // BEGIN or COMMIT failed (busy, disk), or the lone batch did: nothing
    // of the group is stored.
    for (Pending* p : group) {
      p->outcomes.clear();
      p->error = std::current_exception();
    }
  }
  const std::lock_guard lock(mutex_);
  for (Pending* p : group) p->done = true;
}

void JournalWriter::ingest_in_savepoint(store::Database& db, Pending& p) {
  db.exec("SAVEPOINT batch");
  try {
    p.outcomes = ingest_rows_in_transaction(db, p.rows, p.options);
    db.exec("RELEASE batch");
  } catch (...) {
    p.error = std::current_exception();
    db.exec("ROLLBACK TO batch");
    db.exec("RELEASE batch");
  }
}

}  // namespace speedmeet::server
