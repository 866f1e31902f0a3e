#pragma once
// The staff console as routes of the sync server's router (docs/CONSOLE.md):
//
//   server::SyncServer server(options);
//   console::Console console({.db_path = path, .connections = 4}, server.hub());
//   console.install(server.router());
//   server.run();
//
// Pages are embedded HTML shells (assets/console) that fetch their data as
// JSON from /console/api/... with the session cookie; the board listens to
// the hub's change topic over server-sent events. Only a session cookie
// opens the console (a device token does not); the sync API reads only
// device tokens, never cookies.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "domain/time.hpp"
#include "login_throttle.hpp"
#include "server/connection_pool.hpp"
#include "server/event_hub.hpp"
#include "server/http_router.hpp"
#include "staff_accounts.hpp"

namespace speedmeet::console {

struct ConsoleOptions {
  std::string db_path;
  std::size_t connections = 4;  // SQLite connections at most (one per worker thread)
  ThrottleLimits throttle;
  // The console's clock: now, unless a test or a replay says otherwise.
  std::function<Instant()> clock;
};

struct Session;

class Console {
 public:
  Console(ConsoleOptions options, server::EventHub& hub);
  ~Console();
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  void install(server::Router& router);

 private:
  enum class Answer { page, json };
  using Action = std::function<server::HttpResponse(store::Database&, const Session&, const server::HttpRequest&)>;
  // Authenticates by cookie, checks the role (and, for a POST, the CSRF
  // token and Origin), then runs `action` with a database connection.
  server::Handler guarded(Role needed, Answer answer, Action action);
  server::HttpResponse login(const server::HttpRequest& request);
  server::HttpResponse logout(const server::HttpRequest& request);
  void add_pages(server::Router& router);
  void add_data(server::Router& router);
  void add_actions(server::Router& router);
  Instant now() const;

  ConsoleOptions options_;
  server::EventHub& hub_;
  server::ConnectionPool pool_;
  LoginThrottle throttle_;
};

}  // namespace speedmeet::console
