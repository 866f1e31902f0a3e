#pragma once
// The HTTP core's request and answer, free of any HTTP library: handlers
// (the sync API, the staff console) see only these. The server
// (http_server.hpp) fills a request once its head and body have passed the
// checks every route shares, and writes the answer back.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace speedmeet::server {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // as sent: methods are case-sensitive ("GET", never "get")
  std::string target;  // as sent: "/api/v1/changes?since=3"
  std::string path;    // percent-decoded, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in the order sent
  HeaderList headers;  // names in lower case, in the order sent
  std::string body;
  std::string remote;  // the peer's IP address
  bool tls = false;

  // The field NAME (lower case); several fields of that name are joined
  // with ", " as RFC 9110 allows. "" when absent.
  std::string header(std::string_view name) const;
  bool has_header(std::string_view name) const;
  void set_header(std::string name, std::string value);  // replaces; for tests and in-process callers
};

struct StreamStart;  // event_hub.hpp

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  HeaderList headers;  // beside Content-Type/-Length, which the server writes
  // Appended to the request's access log line (logfmt key=value). Never a
  // token, a password or a cookie.
  std::vector<std::pair<std::string, std::string>> log;
  // Set: the answer is a server-sent-event stream (text/event-stream) that
  // stays open; `body` and `content_type` are ignored. See event_hub.hpp.
  std::shared_ptr<StreamStart> stream;

  std::string header(std::string_view name) const;  // case-insensitive; "" when absent
};

HttpResponse json_response(int status, std::string body);
// {"error": CODE, "message": MESSAGE}; a 401 also carries WWW-Authenticate.
HttpResponse error_response(int status, const std::string& code, const std::string& message);

// True when a Content-Type value names exactly `type` (lower case), with or
// without parameters: "Application/JSON; charset=utf-8" is application/json,
// "application/jsonx" and "application/json-patch+json" are not.
bool media_type_is(std::string_view content_type, std::string_view type);

// Percent-decodes a path ('+' stays '+'); nullopt for a bad escape or a
// decoded NUL byte.
std::optional<std::string> decode_path(std::string_view text);
// name=value pairs of a query (or a form body): '&'-separated, '+' is a
// space, percent-decoded; empty pairs skipped. nullopt for a bad escape or a
// decoded NUL byte.
std::optional<std::vector<std::pair<std::string, std::string>>> decode_query(std::string_view text);

}  // namespace speedmeet::server
