#pragma once
// The /api/v1 endpoints, independent of the HTTP library: a request in, a
// status and JSON body out. http_server.cpp only adapts cpp-httplib to it, and
// tests drive it directly.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "connection_pool.hpp"
#include "protocol/limits.hpp"

namespace speedmeet::server {

struct ApiRequest {
  std::string method;  // GET, POST, ...
  std::string path;    // decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;
  std::string authorization;  // the Authorization header, "" when absent
  std::string content_type;
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON
  std::vector<std::pair<std::string, std::string>> headers;
  // For the log line only (never secrets): who asked and what it amounted to.
  std::string device;
  std::string detail;
};

class SyncApi {
 public:
  SyncApi(const std::string& db_path, protocol::Limits limits, std::size_t connections);

  ApiResponse handle(const ApiRequest& request);
  const protocol::Limits& limits() const { return limits_; }

 private:
  ApiResponse health();
  ApiResponse snapshot(store::Database& db);
  ApiResponse changes(store::Database& db, const ApiRequest& request, const std::string& device);
  ApiResponse journal(store::Database& db, const ApiRequest& request, const std::string& device);
  std::optional<std::string> authenticate(store::Database& db, const std::string& authorization);
  void note_seen(store::Database& db, const std::string& device, std::int64_t now_ms);

  ConnectionPool pool_;
  protocol::Limits limits_;
  std::mutex seen_mutex_;
  std::map<std::string, std::int64_t> last_seen_written_;  // device -> ms, to write last_seen at most every 5 s
};

ApiResponse json_response(int status, const std::string& body);
ApiResponse error_response(int status, const std::string& code, const std::string& message);

}  // namespace speedmeet::server
