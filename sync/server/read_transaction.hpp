#pragma once
// RAII read transaction: every SELECT inside sees one snapshot of the
// database (WAL), so a snapshot and its cursor always agree. Ends with
// ROLLBACK: nothing is written.
#include "store/database.hpp"

namespace speedmeet::server {

class ReadTransaction {
 public:
  explicit ReadTransaction(store::Database& db) : db_(db) { db_.exec("BEGIN DEFERRED"); }
  ~ReadTransaction() {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {  // nothing was written; a failed ROLLBACK leaves nothing to undo
    }
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  store::Database& db_;
};

}  // namespace speedmeet::server
