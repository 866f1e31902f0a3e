#pragma once
// Shared pieces of the sync tests: databases of the demo event, an
// in-process transport onto SyncApi, and journal rows as a kiosk writes them.
#include <memory>
#include <string>
#include <vector>

#include "client/transport.hpp"
#include "server/sync_api.hpp"
#include "store/database.hpp"
#include "store/journal.hpp"
#include "support/temp_dir.hpp"

namespace speedmeet::test {

// The demo event (52 participants, 128 meetings), built in-process.
std::string make_central_db(const TempDir& dir, const std::string& name = "central.db");
// An empty kiosk database with the current schema.
std::string make_kiosk_db(const TempDir& dir, const std::string& name);

// Enrols NAME in the central database and returns its token.
std::string enrol(const std::string& central_db, const std::string& name);

// A check-in as the kiosk would append it.
JournalRow entrance(const std::string& participant, std::int64_t device_time_ms);
JournalRow meeting_checkin(const std::string& participant, std::int64_t meeting_id, std::int64_t device_time_ms);
JournalRow rejected_scan(const std::string& reason, const std::string& code, std::int64_t device_time_ms);

// Queues `count` rows on DEVICE in one transaction (faster than `count`
// durable appends; same columns and outbox trigger as Journal::append),
// each carrying `code` as its scanned text.
void queue_rows(const std::string& kiosk_db, const std::string& device, int count, const std::string& code = "");

std::vector<std::string> journal_uuids(const std::string& db_path, const std::string& where = "1");
std::int64_t count_rows(const std::string& db_path, const std::string& sql);

// Transport that calls SyncApi directly: the whole protocol without sockets.
class ApiTransport : public client::Transport {
 public:
  ApiTransport(server::SyncApi& api, std::string token) : api_(api), token_(std::move(token)) {}
  client::HttpResult get(const std::string& path_and_query) override;
  client::HttpResult post_json(const std::string& path, const std::string& body) override;
  int requests = 0;
  int fail_after = -1;  // >= 0: requests after this many fail with no answer
  std::size_t max_body_seen = 0;  // the largest request body sent so far

 private:
  client::HttpResult call(server::HttpRequest request);
  server::SyncApi& api_;
  std::string token_;
};

}  // namespace speedmeet::test
