#pragma once
// The no-show re-match timer. `speedmeet serve` hands it the scheduler's
// re-match (the server library does not depend on the scheduler) and it runs
// it for each round once that round's grace period is over (and the round
// has not ended), exactly once per round even across restarts. Meetings it inserts with origin 'rematch' reach every kiosk
// through the change feed: triggers record every write to meetings.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "domain/event.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::server {

// Runs inside a write transaction the caller commits (do not BEGIN another);
// returns how many meetings it created. Throwing rolls the round back; it is
// tried again on the next tick.
using RematchFunction = std::function<int(store::Database& db, int round, Instant now)>;

// Pure: the rounds whose start + grace has passed at `now`, that have not
// ended, and are not in `done`.
std::vector<int> rounds_due_for_rematch(const std::vector<Round>& rounds, Minutes grace, Instant now,
                                        const std::set<int>& done);

struct RematchRun {
  int round = 0;
  int meetings = 0;
};
// Runs `function` for every due round, each in its own transaction together
// with its rematch_runs row.
std::vector<RematchRun> run_due_rematches(store::Database& db, Instant now, const RematchFunction& function);

// A thread that calls run_due_rematches every `interval` on its own
// connection while the server runs.
class RematchScheduler {
 public:
  RematchScheduler(std::string db_path, std::chrono::milliseconds interval, RematchFunction function);
  ~RematchScheduler();
  RematchScheduler(const RematchScheduler&) = delete;
  RematchScheduler& operator=(const RematchScheduler&) = delete;

 private:
  void loop();
  std::string db_path_;
  std::chrono::milliseconds interval_;
  RematchFunction function_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace speedmeet::server
