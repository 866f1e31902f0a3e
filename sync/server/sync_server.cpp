#include "sync_server.hpp"

#include "change_watcher.hpp"
#include "event_reader.hpp"
#include "protocol/messages.hpp"

namespace speedmeet::server {
namespace {

HttpOptions with_limits(HttpOptions http, const protocol::Limits& limits) {
  http.max_body_bytes = limits.max_body_bytes;
  return http;
}

}  // namespace

SyncServer::SyncServer(SyncServerOptions options)
    : options_(std::move(options)),
      api_(options_.db_path, options_.limits, std::max<std::size_t>(options_.http.worker_threads, 1),
           [this] { changed(); }) {
  api_.install(router_);
  watcher_ = std::make_unique<ChangeWatcher>(
      options_.db_path, options_.watch_interval,
      [this](std::int64_t previous, std::int64_t head, store::Database& db) {
        api_.set_event_id(read_event_info(db).id);  // one row: cheaper than asking whether it changed
        // Listing what changed scans the new part of the log: only for someone listening.
        if (hub_.subscribers() == 0) return;
        const auto entities = ChangeWatcher::entities_between(db, previous, head);
        hub_.publish(kChangesTopic, "change", protocol::change_notice_json(head, entities));
      });
  http_ = std::make_unique<HttpServer>(with_limits(options_.http, options_.limits), router_, hub_);
}

SyncServer::~SyncServer() = default;

void SyncServer::changed() {
  // Only an open stream needs the news at once; otherwise the watcher's next
  // look (within watch_interval) is soon enough, and waking its thread now
  // would compete for a core with the answer being written.
  if (watcher_ && hub_.subscribers() > 0) watcher_->poke();
}

}  // namespace speedmeet::server
