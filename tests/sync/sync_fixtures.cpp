#include "sync_fixtures.hpp"

#include "organizer/csv.hpp"
#include "organizer/event_config.hpp"
#include "organizer/event_database.hpp"
#include "organizer/importer.hpp"
#include "server/device_registry.hpp"
#include "server/log.hpp"
#include "store/schema.hpp"
#include "store/statement.hpp"
#include "store/transaction.hpp"

namespace speedmeet::test {

std::string make_central_db(const TempDir& dir, const std::string& name) {
  const std::string path = dir.file(name);
  organizer::create_event_database(path, organizer::load_event_config(source_path("config/demo/event.toml")));
  auto db = organizer::open_event_database(path);
  organizer::import_participants(db, organizer::read_csv_file(source_path("config/demo/participants.csv")));
  organizer::import_meetings(db, organizer::read_csv_file(source_path("config/demo/meetings.csv")));
  return path;
}

std::string make_kiosk_db(const TempDir& dir, const std::string& name) {
  const std::string path = dir.file(name);
  store::Database db(path);
  store::migrate(db);
  return path;
}

std::string enrol(const std::string& central_db, const std::string& name) {
  store::Database db(central_db, store::OpenMode::read_write);
  return server::DeviceRegistry(db).add(name, server::unix_ms_now());
}

JournalRow entrance(const std::string& participant, std::int64_t device_time_ms) {
  JournalRow e;
  e.kind = JournalKind::entrance;
  e.participant = participant;
  e.outcome = "welcome";
  e.device_time_ms = device_time_ms;
  return e;
}

JournalRow meeting_checkin(const std::string& participant, std::int64_t meeting_id, std::int64_t device_time_ms) {
  JournalRow e;
  e.kind = JournalKind::meeting;
  e.participant = participant;
  e.meeting_id = meeting_id;
  e.outcome = "next";
  e.device_time_ms = device_time_ms;
  return e;
}

JournalRow rejected_scan(const std::string& reason, const std::string& code, std::int64_t device_time_ms) {
  JournalRow e;
  e.kind = JournalKind::scan;
  e.outcome = "rejected";
  e.reason = reason;
  e.code = code;
  e.device_time_ms = device_time_ms;
  return e;
}

void queue_rows(const std::string& kiosk_db, const std::string& device, int count, const std::string& code) {
  store::Database db(kiosk_db, store::OpenMode::read_write);
  store::Transaction tx(db);
  auto next = db.prepare("SELECT coalesce(max(seq), 0) FROM journal WHERE device = ?");
  next.bind(1, device);
  const std::int64_t first = next.step() ? next.int64(0) + 1 : 1;
  auto insert = db.prepare(
      "INSERT INTO journal (uuid, device, seq, device_time, kind, participant_id, outcome, code) "
      "VALUES (?, ?, ?, ?, 'meeting', ?, 'next', ?)");
  for (int i = 0; i < count; ++i) {
    insert.bind(1, store::make_uuid_v4()).bind(2, device).bind(3, first + i);
    // Appended, not "P" + temporary: GCC 12 warns falsely about that (PR 105329).
    insert.bind(4, std::int64_t{1'795'784'400'000} + i).bind(5, std::string("P").append(std::to_string(1 + i % 32)));
    insert.bind(6, code).run();
  }
  tx.commit();
}

std::vector<std::string> journal_uuids(const std::string& db_path, const std::string& where) {
  store::Database db(db_path, store::OpenMode::read_only);
  std::vector<std::string> out;
  auto st = db.prepare("SELECT uuid FROM journal WHERE " + where + " ORDER BY uuid");
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::int64_t count_rows(const std::string& db_path, const std::string& sql) {
  store::Database db(db_path, store::OpenMode::read_only);
  auto st = db.prepare(sql);
  return st.step() ? st.int64(0) : -1;
}

client::HttpResult ApiTransport::call(server::HttpRequest request) {
  ++requests;
  if (fail_after >= 0 && requests > fail_after) return {0, "", "injected failure"};
  request.set_header("authorization", "Bearer " + token_);
  const auto q = request.path.find('?');
  if (q != std::string::npos) {
    request.query = server::decode_query(request.path.substr(q + 1)).value();
    request.path.resize(q);
  }
  if (max_body_seen < request.body.size()) max_body_seen = request.body.size();
  const server::HttpResponse r = api_.handle(request);
  return {r.status, r.body, ""};
}

client::HttpResult ApiTransport::get(const std::string& path_and_query) {
  server::HttpRequest r;
  r.method = "GET";
  r.path = path_and_query;
  return call(std::move(r));
}

client::HttpResult ApiTransport::post_json(const std::string& path, const std::string& body) {
  server::HttpRequest r;
  r.method = "POST";
  r.path = path;
  r.set_header("content-type", "application/json");
  r.body = body;
  return call(std::move(r));
}

}  // namespace speedmeet::test
