#pragma once
// SQLite connections for the server's worker threads: one connection per
// request at a time, opened lazily, never more than `capacity`. Their WAL
// checkpoints run on the pool's own thread, not in a request.
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "wal_checkpointer.hpp"

namespace speedmeet::server {

class ConnectionPool {
 public:
  ConnectionPool(std::string path, std::size_t capacity) : path_(std::move(path)), capacity_(capacity) {}

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<store::Database> db) : pool_(&pool), db_(std::move(db)) {}
    ~Lease() {
      if (db_) pool_->give_back(std::move(db_));
    }
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    store::Database& operator*() { return *db_; }
    store::Database* operator->() { return db_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<store::Database> db_;
  };

  Lease acquire();
  const std::string& path() const { return path_; }

 private:
  void give_back(std::unique_ptr<store::Database> db);
  std::string path_;
  std::size_t capacity_;
  WalCheckpointer checkpointer_{path_};  // outlives the connections below, which call it
  std::size_t opened_ = 0;
  std::vector<std::unique_ptr<store::Database>> idle_;
  std::mutex mutex_;
  std::condition_variable available_;
};

}  // namespace speedmeet::server
