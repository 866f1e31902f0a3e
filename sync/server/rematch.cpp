#include "rematch.hpp"

#include "log.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/transaction.hpp"

namespace speedmeet::server {
namespace {

std::set<int> rounds_done(store::Database& db) {
  std::set<int> done;
  auto st = db.prepare("SELECT round FROM rematch_runs");
  while (st.step()) done.insert(st.integer(0));
  return done;
}

}  // namespace

std::vector<int> rounds_due_for_rematch(const std::vector<Round>& rounds, Minutes grace, Instant now,
                                        const std::set<int>& done) {
  std::vector<int> due;
  for (const Round& r : rounds)
    if (now >= r.starts_at + grace && now < r.ends_at && !done.contains(r.number)) due.push_back(r.number);
  return due;
}

std::vector<RematchRun> run_due_rematches(store::Database& db, Instant now, const RematchFunction& function) {
  std::vector<RematchRun> runs;
  if (!function) return runs;
  const auto event = store::EventStore(db).load_event();
  if (!event) return runs;
  for (const int round : rounds_due_for_rematch(event->rounds, event->grace, now, rounds_done(db))) {
    store::Transaction tx(db);
    // Checked again inside the write lock: another process may have run it.
    if (rounds_done(db).contains(round)) continue;
    const int created = function(db, round, now);
    db.prepare("INSERT INTO rematch_runs (round, ran_at, meetings) VALUES (?, ?, ?)")
        .bind(1, round)
        .bind(2, unix_ms_now())
        .bind(3, created)
        .run();
    tx.commit();
    runs.push_back({round, created});
    log_line("info", "rematch", {{"round", std::to_string(round)}, {"meetings", std::to_string(created)}});
  }
  return runs;
}

RematchScheduler::RematchScheduler(std::string db_path, std::chrono::milliseconds interval, RematchFunction function)
    : db_path_(std::move(db_path)), interval_(interval), function_(std::move(function)), thread_([this] { loop(); }) {}

RematchScheduler::~RematchScheduler() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RematchScheduler::loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [&] { return stopping_; })) {
    lock.unlock();
    try {
      store::Database db(db_path_, store::OpenMode::read_write);
      run_due_rematches(db, std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now()), function_);
    } catch (const std::exception& e) {
      log_line("error", "rematch failed", {{"error", e.what()}});
    }
    lock.lock();
  }
}

}  // namespace speedmeet::server
