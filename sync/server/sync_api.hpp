#pragma once
// The /api/v1 endpoints as routes of the HTTP core (http_router.hpp): a
// request in, a status and JSON body out. install() adds them to the
// server's router; handle() runs the same routes in-process (tests, and
// ApiTransport).
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "connection_pool.hpp"
#include "http_message.hpp"
#include "http_router.hpp"
#include "journal_writer.hpp"
#include "domain/clock_offset.hpp"
#include "protocol/limits.hpp"

namespace speedmeet::server {

class SyncApi {
 public:
  // `connections`: SQLite connections at most (one per worker thread).
  // `on_stored` runs on the worker's thread after an upload stored rows.
  SyncApi(const std::string& db_path, protocol::Limits limits, std::size_t connections,
          std::function<void()> on_stored = {});

  // GET /api/v1/health (answered from memory, on the I/O thread), GET
  // /api/v1/snapshot, GET /api/v1/changes, POST /api/v1/journal, and POST
  // /api/v1/device/enroll (no token: a setup code's one-time secret).
  void install(Router& router);
  HttpResponse handle(const HttpRequest& request) const { return own_routes_.dispatch(request); }
  const protocol::Limits& limits() const { return limits_; }
  // /health names this event; set at start and whenever the event row changes.
  void set_event_id(std::string id);

 private:
  HttpResponse health() const;
  HttpResponse snapshot(store::Database& db);
  HttpResponse changes(store::Database& db, const HttpRequest& request, const std::string& device);
  HttpResponse journal(store::Database& db, const HttpRequest& request, const std::string& device);
  HttpResponse enroll(store::Database& db, const HttpRequest& request);
  // Authenticates the device, runs `endpoint` and turns exceptions into
  // their documented answers.
  using Endpoint = std::function<HttpResponse(store::Database&, const std::string& device)>;
  HttpResponse as_device(const HttpRequest& request, const Endpoint& endpoint);
  // The same without a device: runs `endpoint` on a pooled connection and
  // turns exceptions into their documented answers.
  HttpResponse guarded(const HttpRequest& request, const std::function<HttpResponse(store::Database&)>& endpoint);
  std::optional<std::string> authenticate(store::Database& db, const std::string& authorization);
  void note_seen(store::Database& db, const std::string& device, std::int64_t now_ms);
  void note_clock(store::Database& db, const std::string& device, const ClockSample& clock, std::int64_t now_ms);

  ConnectionPool pool_;
  JournalWriter writer_;  // uploads arriving together share one commit
  protocol::Limits limits_;
  std::function<void()> on_stored_;
  Router own_routes_;
  mutable std::mutex mutex_;
  std::string event_id_;
  std::map<std::string, std::int64_t> last_seen_written_;  // device -> ms, to write last_seen at most every 5 s
  struct ClockWritten {
    std::int64_t at_ms = 0;
    ClockSample clock;
  };
  std::map<std::string, ClockWritten> clock_written_;  // device -> last clock report written
};

}  // namespace speedmeet::server
