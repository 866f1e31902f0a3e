#include "transaction.hpp"

#include "database.hpp"

namespace speedmeet::store {

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (...) {
    // A failed rollback leaves SQLite to roll back on close; nothing to add.
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace speedmeet::store
