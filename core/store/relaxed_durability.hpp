#pragma once
// RAII: commits made while it lives are not fsynced (synchronous=NORMAL; in
// WAL mode they stay atomic, and the next FULL commit or checkpoint makes
// them durable). Only for writes a power cut may undo without harm, because
// they are redone on their own: a kiosk forgetting that the server
// acknowledged some rows only sends them again, and the server answers
// "duplicate". Must be created and destroyed outside a transaction (SQLite
// refuses to change the safety level inside one).
#include "database.hpp"

namespace speedmeet::store {

class RelaxedDurability {
 public:
  explicit RelaxedDurability(Database& db) : db_(db) { db_.exec("PRAGMA synchronous=NORMAL"); }
  ~RelaxedDurability() {
    try {
      db_.exec("PRAGMA synchronous=FULL");
    } catch (...) {  // fails only on a broken connection, which its next statement reports
    }
  }
  RelaxedDurability(const RelaxedDurability&) = delete;
  RelaxedDurability& operator=(const RelaxedDurability&) = delete;

 private:
  Database& db_;
};

}  // namespace speedmeet::store
