#include "sync_api.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "change_feed.hpp"
#include "device_registry.hpp"
#include "event_reader.hpp"
#include "journal_ingest.hpp"
#include "log.hpp"
#include "protocol/messages.hpp"
#include "protocol/bundles.hpp"
#include "protocol/protocol_error.hpp"
#include "protocol/setup_code.hpp"
#include "store/relaxed_durability.hpp"
#include "store/store_error.hpp"

namespace speedmeet::server {
namespace {

const std::string kPrefix = protocol::kApiPrefix;
constexpr std::int64_t kLastSeenEveryMs = 5000;
// A kiosk reports its clock offset on every GET /changes (every few
// seconds): stored when it moved by more than this, else once a minute.
constexpr std::int64_t kClockMoveMs = 250;
constexpr std::int64_t kClockEveryMs = 60'000;


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

// A query parameter given at most once: twice is refused even with the
// same value, so that no reader of the URL can take another value than ours.
std::optional<std::string> single_param(const HttpRequest& r, const std::string& name) {
  std::optional<std::string> value;
  for (const auto& [key, v] : r.query) {
    if (key != name) continue;
    if (value) throw protocol::ProtocolError(400, "invalid_query", name + " given twice");
    value = v;
  }
  return value;
}

}  // namespace

SyncApi::SyncApi(const std::string& db_path, protocol::Limits limits, std::size_t connections,
                 std::function<void()> on_stored)
    : pool_(db_path, connections), limits_(limits), on_stored_(std::move(on_stored)) {
  {
    auto db = pool_.acquire();
    event_id_ = read_event_info(*db).id;
  }
  install(own_routes_);
}

void SyncApi::set_event_id(std::string id) {
  const std::lock_guard lock(mutex_);
  event_id_ = std::move(id);
}

void SyncApi::install(Router& router) {
  router.add("GET", kPrefix + "/health", [this](const HttpRequest&) { return health(); }, {Runs::on_io_thread, {}});
  router.add("GET", kPrefix + "/snapshot", [this](const HttpRequest& r) {
    return as_device(r, [this](store::Database& db, const std::string&) { return snapshot(db); });
  });
  router.add("GET", kPrefix + "/changes", [this](const HttpRequest& r) {
    return as_device(r, [this, &r](store::Database& db, const std::string& device) { return changes(db, r, device); });
  });
  router.add("POST", kPrefix + "/journal", [this](const HttpRequest& r) {
    return as_device(r, [this, &r](store::Database& db, const std::string& device) { return journal(db, r, device); });
  }, {Runs::on_worker, {"application/json"}});
  router.add("POST", kPrefix + "/device/enroll", [this](const HttpRequest& r) {
    return guarded(r, [this, &r](store::Database& db) { return enroll(db, r); });
  }, {Runs::on_worker, {"application/json"}});
}

HttpResponse SyncApi::as_device(const HttpRequest& request, const Endpoint& endpoint) {
  return guarded(request, [&](store::Database& db) {
    const auto device = authenticate(db, request.header("authorization"));
    if (!device) return error_response(401, "unauthorized", "missing, unknown or revoked device token");
    HttpResponse response = endpoint(db, *device);
    response.log.emplace_back("device", *device);
    return response;
  });
}

HttpResponse SyncApi::guarded(const HttpRequest& request, const std::function<HttpResponse(store::Database&)>& endpoint) {
  try {
    auto db = pool_.acquire();
    return endpoint(*db);
  } catch (const protocol::ProtocolError& e) {
    return error_response(e.status(), e.code(), e.what());
  } catch (const store::StoreError& e) {
    if ((e.sqlite_code() & 0xff) == SQLITE_BUSY || (e.sqlite_code() & 0xff) == SQLITE_LOCKED) {
      HttpResponse r = error_response(503, "busy", "the database is busy; retry shortly");
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

// The secret is used only when everything else is right: a kiosk of another
// handshake or a code of another event leaves it usable.
HttpResponse SyncApi::enroll(store::Database& db, const HttpRequest& request) {
  const protocol::EnrollRequest body = protocol::parse_enroll_request(request.body);
  if (body.handshake_version > protocol::kHandshakeVersion)
    return error_response(400, "handshake_version",
                          "handshake version " + std::to_string(body.handshake_version) +
                              " is newer than this server's (" + std::to_string(protocol::kHandshakeVersion) +
                              "): update the server software");
  const protocol::EventInfo event = read_event_info(db);
  if (body.event_key != protocol::key_fingerprint(event.public_key_hex))
    return error_response(409, "event_mismatch", "this setup code names another event than this server's");
  const std::int64_t now = unix_ms_now();
  const Enrolled enrolled = DeviceRegistry(db).enrol_with_secret(body.secret, now);
  HttpResponse r = json_response(
      200, protocol::enroll_answer_json({enrolled.device, enrolled.token, event.id, event.public_key_hex, now}));
  r.headers.emplace_back("Cache-Control", "no-store");  // the answer holds a credential
  r.log.emplace_back("device", enrolled.device);
  r.log.emplace_back("detail", "enrolled by setup code (" + body.software + ", " + body.hardware + ")");
  return r;
}

HttpResponse SyncApi::health() const {
  std::string id;
  {
    const std::lock_guard lock(mutex_);
    id = event_id_;
  }
  return json_response(200, protocol::health_json(protocol::Health{id, unix_ms_now()}));
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
    const std::lock_guard lock(mutex_);
    auto& last = last_seen_written_[device];
    if (now_ms - last < kLastSeenEveryMs) return;
    last = now_ms;
  }
  try {
    // Not fsynced: last_seen is informative, and a power cut losing its
    // last seconds harms nobody; an fsync per kiosk every 5 s would cost
    // 100 of them a second with 500 kiosks.
    const store::RelaxedDurability relaxed(db);
    DeviceRegistry(db).record_seen(device, now_ms);
  } catch (const store::StoreError&) {
    // Busy: last_seen is informative only; the next request writes it.
  }
}

void SyncApi::note_clock(store::Database& db, const std::string& device, const ClockSample& clock, std::int64_t now_ms) {
  {
    const std::lock_guard lock(mutex_);
    auto& last = clock_written_[device];
    const bool moved = std::llabs(clock.offset_ms - last.clock.offset_ms) > kClockMoveMs;
    if (last.at_ms != 0 && !moved && now_ms - last.at_ms < kClockEveryMs) return;
    last = {now_ms, clock};
  }
  try {
    const store::RelaxedDurability relaxed(db);  // informative, as last_seen
    DeviceRegistry(db).record_clock(device, clock.offset_ms, clock.rtt_ms, now_ms);
  } catch (const store::StoreError&) {
    // Busy: the next report writes it.
  }
}

HttpResponse SyncApi::snapshot(store::Database& db) {
  const protocol::Snapshot s = build_snapshot(db);
  HttpResponse r = json_response(200, protocol::snapshot_json(s));
  r.log.emplace_back("detail", "participants=" + std::to_string(s.participants.size()) + " meetings=" +
                                   std::to_string(s.meetings.size()) + " cursor=" + std::to_string(s.cursor));
  return r;
}

HttpResponse SyncApi::changes(store::Database& db, const HttpRequest& request, const std::string& device) {
  const auto query = protocol::parse_changes_query(single_param(request, "since"), single_param(request, "limit"), limits_);
  const auto clock =
      protocol::parse_clock_report(single_param(request, "clock_offset_ms"), single_param(request, "clock_rtt_ms"));
  if (clock) note_clock(db, device, *clock, unix_ms_now());
  const protocol::ChangesPage page = read_changes(db, query, device);
  HttpResponse r = json_response(200, protocol::changes_page_json(page));
  r.log.emplace_back("detail", "since=" + std::to_string(query.since) + " changes=" +
                                   std::to_string(page.changes.size()) + " next=" + std::to_string(page.next_cursor));
  return r;
}

HttpResponse SyncApi::journal(store::Database& db, const HttpRequest& request, const std::string& device) {
  const protocol::JournalBatch batch = protocol::parse_journal_batch(request.body, limits_);
  if (batch.event_id != read_event_info(db).id)
    return error_response(409, "event_mismatch", "this server holds another event; re-enrol the kiosk");
  const auto outcomes = writer_.ingest(db, batch.rows, IngestOptions{device, unix_ms_now()});
  const auto counts = protocol::count_results(outcomes);
  if (counts[0] > 0 && on_stored_) on_stored_();
  HttpResponse r = json_response(200, protocol::journal_results_text(outcomes));
  r.log.emplace_back("detail", "rows=" + std::to_string(outcomes.size()) + " stored=" + std::to_string(counts[0]) +
                                   " duplicate=" + std::to_string(counts[1]) + " rejected=" + std::to_string(counts[2]));
  return r;
}

}  // namespace speedmeet::server
