#pragma once
// Which handler answers a request: routes by method and exact path, added
// before the server runs (the table is read without locks afterwards).
//
//   Router router;
//   router.add("GET", "/api/v1/health", health, {.runs = Runs::on_io_thread});
//   router.add("POST", "/api/v1/journal", journal, {.media_types = {"application/json"}});
//   router.add("GET", "/board/events", open_stream);   // answers with HttpResponse::stream
//   router.add_prefix("GET", "/people/", person_page);  // /people/P07, /people/P07/badge.pdf
//
// An exact path wins over a prefix, a longer prefix over a shorter one. A
// path with routes but not for the request's method answers 405 with Allow
// (GET routes also take HEAD); a path without routes answers the fallback
// (JSON 404 not_found unless set_fallback). media_types are checked from
// the headers, before the body is read (415).
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http_message.hpp"

namespace speedmeet::server {

using Handler = std::function<HttpResponse(const HttpRequest&)>;

enum class Runs {
  on_worker,     // the default: anything that touches SQLite or takes more than microseconds
  on_io_thread,  // answers from memory at once; stays answerable while every worker is busy
};

struct RouteOptions {
  Runs runs = Runs::on_worker;
  // Accepted Content-Type media types of a request with a body; empty: any.
  std::vector<std::string> media_types;
};

struct Route {
  std::string method;
  std::string path;
  Handler handler;
  RouteOptions options;
};

class Router {
 public:
  // Throws std::logic_error for a method and path added twice.
  void add(std::string method, std::string path, Handler handler, RouteOptions options = {});
  // Every path that starts with `prefix` (and has no route of its own).
  void add_prefix(std::string method, std::string prefix, Handler handler, RouteOptions options = {});
  // Answers every path without routes, whatever the method.
  void set_fallback(Handler handler, RouteOptions options = {});

  struct Lookup {
    const Route* route = nullptr;  // nullptr: `refusal` answers
    HttpResponse refusal;
  };
  // The route for METHOD and PATH (HEAD finds GET), or the 404/405 answer.
  Lookup find(const std::string& method, const std::string& path) const;
  // 415 when `content_type` is not one the route accepts.
  static std::optional<HttpResponse> refuse_media_type(const Route& route, const std::string& content_type);
  // find + refuse_media_type + the handler, on the calling thread: for
  // in-process callers and tests.
  HttpResponse dispatch(const HttpRequest& request) const;

 private:
  static void add_to(std::vector<Route>& routes, Route route);
  const std::vector<Route>* routes_for(const std::string& path) const;
  std::map<std::string, std::vector<Route>> by_path_;
  std::map<std::string, std::vector<Route>> by_prefix_;
  std::optional<Route> fallback_;
};

}  // namespace speedmeet::server
