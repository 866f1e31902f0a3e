// The central side without sockets: change log triggers, devices, ingest,
// change feed, snapshot, re-match hook, and SyncApi's routing and statuses.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "domain/input_error.hpp"
#include "protocol/messages.hpp"
#include "protocol/json_tree.hpp"
#include "protocol/protocol_error.hpp"
#include "server/change_feed.hpp"
#include "server/device_registry.hpp"
#include "server/event_reader.hpp"
#include "server/journal_ingest.hpp"
#include "server/journal_writer.hpp"
#include "server/log.hpp"
#include "server/rematch.hpp"
#include "server/sync_api.hpp"
#include "server/tokens.hpp"
#include "server/wal_checkpointer.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/transaction.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using protocol::Json;

namespace {

protocol::RowParse row(const std::string& uuid, const std::string& device, std::int64_t seq) {
  protocol::JournalRow r;
  r.uuid = uuid;
  r.device = device;
  r.seq = seq;
  r.device_time_ms = 1795784400000 + seq;
  r.kind = JournalKind::entrance;
  r.participant = "C01";
  r.outcome = "welcome";
  return {r, uuid, ""};
}

std::string uuid_n(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

server::HttpRequest request(const std::string& method, const std::string& path, const std::string& token = "",
                            const std::string& body = "") {
  server::HttpRequest r;
  r.method = method;
  r.path = path;
  if (!token.empty()) r.set_header("authorization", "Bearer " + token);
  r.set_header("content-type", "application/json");
  r.body = body;
  return r;
}

}  // namespace

TEST_CASE("device tokens are shown once, stored hashed, and revocable") {
  TempDir dir;
  const auto path = make_central_db(dir);
  store::Database db(path, store::OpenMode::read_write);
  server::DeviceRegistry devices(db);
  const std::string token = devices.add("door-1", 1000);
  CHECK(server::looks_like_token(token));
  CHECK(devices.authenticate(token) == std::optional<std::string>("door-1"));
  CHECK_FALSE(devices.authenticate(server::make_device_token()));
  CHECK_FALSE(devices.authenticate("smd_" + std::string(64, 'z')));
  CHECK_FALSE(devices.authenticate(""));
  // Only the hash is stored.
  auto st = db.prepare("SELECT count(*) FROM devices WHERE token_hash = ?");
  st.bind_blob(1, std::vector<unsigned char>(token.begin(), token.end()));
  CHECK((st.step() && st.int64(0) == 0));
  CHECK_THROWS_AS(devices.add("door-1", 1001), InputError);
  CHECK_THROWS_AS(devices.add("door 1; DROP TABLE devices", 1001), InputError);

  CHECK(devices.revoke("door-1", 2000));
  CHECK_FALSE(devices.revoke("door-1", 2001));
  CHECK_FALSE(devices.authenticate(token));
  CHECK_THROWS_AS(devices.revoke("nobody", 1), InputError);
  const std::string again = devices.add("door-1", 3000);  // re-enrolled with a new token
  CHECK(again != token);
  CHECK(devices.authenticate(again));
  REQUIRE(devices.list().size() == 1);
  CHECK_FALSE(devices.list()[0].revoked_at_ms);
}

TEST_CASE("ingest stores each uuid once and explains every refusal") {
  TempDir dir;
  const auto path = make_central_db(dir);
  store::Database db(path, store::OpenMode::read_write);
  server::DeviceRegistry(db).add("door-1", 1);
  const server::IngestOptions upload{std::string("door-1"), 5000};
  const std::vector batch = {row(uuid_n(1), "door-1", 1), row(uuid_n(2), "door-1", 2), row(uuid_n(2), "door-1", 2)};
  auto out = server::ingest_rows(db, batch, upload);
  CHECK(out[0].result == protocol::RowResult::stored);
  CHECK(out[1].result == protocol::RowResult::stored);
  CHECK(out[2].result == protocol::RowResult::duplicate);  // twice in one batch

  out = server::ingest_rows(db, batch, upload);  // the same batch again changes nothing
  for (const auto& o : out) CHECK(o.result == protocol::RowResult::duplicate);
  CHECK(count_rows(path, "SELECT count(*) FROM journal") == 2);
  CHECK(count_rows(path, "SELECT rows_received FROM devices WHERE name = 'door-1'") == 2);
  CHECK(count_rows(path, "SELECT min(received_at) FROM journal") == 5000);

  out = server::ingest_rows(db, {row(uuid_n(1), "door-1", 7), row(uuid_n(3), "door-1", 1), row(uuid_n(4), "door-2", 1),
                                 protocol::RowParse{std::nullopt, "", "invalid:seq"}},
                            upload);
  CHECK(out[0].reason == "uuid_conflict");
  CHECK(out[1].reason == "seq_conflict");
  CHECK(out[2].reason == "device_mismatch");
  CHECK(out[3].reason == "invalid:seq");
  CHECK(count_rows(path, "SELECT count(*) FROM journal") == 2);
  // An import from a USB stick takes any device name.
  out = server::ingest_rows(db, {row(uuid_n(4), "door-2", 1)}, {std::nullopt, 6000});
  CHECK(out[0].result == protocol::RowResult::stored);

  // A row the protocol's checks let through but the table refuses (the
  // kind is an enum now, so a trigger stands in for a column rule) is not
  // stored, and says so, beside a good one.
  db.exec("CREATE TRIGGER refuse_lunch BEFORE INSERT ON journal WHEN NEW.participant_id = 'lunch' "
          "BEGIN SELECT RAISE(IGNORE); END");
  protocol::RowParse odd = row(uuid_n(5), "door-1", 8);
  odd.row->participant = "lunch";
  out = server::ingest_rows(db, {odd, row(uuid_n(6), "door-1", 9)}, upload);
  CHECK(out[0].result == protocol::RowResult::rejected);
  CHECK(out[0].reason == "invalid:row");
  CHECK(out[1].result == protocol::RowResult::stored);
  CHECK(count_rows(path, "SELECT count(*) FROM journal WHERE uuid = '" + uuid_n(5) + "'") == 0);
}

TEST_CASE("a batch larger than one insert statement gets the same answers, row by row") {
  TempDir dir;
  const auto path = make_central_db(dir);
  store::Database db(path, store::OpenMode::read_write);
  server::DeviceRegistry(db).add("door-1", 1);
  // 150 rows: chunks of 64, 64 and 22, with collisions inside a chunk and
  // across chunks, and a row stored by an earlier batch.
  server::ingest_rows(db, {row(uuid_n(500), "door-1", 500)}, {std::string("door-1"), 1});
  std::vector<protocol::RowParse> batch;
  for (int i = 1; i <= 150; ++i) batch.push_back(row(uuid_n(i), "door-1", i));
  batch[30] = row(uuid_n(20), "door-1", 20);    // same row as #20, same chunk: duplicate
  batch[100] = row(uuid_n(10), "door-1", 10);   // same row as #10, next chunk: duplicate
  batch[120] = row(uuid_n(900), "door-1", 40);  // another uuid for seq 40: seq_conflict
  batch[140] = row(uuid_n(60), "door-1", 999);  // #60's uuid with another seq: uuid_conflict
  batch[149] = row(uuid_n(500), "door-1", 500); // stored by the earlier batch: duplicate
  batch[45] = row(uuid_n(700), "door-1", 41);   // seq 41 is #40's: not stored...
  batch[46] = row(uuid_n(700), "door-1", 996);  // ...though the same uuid with a free seq is, right after it
  const auto out = server::ingest_rows(db, batch, {std::string("door-1"), 7});
  REQUIRE(out.size() == 150);
  int stored = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    INFO("row " << i);
    CHECK(out[i].uuid == batch[i].uuid);
    if (i == 30 || i == 100 || i == 149) CHECK(out[i].result == protocol::RowResult::duplicate);
    else if (i == 120) CHECK(out[i].reason == "seq_conflict");
    else if (i == 140 || i == 45) CHECK(out[i].reason == "uuid_conflict");
    else CHECK(out[i].result == protocol::RowResult::stored);
    stored += out[i].result == protocol::RowResult::stored;
  }
  CHECK(stored == 144);
  CHECK(count_rows(path, "SELECT count(*) FROM journal") == 145);
  CHECK(count_rows(path, "SELECT rows_received FROM devices WHERE name = 'door-1'") == 145);
  CHECK(count_rows(path, "SELECT count(*) FROM change_log WHERE entity = 'journal'") == 145);
  CHECK(count_rows(path, "SELECT count(*) FROM journal WHERE received_at = 7") == 144);
  CHECK(count_rows(path, "SELECT seq FROM journal WHERE uuid = '" + uuid_n(700) + "'") == 996);
}

TEST_CASE("every writer feeds the change log; the feed pages in order and skips a kiosk's own rows") {
  TempDir dir;
  const auto path = make_central_db(dir);
  store::Database db(path, store::OpenMode::read_write);
  const std::int64_t head = server::head_cursor(db);
  CHECK(head == 1 + 8 + 16 + 52 + 128);  // the event with its key, rounds, tables, roster, schedule

  // A re-match inserted by whoever writes it, a revocation, an e-mail change.
  {
    store::Transaction tx(db);
    db.exec("DELETE FROM meetings WHERE round = 8 AND table_no = 16");
    db.exec("INSERT INTO meetings (round, table_no, a, b, origin) VALUES (8, 16, 'C01', 'P32', 'rematch')");
    db.exec("UPDATE participants SET badge_serial = badge_serial + 1 WHERE id = 'P05'");
    db.exec("UPDATE participants SET email = 'new@example.com' WHERE id = 'P06'");  // kiosks never see e-mail
    tx.commit();
  }
  server::ingest_rows(db, {row(uuid_n(1), "door-1", 1), row(uuid_n(2), "door-2", 1)}, {std::nullopt, 1});

  const auto page = server::read_changes(db, {head, 1000}, "door-1");
  REQUIRE(page.changes.size() == 5);  // meeting out, meeting in, participant, revocation, door-2's row
  CHECK(page.changes[0].entity == protocol::Entity::meeting);
  CHECK(page.changes[0].is_delete);
  CHECK(protocol::to_json(page.changes[1].data)["origin"] == "rematch");
  CHECK(page.changes[2].entity == protocol::Entity::participant);
  CHECK(protocol::to_json(page.changes[2].data)["badge_serial"] == 2);
  CHECK_FALSE(protocol::to_json(page.changes[2].data).contains("email"));
  CHECK(page.changes[3].entity == protocol::Entity::revocation);
  CHECK(page.changes[4].entity == protocol::Entity::journal);
  CHECK(protocol::to_json(page.changes[4].data)["device"] == "door-2");
  CHECK(page.next_cursor == head + 6);  // moved past door-1's own row too
  CHECK_FALSE(page.more);

  // Paging: 3 at a time reaches the same end, in order.
  std::int64_t cursor = 0, previous = 0;
  int pages = 0;
  for (bool more = true; more; ++pages) {
    const auto p = server::read_changes(db, {cursor, 3}, "none");
    for (const auto& c : p.changes) {
      CHECK(c.cursor > previous);
      previous = c.cursor;
    }
    cursor = p.next_cursor;
    more = p.more;
  }
  CHECK(cursor == head + 6);
  CHECK(pages == (head + 6 + 2) / 3);

  // A kiosk's own rows do not count toward the limit: after pushing five
  // rows it learns door-2's one row in a single short page, and its cursor
  // moves past its own rows that follow.
  const std::int64_t before_push = server::head_cursor(db);
  server::ingest_rows(db, {row(uuid_n(10), "door-1", 10), row(uuid_n(11), "door-1", 11), row(uuid_n(12), "door-2", 12),
                           row(uuid_n(13), "door-1", 13), row(uuid_n(14), "door-1", 14), row(uuid_n(15), "door-1", 15)},
                      {std::nullopt, 2});
  const auto short_page = server::read_changes(db, {before_push, 2}, "door-1");
  REQUIRE(short_page.changes.size() == 1);
  CHECK(protocol::to_json(short_page.changes[0].data)["device"] == "door-2");
  CHECK_FALSE(short_page.more);
  CHECK(short_page.next_cursor == before_push + 6);
  const auto full_page = server::read_changes(db, {before_push, 2}, "door-2");  // door-1's rows, two at a time
  CHECK(full_page.changes.size() == 2);
  CHECK(full_page.more);
  CHECK(full_page.next_cursor == before_push + 2);

  try {
    server::read_changes(db, {head + 100, 10}, "door-1");
    FAIL("a cursor from the future must be refused");
  } catch (const protocol::ProtocolError& e) {
    CHECK(e.status() == 409);
  }
}

TEST_CASE("WAL checkpoints run on the checkpointer's thread, not in the committing connection") {
  TempDir dir;
  const std::string path = dir.file("wal.db");
  store::Database writer(path);
  writer.exec("CREATE TABLE t (x BLOB)");
  server::WalCheckpointer checkpointer(path, 10);
  checkpointer.watch(writer);
  {
    store::Transaction tx(writer);
    auto insert = writer.prepare("INSERT INTO t VALUES (zeroblob(4000))");
    for (int i = 0; i < 25; ++i) insert.run();  // ~27 pages: past 10, short of the inline bound of 40
    tx.commit();
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (checkpointer.stats().runs == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto stats = checkpointer.stats();
  REQUIRE(stats.runs >= 1);
  CHECK(stats.last_wal_frames >= 25);
  CHECK(stats.last_checkpointed_frames == stats.last_wal_frames);  // nobody was reading: all copied
  // A small commit under the threshold wakes nobody.
  writer.exec("INSERT INTO t VALUES (1)");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(checkpointer.stats().runs == stats.runs);
}

TEST_CASE("the snapshot holds what a kiosk needs and no secrets") {
  TempDir dir;
  const auto path = make_central_db(dir);
  store::Database db(path, store::OpenMode::read_write);
  db.exec("UPDATE participants SET badge_serial = 3 WHERE id = 'C02'");
  const auto s = server::build_snapshot(db);
  CHECK(s.participants.size() == 52);
  CHECK(s.meetings.size() == 128);
  CHECK(s.rounds.size() == 8);
  CHECK(s.tables.size() == 16);
  REQUIRE(s.revocations.size() == 1);
  CHECK(s.revocations[0].participant == "C02");
  CHECK(s.revocations[0].badge_serial == 3);
  CHECK(s.cursor == server::head_cursor(db));
  CHECK(protocol::is_public_key_hex(s.event.public_key_hex));
  const std::string text = protocol::to_json(s).dump();
  CHECK(text.find('@') == std::string::npos);  // no e-mail address at all
  auto secret = db.prepare("SELECT secret_key FROM event_secret");
  REQUIRE(secret.step());
  CHECK(text.find(server::hex(secret.blob(0))) == std::string::npos);
  CHECK(text.find(server::hex(secret.blob(0)).substr(0, 32)) == std::string::npos);
}

TEST_CASE("the re-match hook runs once per round after its grace period, and its meetings reach the feed") {
  TempDir dir;
  const auto path = make_central_db(dir);
  store::Database db(path, store::OpenMode::read_write);
  const auto event = store::EventStore(db).load_event().value();
  const Round& r1 = event.rounds[0];
  CHECK(server::rounds_due_for_rematch(event.rounds, event.grace, r1.starts_at, {}).empty());
  CHECK(server::rounds_due_for_rematch(event.rounds, event.grace, r1.starts_at + event.grace, {}) == std::vector{1});
  CHECK(server::rounds_due_for_rematch(event.rounds, event.grace, r1.ends_at, {}).empty());
  CHECK(server::rounds_due_for_rematch(event.rounds, event.grace, r1.starts_at + event.grace, {1}).empty());

  int calls = 0;
  const server::RematchFunction rematch = [&](store::Database& d, int round, Instant) {
    ++calls;
    d.prepare("DELETE FROM meetings WHERE round = ? AND table_no = 16").bind(1, round).run();
    d.prepare("INSERT INTO meetings (round, table_no, a, b, origin) VALUES (?, 16, 'C03', 'P07', 'rematch')")
        .bind(1, round)
        .run();
    return 1;
  };
  const std::int64_t before = server::head_cursor(db);
  const Instant during = r1.starts_at + event.grace + Seconds(30);
  auto runs = server::run_due_rematches(db, during, rematch);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].round == 1);
  CHECK(server::run_due_rematches(db, during, rematch).empty());  // exactly once
  CHECK(calls == 1);
  const auto page = server::read_changes(db, {before, 100}, "door-1");
  REQUIRE(page.changes.size() == 2);
  CHECK(page.changes[0].is_delete);
  CHECK(protocol::to_json(page.changes[1].data)["origin"] == "rematch");

  // A failing algorithm leaves no trace and is retried.
  const server::RematchFunction failing = [](store::Database& d, int, Instant) -> int {
    d.exec("DELETE FROM meetings WHERE round = 2");
    throw std::runtime_error("no partner found");
  };
  const Instant round2 = event.rounds[1].starts_at + event.grace;
  CHECK_THROWS(server::run_due_rematches(db, round2, failing));
  CHECK(count_rows(path, "SELECT count(*) FROM meetings WHERE round = 2") == 16);
  CHECK(count_rows(path, "SELECT count(*) FROM rematch_runs") == 1);
}

TEST_CASE("SyncApi answers every endpoint with the documented status") {
  TempDir dir;
  const auto path = make_central_db(dir);
  const std::string token = enrol(path, "door-1");
  const std::string revoked = enrol(path, "door-2");
  {
    store::Database db(path, store::OpenMode::read_write);
    server::DeviceRegistry(db).revoke("door-2", 1);
  }
  server::SyncApi api(path, protocol::Limits{}, 2);
  const auto status = [&](const server::HttpRequest& r) { return api.handle(r).status; };

  CHECK(status(request("GET", "/api/v1/health")) == 200);
  CHECK(status(request("GET", "/api/v1/snapshot")) == 401);
  CHECK(status(request("GET", "/api/v1/snapshot", revoked)) == 401);
  CHECK(status(request("GET", "/api/v1/snapshot", token)) == 200);
  auto basic = request("GET", "/api/v1/snapshot");
  basic.set_header("authorization", "Basic " + token);
  CHECK(status(basic) == 401);
  auto lower = request("GET", "/api/v1/snapshot");
  lower.set_header("authorization", "bearer  " + token + " ");
  CHECK(status(lower) == 200);
  CHECK(status(request("GET", "/api/v1/nothing", token)) == 404);
  CHECK(status(request("GET", "/api/v2/snapshot", token)) == 404);
  CHECK(status(request("GET", "/", token)) == 404);
  const auto wrong_method = api.handle(request("PUT", "/api/v1/journal", token));
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.headers.at(0) == std::pair<std::string, std::string>{"Allow", "POST"});
  CHECK(status(request("POST", "/api/v1/changes", token)) == 405);

  auto changes = request("GET", "/api/v1/changes", token);
  changes.query = {{"since", "0"}, {"limit", "5"}};
  const auto page = api.handle(changes);
  CHECK(page.status == 200);
  CHECK(Json::parse(page.body)["changes"].size() == 5);
  changes.query = {{"since", "1"}, {"since", "2"}};
  CHECK(status(changes) == 400);
  changes.query = {{"since", "-1"}};
  CHECK(status(changes) == 400);
  changes.query = {{"since", "999999"}};
  CHECK(status(changes) == 409);

  const std::string batch = protocol::make_journal_batch("dsm-lux-2026", {*row(uuid_n(1), "door-1", 1).row});
  CHECK(status(request("POST", "/api/v1/journal", token, batch)) == 200);
  CHECK(status(request("POST", "/api/v1/journal", token, "{")) == 400);
  auto text = request("POST", "/api/v1/journal", token, batch);
  text.set_header("content-type", "text/plain");
  CHECK(status(text) == 415);
  const std::string other_event = protocol::make_journal_batch("another-event", {*row(uuid_n(2), "door-1", 2).row});
  CHECK(status(request("POST", "/api/v1/journal", token, other_event)) == 409);
  // A kiosk may not upload rows in another device's name.
  const auto forged = api.handle(
      request("POST", "/api/v1/journal", token, protocol::make_journal_batch("dsm-lux-2026", {*row(uuid_n(3), "door-9", 1).row})));
  CHECK(Json::parse(forged.body)["results"][0]["reason"] == "device_mismatch");
  CHECK(count_rows(path, "SELECT count(*) FROM journal") == 1);
}

TEST_CASE("log lines are logfmt and escape what they quote") {
  const std::string line = server::format_log_fields("info", "request", {{"path", "/a b"}, {"x", "q\"\n"}});
  CHECK(line == "level=info msg=request path=\"/a b\" x=\"q\\\"\\x0a\"");
}

TEST_CASE("uploads that arrive together share one commit, and one batch's failure leaves the others stored") {
  TempDir dir;
  const auto path = make_central_db(dir);
  {
    store::Database db(path, store::OpenMode::read_write);
    server::DeviceRegistry(db).add("door-1", 1);
    // A row the database refuses mid-batch: the batch fails, not its group.
    db.exec("CREATE TRIGGER poison BEFORE INSERT ON journal WHEN NEW.uuid = '" + uuid_n(666) +
            "' BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
  }
  server::JournalWriter writer;
  const server::IngestOptions upload{std::string("door-1"), 5000};
  // Hold the write lock so that the uploads below queue up behind the first.
  store::Database blocker(path, store::OpenMode::read_write);
  blocker.exec("BEGIN IMMEDIATE");
  std::vector<std::thread> threads;
  std::vector<std::vector<protocol::RowOutcome>> outcomes(8);
  std::vector<std::string> errors(8);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      store::Database db(path, store::OpenMode::read_write);
      std::vector<protocol::RowParse> batch;
      for (int i = 0; i < 10; ++i) batch.push_back(row(uuid_n(t * 10 + i + 1), "door-1", t * 10 + i + 1));
      if (t == 5) batch[3] = row(uuid_n(666), "door-1", 666);
      try {
        outcomes[static_cast<std::size_t>(t)] = writer.ingest(db, batch, upload);
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(t)] = e.what();
      }
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  blocker.exec("COMMIT");
  for (auto& t : threads) t.join();
  for (int t = 0; t < 8; ++t) {
    INFO("batch " << t);
    if (t == 5) {
      CHECK(errors[5].find("poisoned") != std::string::npos);
      continue;
    }
    CHECK(errors[static_cast<std::size_t>(t)].empty());
    REQUIRE(outcomes[static_cast<std::size_t>(t)].size() == 10);
    for (const auto& o : outcomes[static_cast<std::size_t>(t)]) CHECK(o.result == protocol::RowResult::stored);
  }
  CHECK(count_rows(path, "SELECT count(*) FROM journal") == 70);
  CHECK(count_rows(path, "SELECT count(*) FROM journal WHERE seq BETWEEN 51 AND 60") == 0);
  CHECK(count_rows(path, "SELECT rows_received FROM devices WHERE name = 'door-1'") == 70);
}
