// The kiosk side, driven through the whole protocol in-process (SyncApi
// behind ApiTransport): first sync, push, pull, crash between pages,
// enrolment checks, offline bundles.
#include <catch2/catch.hpp>

#include "client/batch_split.hpp"
#include "client/kiosk_bundles.hpp"
#include "client/kiosk_replica.hpp"
#include "client/sync_cycle.hpp"
#include "client/sync_engine.hpp"
#include "protocol/bundles.hpp"
#include "server/server_bundles.hpp"
#include "store/event_store.hpp"
#include "support/db_dump.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;

namespace {

struct Kiosk {
  Kiosk(const TempDir& dir, const std::string& name) : path(make_kiosk_db(dir, name + ".db")), db(path), replica(db) {}
  std::string path;
  store::Database db;
  client::KioskReplica replica;
};

// "C" + number, appended rather than prepended (GCC 12 warns falsely about
// inserting a literal at the front of a temporary string).
std::string id(const char* prefix, long number) {
  std::string s = prefix;
  s += std::to_string(number);
  return s;
}

std::int64_t total(const std::string& db, const char* table) {
  return count_rows(db, std::string("SELECT count(*) FROM ") + table);
}

}  // namespace

TEST_CASE("first sync takes the snapshot, then pushes and pulls") {
  TempDir dir;
  const auto central = make_central_db(dir);
  server::SyncApi api(central, protocol::Limits{}, 2);
  Kiosk k1(dir, "k1"), k2(dir, "k2");
  ApiTransport t1(api, enrol(central, "k1")), t2(api, enrol(central, "k2"));

  store::Journal(k1.db, "k1").append(entrance("C01", 1000));
  store::Journal(k1.db, "k1").append(entrance("P01", 1001));
  CHECK(k1.replica.pending_count() == 2);
  const auto first = client::run_sync_cycle(t1, k1.replica, {});
  CHECK(first.took_snapshot);
  CHECK(first.rows_uploaded == 2);
  CHECK(k1.replica.pending_count() == 0);
  // The acknowledgement's commit skipped its fsync; the connection is back
  // to FULL for everything else.
  CHECK(count_rows(k1.path, "SELECT count(*) FROM sync_outbox") == 0);
  {
    auto mode = k1.db.prepare("PRAGMA synchronous");
    REQUIRE(mode.step());
    CHECK(mode.int64(0) == 2);
  }
  CHECK(total(k1.path, "participants") == 52);
  CHECK(total(k1.path, "meetings") == 128);
  CHECK(count_rows(k1.path, "SELECT count(*) FROM participants WHERE email <> ''") == 0);
  CHECK(count_rows(k1.path, "SELECT count(*) FROM event_secret") == 0);
  CHECK(count_rows(k1.path, "SELECT count(*) FROM change_log") == 0);  // kiosks log nothing
  CHECK(total(central, "journal") == 2);

  client::run_sync_cycle(t2, k2.replica, {});
  CHECK(total(k2.path, "journal") == 2);  // k1's rows came with the snapshot
  store::Journal(k2.db, "k2").append(entrance("C01", 2000));
  client::run_sync_cycle(t2, k2.replica, {});
  const auto again = client::run_sync_cycle(t1, k1.replica, {});
  CHECK_FALSE(again.took_snapshot);
  CHECK(again.changes_applied == 1);  // k2's row only: k1's own rows are not echoed
  CHECK(journal_uuids(k1.path) == journal_uuids(central));
  CHECK(journal_uuids(k2.path) == journal_uuids(central));
  CHECK(k1.replica.pending_count() == 0);  // other kiosks' rows are never uploaded from here

  // Schedule edits, re-matches and revocations reach the kiosk.
  {
    store::Database c(central, store::OpenMode::read_write);
    c.exec("UPDATE participants SET badge_serial = 2, name = 'Renamed' WHERE id = 'P03'");
    c.exec("DELETE FROM meetings WHERE round = 8 AND table_no = 1");
    c.exec("INSERT INTO meetings (round, table_no, a, b, origin) VALUES (8, 1, 'C05', 'P09', 'rematch')");
    c.exec("UPDATE tables SET label = 'Alzette (window)' WHERE number = 1");
  }
  client::run_sync_cycle(t1, k1.replica, {});
  store::EventStore events(k1.db);
  CHECK(events.find_participant("P03")->badge_serial == 2);
  CHECK(events.find_participant("P03")->participant.name == "Renamed");
  CHECK(count_rows(k1.path, "SELECT count(*) FROM meetings WHERE origin = 'rematch' AND a = 'C05'") == 1);
  CHECK(count_rows(k1.path, "SELECT count(*) FROM meetings") == 128);
  CHECK(events.load_event()->tables[0].label == "Alzette (window)");
  CHECK(integrity_check(k1.path) == "ok");
}

TEST_CASE("a snapshot refills the kiosk in bulk, indexes and all, or not at all") {
  TempDir dir;
  Kiosk k(dir, "k");
  // Sizes that are not multiples of the statements' row count.
  protocol::Snapshot s;
  s.event = {"bulk", "Bulk", "Hall", "Europe/Luxembourg", "en", 1795784400, 12, 3, 5, 3, std::string(64, 'b')};
  for (int r = 1; r <= 3; ++r) s.rounds.push_back({r, 1795784400 + r * 900, 1795784400 + r * 900 + 720});
  for (int t = 1; t <= 250; ++t) s.tables.push_back({t, id("T", t)});
  for (int i = 1; i <= 601; ++i)
    s.participants.push_back({id(i % 2 ? "C" : "P", i), i, id("Person ", i), "Org", i % 2 ? "company" : "project", "en",
                              i == 5 ? "EXT-5" : "", 1, std::nullopt, std::nullopt});
  std::int64_t next_id = 0;
  for (int r = 1; r <= 3; ++r)
    for (int t = 1; t <= 250; ++t) s.meetings.push_back({++next_id, r, t, id("C", 2 * t - 1), id("P", 2 * t), "schedule"});
  s.cursor = 7;
  const auto indexes = [&] {
    return count_rows(k.path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'meetings_by_%'");
  };
  REQUIRE(indexes() == 2);

  k.replica.apply_snapshot(s);
  CHECK(total(k.path, "participants") == 601);
  CHECK(total(k.path, "meetings") == 750);
  CHECK(count_rows(k.path, "SELECT count(*) FROM meetings WHERE a = 'C499' AND round = 3") == 1);
  CHECK(count_rows(k.path, "SELECT count(*) FROM participants WHERE badge_code IS NOT NULL") == 1);
  CHECK(indexes() == 2);
  CHECK(*k.replica.cursor() == 7);
  // Triggers are on again after the bulk insert: a check-in still queues for upload.
  store::Journal(k.db, "k").append(entrance("C1", 1000));
  CHECK(k.replica.pending_count() == 1);

  // A snapshot the database refuses (two meetings at one table in one round)
  // leaves the previous one whole.
  protocol::Snapshot bad = s;
  bad.meetings.push_back({++next_id, 1, 1, "C3", "P4", "schedule"});
  bad.cursor = 8;
  CHECK_THROWS(k.replica.apply_snapshot(bad));
  CHECK(total(k.path, "meetings") == 750);
  CHECK(indexes() == 2);
  CHECK(*k.replica.cursor() == 7);

  // A newer snapshot replaces everything.
  s.meetings.resize(10);
  s.participants.resize(20);
  s.cursor = 9;
  k.replica.apply_snapshot(s);

  // A trigger meant for kiosks only (the change-log triggers' guard turned
  // round) keeps every trigger on during the bulk insert.
  k.db.exec("CREATE TABLE seen (id TEXT)");
  k.db.exec("CREATE TRIGGER kiosk_seen AFTER INSERT ON participants WHEN EXISTS (SELECT 1 FROM sync_state WHERE "
            "key = 'role' AND value = 'kiosk') BEGIN INSERT INTO seen VALUES (NEW.id); END");
  s.cursor = 10;
  k.replica.apply_snapshot(s);
  CHECK(total(k.path, "seen") == 20);
  k.db.exec("DROP TRIGGER kiosk_seen");
  CHECK(total(k.path, "meetings") == 10);
  CHECK(total(k.path, "participants") == 20);
  CHECK(indexes() == 2);
  CHECK(integrity_check(k.path) == "ok");
  CHECK(count_rows(k.path, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
}

TEST_CASE("a failure between pages repeats nothing and skips nothing") {
  TempDir dir;
  const auto central = make_central_db(dir);
  server::SyncApi api(central, protocol::Limits{}, 2);
  Kiosk kiosk(dir, "k");
  const std::string token = enrol(central, "k");
  ApiTransport good(api, token);
  client::run_sync_cycle(good, kiosk.replica, {});
  // 40 changes arrive on the server (another kiosk's check-ins, schedule edits).
  {
    store::Database c(central, store::OpenMode::read_write);
    store::Journal other(c, "k-other");
    for (int i = 0; i < 30; ++i) other.append(entrance(id("P", 10 + i % 20), 5000 + i));
    c.exec("UPDATE participants SET badge_serial = badge_serial + 1 WHERE id IN ('C01','C02','C03','C04','C05')");
  }
  const auto expected_cursor = count_rows(central, "SELECT max(cursor) FROM change_log");
  // Pages of 7; the connection drops after two pages.
  ApiTransport flaky(api, token);
  flaky.fail_after = 2;
  CHECK_THROWS_AS(client::run_sync_cycle(flaky, kiosk.replica, {500, 7}), client::SyncFailure);
  const auto partial_cursor = kiosk.replica.cursor().value();
  CHECK(partial_cursor < expected_cursor);
  CHECK(total(kiosk.path, "journal") == 14);  // exactly the two pages applied
  client::run_sync_cycle(good, kiosk.replica, {500, 7});
  CHECK(kiosk.replica.cursor().value() == expected_cursor);
  CHECK(journal_uuids(kiosk.path) == journal_uuids(central));
  CHECK(count_rows(kiosk.path, "SELECT count(*) FROM participants WHERE badge_serial = 2") == 5);
}

TEST_CASE("a new event key is refused until the kiosk is re-enrolled") {
  TempDir dir;
  const auto central = make_central_db(dir);
  server::SyncApi api(central, protocol::Limits{}, 2);
  Kiosk kiosk(dir, "k");
  ApiTransport t(api, enrol(central, "k"));
  client::run_sync_cycle(t, kiosk.replica, {});
  const std::string trusted = kiosk.replica.public_key_hex();
  {
    store::Database c(central, store::OpenMode::read_write);
    c.exec("UPDATE event SET public_key = zeroblob(32)");
    c.exec("UPDATE participants SET name = 'After the key change' WHERE id = 'C01'");
  }
  try {
    client::run_sync_cycle(t, kiosk.replica, {});
    FAIL("the key change must be refused");
  } catch (const client::SyncFailure& e) {
    CHECK(e.needs_reenrolment());
  }
  CHECK(kiosk.replica.public_key_hex() == trusted);
  CHECK(store::EventStore(kiosk.db).find_participant("C01")->participant.name != "After the key change");
  client::reenrol(kiosk.db);
  const auto r = client::run_sync_cycle(t, kiosk.replica, {});
  CHECK(r.took_snapshot);
  CHECK(kiosk.replica.public_key_hex() == std::string(64, '0'));
  CHECK(store::EventStore(kiosk.db).find_participant("C01")->participant.name == "After the key change");
}

TEST_CASE("a kiosk refuses to act on the central database") {
  TempDir dir;
  const auto central = make_central_db(dir);
  store::Database db(central, store::OpenMode::read_write);
  CHECK_THROWS_WITH(client::KioskReplica(db), Catch::Contains("central database"));
}

TEST_CASE("offline bundles carry the event out and the check-ins back, idempotently") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::string token = enrol(central, "offline");
  store::Database c(central, store::OpenMode::read_write);
  const std::string bundle = dir.file("snapshot.json");
  server::write_snapshot_bundle(c, bundle);

  Kiosk kiosk(dir, "offline");
  const auto s = client::load_snapshot_bundle(kiosk.db, bundle);
  CHECK(s.participants.size() == 52);
  CHECK(total(kiosk.path, "meetings") == 128);
  store::Journal journal(kiosk.db, "offline");
  journal.append(entrance("C01", 1));
  journal.append(rejected_scan("bad_signature", "SM1.forged", 2));
  const std::string out = dir.file("journal.json");
  CHECK(client::export_journal_bundle(kiosk.db, out, "offline", token).rows == 2);

  auto imported = server::import_journal_bundle(c, out);
  CHECK(imported.stored == 2);
  CHECK(imported.device == "offline");
  imported = server::import_journal_bundle(c, out);
  CHECK(imported.stored == 0);
  CHECK(imported.duplicate == 2);
  CHECK(journal_uuids(central) == journal_uuids(kiosk.path));

  // Loading the bundle again is harmless; a bundle signed with another
  // event's key is refused (both demo databases hold the same event id).
  client::load_snapshot_bundle(kiosk.db, bundle);
  CHECK(total(kiosk.path, "journal") == 2);
  TempDir other_dir;
  const auto other = make_central_db(other_dir);
  store::Database o(other, store::OpenMode::read_write);
  const std::string other_bundle = dir.file("other.json");
  server::write_snapshot_bundle(o, other_bundle);
  CHECK_THROWS_WITH(client::load_snapshot_bundle(kiosk.db, other_bundle),
                    Catch::Contains("not with the event key this kiosk trusts"));
  CHECK_THROWS_WITH(client::load_snapshot_bundle(kiosk.db, out),
                    Catch::Contains("is a speedmeet-journal file, not a speedmeet-snapshot"));
}

TEST_CASE("the sync engine runs on its own thread and reports its state") {
  TempDir dir;
  const auto central = make_central_db(dir);
  server::SyncApi api(central, protocol::Limits{}, 4);
  const auto kiosk = make_kiosk_db(dir, "k.db");
  const std::string token = enrol(central, "k");
  std::atomic<bool> network_up{false};
  client::SyncConfig config;
  config.device_name = "k";
  config.interval = std::chrono::milliseconds(20);
  config.backoff_min = std::chrono::milliseconds(10);
  config.backoff_max = std::chrono::milliseconds(40);
  struct Switchable : client::Transport {
    Switchable(server::SyncApi& a, std::string t, std::atomic<bool>& up) : inner(a, std::move(t)), up_(up) {}
    client::HttpResult get(const std::string& p) override { return up_ ? inner.get(p) : client::HttpResult{0, "", "down"}; }
    client::HttpResult post_json(const std::string& p, const std::string& b) override {
      return up_ ? inner.post_json(p, b) : client::HttpResult{0, "", "down"};
    }
    ApiTransport inner;
    std::atomic<bool>& up_;
  };
  client::SyncEngine engine(kiosk, config, [&](const client::SyncConfig&, const std::atomic<bool>*) {
    return std::make_unique<Switchable>(api, token, network_up);
  });
  engine.start();
  {
    store::Database db(kiosk, store::OpenMode::read_write);
    store::Journal(db, "k").append(entrance("C01", 1));
  }
  engine.notify();
  const auto wait_for = [&](const std::function<bool(const client::SyncStatus&)>& done) {
    for (int i = 0; i < 500; ++i) {
      if (done(engine.status())) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  };
  CHECK(wait_for([](const auto& s) { return s.cycles >= 3 && s.pending_rows == 1; }));
  auto s = engine.status();
  CHECK_FALSE(s.online);
  CHECK(s.last_error.find("down") != std::string::npos);
  CHECK_FALSE(s.last_success);

  network_up = true;
  engine.sync_now();
  CHECK(wait_for([](const auto& st) { return st.online && st.pending_rows == 0 && st.last_success; }));
  s = engine.status();
  CHECK(s.last_error.empty());
  CHECK(s.rows_uploaded == 1);
  CHECK(s.running);
  engine.stop();
  CHECK_FALSE(engine.status().running);
  CHECK(total(central, "journal") == 1);
}

TEST_CASE("the client splits a batch by its encoded size, so that no body exceeds the server's limit") {
  protocol::JournalRow r;
  r.uuid = "00000000-0000-4000-8000-000000000001";
  r.device = "door-1";
  r.seq = 1;
  r.kind = JournalKind::scan;
  r.outcome = "rejected";
  r.reason = "bad_signature";
  r.code = std::string(4096, '"');  // 8 KiB once escaped
  std::vector<protocol::JournalRow> rows(10, r);
  const std::string whole = protocol::make_journal_batch("ev", rows);
  const std::string one = protocol::make_journal_batch("ev", {r});

  auto batch = client::first_batch_within("ev", rows, whole.size());
  CHECK(batch.rows == 10);
  CHECK(batch.body == whole);
  batch = client::first_batch_within("ev", rows, whole.size() - 1);
  CHECK(batch.rows == 9);
  CHECK(batch.body == protocol::make_journal_batch("ev", std::vector(rows.begin(), rows.begin() + 9)));
  batch = client::first_batch_within("ev", rows, 3 * one.size());
  CHECK(batch.rows == 3);  // three rows share one envelope: they fit in three single-row sizes
  CHECK(batch.body.size() <= 3 * one.size());
  CHECK(client::first_batch_within("ev", rows, one.size()).rows == 1);
  CHECK(client::first_batch_within("ev", rows, one.size() - 1).rows == 0);

  // Through the whole protocol: 1,000 such rows go in several bodies of at most 4 MiB.
  TempDir dir;
  const auto central = make_central_db(dir);
  server::SyncApi api(central, protocol::Limits{}, 2);
  Kiosk k(dir, "door-1");
  ApiTransport t(api, enrol(central, "door-1"));
  client::run_sync_cycle(t, k.replica, {});  // snapshot
  queue_rows(k.path, "door-1", 1000, std::string(4096, '"'));
  const int before = t.requests;
  const auto result = client::run_sync_cycle(t, k.replica, {1000, 500});
  CHECK(result.rows_uploaded == 1000);
  CHECK(t.max_body_seen <= protocol::Limits{}.max_body_bytes);
  CHECK(t.requests - before >= 3 + 1);  // at least three uploads, then the pull
  CHECK(total(central, "journal") == 1000);
}
