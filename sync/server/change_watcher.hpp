#pragma once
// Notices every write to what kiosks hold, whoever made it (an upload, the
// re-match timer, a `speedmeet` command in another process, the console):
// a thread of its own reads the head of the change log every `interval`,
// or at once when poke()d, and reports each advance. The sync server
// publishes these to its event hub.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace speedmeet::store { class Database; }

namespace speedmeet::server {

class ChangeWatcher {
 public:
  // Called on the watcher's thread when the head moved from `previous` to
  // `head`, with the watcher's own read-only connection.
  using Callback = std::function<void(std::int64_t previous, std::int64_t head, store::Database& db)>;

  // Changes made before construction are not reported.
  ChangeWatcher(std::string db_path, std::chrono::milliseconds interval, Callback callback);
  ~ChangeWatcher();
  ChangeWatcher(const ChangeWatcher&) = delete;
  ChangeWatcher& operator=(const ChangeWatcher&) = delete;

  void poke();  // thread-safe: look now

  // The kinds of entity written in (after, up_to] ("journal", "meeting"...).
  static std::vector<std::string> entities_between(store::Database& db, std::int64_t after, std::int64_t up_to);

 private:
  void loop();
  void look(store::Database& db);
  std::string path_;
  std::chrono::milliseconds interval_;
  Callback callback_;
  std::int64_t last_ = 0;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool poked_ = false, stopping_ = false;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace speedmeet::server
