#pragma once
// The threads that run request handlers (SQLite work) away from the HTTP
// I/O threads, with a bounded queue: when it is full the server answers 503
// at once instead of letting every client wait.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace speedmeet::server {

class WorkerPool {
 public:
  WorkerPool(std::size_t threads, std::size_t max_queued);
  ~WorkerPool();  // runs the jobs still queued, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False (and `job` dropped) when max_queued jobs are already waiting.
  bool try_post(std::function<void()> job);
  std::size_t threads() const { return threads_.size(); }
  std::size_t queued() const;  // jobs waiting for a thread now

 private:
  void work();
  std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;  // last: started once everything above exists
};

}  // namespace speedmeet::server
