#include "change_watcher.hpp"

#include "event_reader.hpp"
#include "log.hpp"
#include "store/database.hpp"

namespace speedmeet::server {

ChangeWatcher::ChangeWatcher(std::string db_path, std::chrono::milliseconds interval, Callback callback)
    : path_(std::move(db_path)), interval_(interval), callback_(std::move(callback)) {
  {
    store::Database db(path_, store::OpenMode::read_only);
    last_ = head_cursor(db);
  }
  thread_ = std::thread([this] { loop(); });
}

ChangeWatcher::~ChangeWatcher() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ChangeWatcher::poke() {
  {
    const std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
}

void ChangeWatcher::loop() {
  std::unique_ptr<store::Database> db;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, interval_, [&] { return stopping_ || poked_; });
      if (stopping_) return;
      poked_ = false;
    }
    try {
      if (!db) db = std::make_unique<store::Database>(path_, store::OpenMode::read_only);
      look(*db);
    } catch (const std::exception& e) {
      // Busy or gone for a moment: the next look catches up.
      log_line("warn", "change watcher", {{"error", e.what()}});
      db.reset();
    }
  }
}

void ChangeWatcher::look(store::Database& db) {
  const std::int64_t head = head_cursor(db);
  if (head < last_) last_ = head;  // the database was replaced: follow its log from here
  if (head == last_) return;
  const std::int64_t previous = last_;
  last_ = head;
  callback_(previous, head, db);
}

std::vector<std::string> ChangeWatcher::entities_between(store::Database& db, std::int64_t after, std::int64_t up_to) {
  std::vector<std::string> entities;
  auto st = db.prepare("SELECT DISTINCT entity FROM change_log WHERE cursor > ? AND cursor <= ? ORDER BY entity");
  st.bind(1, after).bind(2, up_to);
  while (st.step()) entities.push_back(st.text(0));
  return entities;
}

}  // namespace speedmeet::server
