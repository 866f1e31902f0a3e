#pragma once
// `speedmeet serve` as one object: the HTTP core (http_server.hpp) with the
// sync API's routes, and an event hub fed by a change watcher. The staff
// console adds its own routes and event streams before run():
//
//   SyncServer server(options);
//   server.router().add("GET", "/board", board_page);
//   server.router().add("GET", "/board/events", board_stream);  // StreamStart{.topics = {"changes"}}
//   server.run();
//
// Topic "changes" carries an event named `change` within about a quarter of
// a second of every write to the change log (at once after an upload that
// stored rows), with data {"cursor": HEAD, "entities": ["journal", ...]}.
#include <chrono>
#include <memory>
#include <string>

#include "event_hub.hpp"
#include "http_router.hpp"
#include "http_server.hpp"
#include "protocol/limits.hpp"
#include "sync_api.hpp"

namespace speedmeet::server {

class ChangeWatcher;

struct SyncServerOptions {
  std::string db_path;
  protocol::Limits limits;  // its max_body_bytes is the server's body limit
  HttpOptions http;
  std::chrono::milliseconds watch_interval{250};
};

inline constexpr const char* kChangesTopic = "changes";

class SyncServer {
 public:
  // Opens the database, binds the socket (throws like HttpServer).
  explicit SyncServer(SyncServerOptions options);
  ~SyncServer();
  SyncServer(const SyncServer&) = delete;
  SyncServer& operator=(const SyncServer&) = delete;

  Router& router() { return router_; }
  EventHub& hub() { return hub_; }
  void changed();  // something was written: tell the streams without waiting for the next look

  int port() const { return http_->port(); }
  void run() { http_->run(); }
  void stop() { http_->stop(); }
  HttpStats stats() const { return http_->stats(); }

 private:
  SyncServerOptions options_;
  EventHub hub_;
  SyncApi api_;
  Router router_;
  std::unique_ptr<ChangeWatcher> watcher_;
  std::unique_ptr<HttpServer> http_;  // last: stopped and joined before everything it serves
};

}  // namespace speedmeet::server
