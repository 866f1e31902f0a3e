#include "sync_cycle.hpp"

#include <chrono>

#include "batch_split.hpp"
#include "kiosk_replica.hpp"
#include "protocol/messages.hpp"
#include "protocol/protocol_error.hpp"
#include "transport.hpp"

namespace speedmeet::client {
namespace {

constexpr int kAnswerDepth = 16;

// The error code of a JSON error answer, or "".
std::string error_code(const HttpResult& r) { return protocol::read_error_code(r.body); }

[[noreturn]] void fail(const std::string& what, const HttpResult& r) {
  if (r.status == 0) throw SyncFailure(what + ": " + r.error, false);
  const std::string code = error_code(r);
  if (r.status == 401) throw SyncFailure("the server refused this kiosk's token (revoked or unknown)", true);
  throw SyncFailure(what + ": HTTP " + std::to_string(r.status) + (code.empty() ? "" : " " + code), true);
}

// GET /health, timed: the server's time, read halfway through the round
// trip as far as the device can tell.
ClockSample measure_clock(Transport& transport, const std::function<std::int64_t()>& device_clock_ms) {
  const std::int64_t sent = device_clock_ms();
  const auto started = std::chrono::steady_clock::now();
  const HttpResult r = transport.get("/api/v1/health");
  const auto rtt = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  if (r.status != 200) fail("health", r);
  try {
    const protocol::Health health = protocol::read_health(r.body, kAnswerDepth);
    return measure_offset(sent, rtt.count(), health.server_time_ms);
  } catch (const protocol::ProtocolError& e) {
    throw SyncFailure(std::string("health: unreadable answer (") + e.what() + ")", true);
  }
}

std::string clock_query(const std::optional<ClockSample>& offset) {
  if (!offset) return "";
  return "&clock_offset_ms=" + std::to_string(offset->offset_ms) + "&clock_rtt_ms=" + std::to_string(offset->rtt_ms);
}

void take_snapshot(Transport& transport, KioskReplica& replica, CycleResult& result) {
  const HttpResult r = transport.get("/api/v1/snapshot");
  if (r.status != 200) fail("snapshot", r);
  try {
    replica.apply_snapshot(protocol::read_snapshot_text(r.body, kAnswerDepth));
  } catch (const protocol::ProtocolError& e) {
    throw SyncFailure(std::string("snapshot: ") + e.what(), true);
  }
  result.took_snapshot = true;
}

void push(Transport& transport, KioskReplica& replica, const CycleOptions& options, CycleResult& result) {
  const std::string event_id = replica.event_id();
  for (;;) {
    auto rows = replica.pending_rows(options.batch_rows);
    if (rows.empty()) return;
    SizedBatch batch = first_batch_within(event_id, rows, options.max_body_bytes);
    if (batch.rows == 0)
      throw SyncFailure("upload: journal row " + rows.front().uuid + " alone is larger than the server's " +
                            std::to_string(options.max_body_bytes) + "-byte limit",
                        false);
    rows.resize(batch.rows);
    const HttpResult r = transport.post_json("/api/v1/journal", batch.body);
    if (r.status == 409 && error_code(r) == "event_mismatch")
      throw SyncFailure("the server holds another event; re-enrol this kiosk", true, true);
    if (r.status != 200) fail("upload", r);
    std::vector<protocol::RowOutcome> outcomes;
    try {
      outcomes = protocol::read_journal_results(r.body, rows.size(), kAnswerDepth);
    } catch (const protocol::ProtocolError& e) {
      throw SyncFailure(std::string("upload: unreadable answer (") + e.what() + ")", true);
    }
    result.rows_uploaded += replica.record_results(rows, outcomes);
  }
}

void pull(Transport& transport, KioskReplica& replica, const CycleOptions& options, CycleResult& result) {
  const std::optional<ClockSample> report = options.offsets ? options.offsets->best() : result.clock;
  for (;;) {
    const auto cursor = replica.cursor();
    if (!cursor) return;
    const HttpResult r = transport.get("/api/v1/changes?since=" + std::to_string(*cursor) +
                                       "&limit=" + std::to_string(options.page_limit) + clock_query(report));
    if (r.status == 409 && error_code(r) == "cursor_ahead") {
      // The server's database was replaced: start again from a snapshot.
      replica.forget_cursor();
      throw SyncFailure("the server's change feed restarted; taking a new snapshot", true);
    }
    if (r.status != 200) fail("changes", r);
    protocol::ChangesPage page;
    try {
      page = protocol::read_changes_page(r.body, kAnswerDepth);
    } catch (const protocol::ProtocolError& e) {
      throw SyncFailure(std::string("changes: unreadable answer (") + e.what() + ")", true);
    }
    if (page.next_cursor < *cursor) throw SyncFailure("changes: the server's cursor went backwards", true);
    replica.apply_changes(page);
    result.changes_applied += static_cast<std::int64_t>(page.changes.size());
    if (!page.more) return;
  }
}

}  // namespace

CycleResult run_sync_cycle(Transport& transport, KioskReplica& replica, const CycleOptions& options,
                           CycleResult* progress) {
  CycleResult local;
  CycleResult& result = progress ? *progress : local;
  try {
    if (options.device_clock_ms) {
      result.clock = measure_clock(transport, options.device_clock_ms);
      if (options.offsets) options.offsets->add(*result.clock);
    }
    if (!replica.cursor()) take_snapshot(transport, replica, result);
    push(transport, replica, options, result);
    pull(transport, replica, options, result);
  } catch (const EnrolmentMismatch& e) {
    throw SyncFailure(e.what(), true, true);
  } catch (const protocol::ProtocolError& e) {
    throw SyncFailure(e.what(), true);
  }
  return result;
}

}  // namespace speedmeet::client
