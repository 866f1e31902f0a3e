#pragma once
// RAII transaction: rolls back unless commit() was called. IMMEDIATE, so the
// write lock is taken up front and a busy database fails early, not mid-way.
namespace speedmeet::store {

class Database;

class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace speedmeet::store
