#include "connection_pool.hpp"

namespace speedmeet::server {

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || opened_ < capacity_; });
  if (!idle_.empty()) {
    auto db = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(db));
  }
  ++opened_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<store::Database>(path_, store::OpenMode::read_write));
  } catch (...) {
    const std::lock_guard relock(mutex_);
    --opened_;
    available_.notify_one();
    throw;
  }
}

void ConnectionPool::give_back(std::unique_ptr<store::Database> db) {
  const std::lock_guard lock(mutex_);
  idle_.push_back(std::move(db));
  available_.notify_one();
}

}  // namespace speedmeet::server
