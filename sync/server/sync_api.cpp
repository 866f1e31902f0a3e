#include "sync_api.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "change_feed.hpp"
#include "device_registry.hpp"
#include "event_reader.hpp"
#include "journal_ingest.hpp"
#include "log.hpp"
#include "protocol/messages.hpp"
#include "protocol/protocol_error.hpp"
#include "store/store_error.hpp"

namespace speedmeet::server {
namespace {

const std::string kPrefix = protocol::kApiPrefix;
constexpr std::int64_t kLastSeenEveryMs = 5000;


bool iequals_prefix(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

// The token of "Authorization: Bearer <token>", or "" when the header is not that.
std::string bearer_token(const std::string& header) {
  if (!iequals_prefix(header, "bearer ")) return {};
  std::string token = header.substr(7);
  const auto first = token.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  token.erase(0, first);
  while (!token.empty() && token.back() == ' ') token.pop_back();
  return token;
}

std::optional<std::string> single_param(const ApiRequest& r, const std::string& name) {
  std::optional<std::string> value;
  for (const auto& [key, v] : r.query) {
    if (key != name) continue;
    if (value) throw protocol::ProtocolError(400, "invalid_query", name + " given twice");
    value = v;
  }
  return value;
}

struct Route {
  const char* path;
  const char* method;
};
constexpr Route kRoutes[] = {{"/health", "GET"}, {"/snapshot", "GET"}, {"/changes", "GET"}, {"/journal", "POST"}};

}  // namespace

ApiResponse json_response(int status, const std::string& body) {
  ApiResponse r;
  r.status = status;
  r.body = body;
  return r;
}

ApiResponse error_response(int status, const std::string& code, const std::string& message) {
  ApiResponse r = json_response(status, protocol::error_json(code, message));
  r.detail = code;
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"speedmeet\"");
  return r;
}

SyncApi::SyncApi(const std::string& db_path, protocol::Limits limits, std::size_t connections)
    : pool_(db_path, connections), limits_(limits) {}

ApiResponse SyncApi::handle(const ApiRequest& request) {
  try {
    if (request.path.rfind(kPrefix, 0) != 0) return error_response(404, "not_found", "no such endpoint");
    const std::string endpoint = request.path.substr(kPrefix.size());
    const auto route = std::find_if(std::begin(kRoutes), std::end(kRoutes),
                                    [&](const Route& r) { return endpoint == r.path; });
    if (route == std::end(kRoutes)) return error_response(404, "not_found", "no such endpoint");
    const bool head_of_get = request.method == "HEAD" && std::string(route->method) == "GET";
    if (request.method != route->method && !head_of_get) {
      ApiResponse r = error_response(405, "method_not_allowed", std::string("use ") + route->method);
      r.headers.emplace_back("Allow", route->method);
      return r;
    }
    if (endpoint == "/health") return health();

    auto db = pool_.acquire();
    const auto device = authenticate(*db, request.authorization);
    if (!device) return error_response(401, "unauthorized", "missing, unknown or revoked device token");
    ApiResponse response = endpoint == "/snapshot"  ? snapshot(*db)
                           : endpoint == "/changes" ? changes(*db, request, *device)
                                                    : journal(*db, request, *device);
    response.device = *device;
    return response;
  } catch (const protocol::ProtocolError& e) {
    return error_response(e.status(), e.code(), e.what());
  } catch (const store::StoreError& e) {
    if ((e.sqlite_code() & 0xff) == SQLITE_BUSY || (e.sqlite_code() & 0xff) == SQLITE_LOCKED) {
      ApiResponse r = error_response(503, "busy", "the database is busy; retry shortly");
      r.headers.emplace_back("Retry-After", "1");
      return r;
    }
    log_line("error", "database failure", {{"path", request.path}, {"error", e.what()}});
    return error_response(500, "internal", "internal server error");
  } catch (const std::exception& e) {
    log_line("error", "request failed", {{"path", request.path}, {"error", e.what()}});
    return error_response(500, "internal", "internal server error");
  }
}

ApiResponse SyncApi::health() {
  auto db = pool_.acquire();
  protocol::Health h{read_event_info(*db).id, unix_ms_now()};
  return json_response(200, protocol::health_json(h));
}

std::optional<std::string> SyncApi::authenticate(store::Database& db, const std::string& authorization) {
  const std::string token = bearer_token(authorization);
  if (token.empty()) return std::nullopt;
  DeviceRegistry registry(db);
  auto device = registry.authenticate(token);
  if (device) note_seen(db, *device, unix_ms_now());
  return device;
}

void SyncApi::note_seen(store::Database& db, const std::string& device, std::int64_t now_ms) {
  {
    const std::lock_guard lock(seen_mutex_);
    auto& last = last_seen_written_[device];
    if (now_ms - last < kLastSeenEveryMs) return;
    last = now_ms;
  }
  try {
    DeviceRegistry(db).record_seen(device, now_ms);
  } catch (const store::StoreError&) {
    // Busy: last_seen is informative only; the next request writes it.
  }
}

ApiResponse SyncApi::snapshot(store::Database& db) {
  const protocol::Snapshot s = build_snapshot(db);
  ApiResponse r = json_response(200, protocol::snapshot_json(s));
  r.detail = "participants=" + std::to_string(s.participants.size()) + " meetings=" +
             std::to_string(s.meetings.size()) + " cursor=" + std::to_string(s.cursor);
  return r;
}

ApiResponse SyncApi::changes(store::Database& db, const ApiRequest& request, const std::string& device) {
  const auto query = protocol::parse_changes_query(single_param(request, "since"), single_param(request, "limit"), limits_);
  const protocol::ChangesPage page = read_changes(db, query, device);
  ApiResponse r = json_response(200, protocol::changes_page_json(page));
  r.detail = "since=" + std::to_string(query.since) + " changes=" + std::to_string(page.changes.size()) +
             " next=" + std::to_string(page.next_cursor);
  return r;
}

ApiResponse SyncApi::journal(store::Database& db, const ApiRequest& request, const std::string& device) {
  if (!iequals_prefix(request.content_type, "application/json"))
    return error_response(415, "unsupported_media_type", "send Content-Type: application/json");
  const protocol::JournalBatch batch = protocol::parse_journal_batch(request.body, limits_);
  const std::string event_id = read_event_info(db).id;
  if (batch.event_id != event_id)
    return error_response(409, "event_mismatch", "this server holds another event; re-enrol the kiosk");
  const auto outcomes = ingest_rows(db, batch.rows, IngestOptions{device, unix_ms_now()});
  ApiResponse r = json_response(200, protocol::journal_results_text(outcomes));
  const auto counts = protocol::count_results(outcomes);
  r.detail = "rows=" + std::to_string(outcomes.size()) + " stored=" + std::to_string(counts[0]) +
             " duplicate=" + std::to_string(counts[1]) + " rejected=" + std::to_string(counts[2]);
  return r;
}

}  // namespace speedmeet::server
