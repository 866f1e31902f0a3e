#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/relaxed_durability.hpp"
#include "store/schema.hpp"
#include "store/store_error.hpp"
#include "store/transaction.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::store;

namespace {

std::int64_t scalar(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.step());
  return st.int64(0);
}

Event tiny_event() {
  Event e;
  e.id = "ev";
  e.name = "Tiny";
  e.venue = "Here";
  e.timezone = "Europe/Luxembourg";
  e.plan = {from_unix(1'800'000'000), 2, Minutes{10}, Minutes{5}};
  e.rounds = compute_rounds(e.plan);
  e.tables = {{1, "Alzette"}, {2, ""}};
  return e;
}

}  // namespace

TEST_CASE("a file database opens with WAL, synchronous=FULL and foreign keys") {
  test::TempDir dir;
  Database db(dir.file("a.db"));
  auto mode = db.prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.text(0) == "wal");
  CHECK(scalar(db, "PRAGMA synchronous") == 2);  // FULL
  CHECK(scalar(db, "PRAGMA foreign_keys") == 1);
}

TEST_CASE("migrations bring a new database to the current version, once") {
  Database db(":memory:");
  CHECK(scalar(db, "PRAGMA user_version") == 0);
  migrate(db);
  CHECK(scalar(db, "PRAGMA user_version") == schema_version());
  migrate(db);  // idempotent
  CHECK(scalar(db, "PRAGMA user_version") == schema_version());
  CHECK(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'journal'") == 1);
}

TEST_CASE("migration 4 rebuilds the journal with its rows, rowids, index and triggers") {
  test::TempDir dir;
  Database db(dir.file("v3.db"));
  migrate(db, 3);
  REQUIRE(scalar(db, "PRAGMA user_version") == 3);
  const auto add_row = [&](const std::string& uuid, int seq, const std::string& kind, bool received) {
    auto st = db.prepare(
        "INSERT INTO journal (uuid, device, seq, device_time, kind, participant_id, outcome, received_at) "
        "VALUES (?, 'door', ?, 1000, ?, 'P1', 'welcome', ?)");
    st.bind(1, uuid).bind(2, seq).bind(3, kind);
    if (received) st.bind(4, std::int64_t{2000});
    st.run();
  };
  add_row("u-1", 1, "entrance", false);  // made here: queued in the outbox
  add_row("u-2", 2, "meeting", true);
  db.exec("DELETE FROM sync_outbox");
  add_row("u-3", 3, "scan", false);
  const std::int64_t rowid_of_u3 = scalar(db, "SELECT rowid FROM journal WHERE uuid = 'u-3'");
  const std::int64_t feed_before = scalar(db, "SELECT count(*) FROM change_log WHERE entity = 'journal'");

  migrate(db);
  CHECK(scalar(db, "PRAGMA user_version") == schema_version());
  CHECK(scalar(db, "SELECT count(*) FROM journal") == 3);
  CHECK(scalar(db, "SELECT rowid FROM journal WHERE uuid = 'u-3'") == rowid_of_u3);
  CHECK(scalar(db, "SELECT received_at FROM journal WHERE uuid = 'u-2'") == 2000);
  CHECK(scalar(db, "SELECT count(*) FROM sync_outbox") == 1);  // the outbox is left as it was
  CHECK(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'journal_by_participant'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'journal_v4'") == 0);
  CHECK(scalar(db, "SELECT instr(sql, 'kind IN') FROM sqlite_master WHERE name = 'journal'") == 0);
  auto integrity = db.prepare("PRAGMA integrity_check");
  REQUIRE(integrity.step());
  CHECK(integrity.text(0) == "ok");

  // The same rules as before: append-only, a kind from the list, the
  // outbox and change feed fed by triggers.
  CHECK_THROWS_AS(db.exec("UPDATE journal SET outcome = 'x'"), StoreError);
  CHECK_THROWS_AS(db.exec("DELETE FROM journal"), StoreError);
  CHECK_THROWS_AS(add_row("u-4", 4, "lunch", false), StoreError);
  add_row("u-5", 5, "meeting", false);
  CHECK(scalar(db, "SELECT count(*) FROM sync_outbox WHERE uuid = 'u-5'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM change_log WHERE entity = 'journal'") == feed_before + 1);
  CHECK_THROWS_AS(add_row("u-6", 5, "meeting", false), StoreError);  // (device, seq) stays unique
}

TEST_CASE("a database from a newer speedmeet is refused") {
  Database db(":memory:");
  db.exec("PRAGMA user_version = 999");
  CHECK_THROWS_AS(migrate(db), StoreError);
}

TEST_CASE("a transaction rolls back unless committed") {
  Database db(":memory:");
  db.exec("CREATE TABLE t (x INTEGER)");
  {
    Transaction tx(db);
    db.prepare("INSERT INTO t VALUES (?)").bind(1, 1).run();
  }
  CHECK(scalar(db, "SELECT count(*) FROM t") == 0);
  {
    Transaction tx(db);
    db.prepare("INSERT INTO t VALUES (?)").bind(1, 2).run();
    tx.commit();
  }
  CHECK(scalar(db, "SELECT count(*) FROM t") == 1);
  try {
    Transaction tx(db);
    db.prepare("INSERT INTO t VALUES (?)").bind(1, 3).run();
    throw std::runtime_error("failure mid-way");
  } catch (const std::runtime_error&) {
  }
  CHECK(scalar(db, "SELECT count(*) FROM t") == 1);
}

TEST_CASE("relaxed durability lasts exactly as long as its scope, and never inside a transaction") {
  test::TempDir dir;
  Database db(dir.file("r.db"));
  {
    const RelaxedDurability relaxed(db);
    CHECK(scalar(db, "PRAGMA synchronous") == 1);  // NORMAL
  }
  CHECK(scalar(db, "PRAGMA synchronous") == 2);  // FULL again
  Transaction tx(db);
  CHECK_THROWS_AS(RelaxedDurability(db), StoreError);  // SQLite refuses: the scope must enclose the transaction
}

TEST_CASE("statement errors name the failure") {
  Database db(":memory:");
  CHECK_THROWS_WITH(db.prepare("SELECT nope FROM nowhere"), Catch::Contains("no such table"));
  db.exec("CREATE TABLE t (x INTEGER NOT NULL)");
  CHECK_THROWS_AS(db.prepare("INSERT INTO t VALUES (?)").bind_null(1).run(), StoreError);
}

TEST_CASE("bound text is data, never SQL") {
  Database db(":memory:");
  db.exec("CREATE TABLE t (s TEXT)");
  const std::string hostile = "x'); DROP TABLE t; --";
  db.prepare("INSERT INTO t VALUES (?)").bind(1, hostile).run();
  auto st = db.prepare("SELECT s FROM t");
  REQUIRE(st.step());
  CHECK(st.text(0) == hostile);
}

TEST_CASE("event, roster, wishes and meetings round-trip through the store") {
  Database db(":memory:");
  migrate(db);
  EventStore events(db);
  CHECK_FALSE(events.has_event());
  events.save_event(tiny_event());
  const auto loaded = events.load_event();
  REQUIRE(loaded);
  CHECK(loaded->rounds == tiny_event().rounds);
  CHECK(loaded->tables == tiny_event().tables);
  CHECK(loaded->plan.round_length == Minutes{10});

  Participant ana{"P1", "Ana Müller", "Lëtz Robotics", Role::project, Language::de, "ana@example.lu", "", 2, 4};
  Participant marc{"C1", "Marc Weber", "Weber SA", Role::company, Language::fr, "", "TKT-1", {}, {}};
  events.upsert_participant(ana);
  events.upsert_participant(marc);
  auto rec = events.find_participant("P1");
  REQUIRE(rec);
  CHECK(rec->participant == ana);
  CHECK(rec->num == 1);
  CHECK(rec->badge_serial == 1);
  ana.name = "Ana Muller-Schmit";
  events.upsert_participant(ana);
  CHECK(events.find_participant("P1")->participant.name == "Ana Muller-Schmit");
  CHECK(events.find_participant("P1")->num == 1);  // the badge number survives updates
  CHECK(events.find_participant("C1")->num == 2);
  CHECK(events.participant_count() == 2);

  events.upsert_wish({"P1", "C1", 3});
  events.upsert_wish({"P1", "C1", 2});
  REQUIRE(events.wishes().size() == 1);
  CHECK(events.wishes()[0].priority == 2);

  const auto stored = events.replace_meetings({{0, 1, 1, "C1", "P1"}}, "import");
  CHECK(stored[0].id > 0);
  CHECK(events.meetings() == stored);
  CHECK_THROWS_AS(events.replace_meetings({{0, 1, 1, "C1", "ghost"}}, "import"), StoreError);
}

TEST_CASE("a retired meeting leaves the schedule, stays in the history, and its id is never reused") {
  Database db(":memory:");
  migrate(db);
  EventStore events(db);
  events.save_event(tiny_event());
  for (const char* id : {"C1", "C2", "P1", "P2"})
    events.upsert_participant({id, id, "Org", id[0] == 'C' ? Role::company : Role::project, Language::en, "", "", {}, {}});
  const auto stored = events.replace_meetings({{0, 1, 1, "C1", "P1"}, {0, 1, 2, "C2", "P2"}}, "schedule");
  const std::int64_t last = stored[1].id;

  // The re-match retires the newest meeting (the highest id) and seats a
  // new pair at its table: the new meeting must not take the old id.
  events.retire_meetings({last}, 1234);
  CHECK(events.meetings() == std::vector<Meeting>{stored[0]});
  CHECK(scalar(db, "SELECT count(*) FROM replaced_meetings WHERE id = " + std::to_string(last) +
                       " AND a = 'C2' AND replaced_at = 1234") == 1);
  const auto added = events.add_meetings({{0, 1, 2, "C2", "P1"}}, "rematch");
  CHECK(added[0].id > last);

  // A whole new schedule (before the event) starts the history afresh.
  events.replace_meetings({{0, 1, 1, "C1", "P2"}}, "schedule");
  CHECK(scalar(db, "SELECT count(*) FROM replaced_meetings") == 0);
}

TEST_CASE("meeting check-ins are counted from the journal") {
  Database db(":memory:");
  migrate(db);
  EventStore events(db);
  CHECK(events.meeting_checkins() == 0);
  db.exec("INSERT INTO journal (uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome) "
          "VALUES ('u1', 'k', 1, 0, 'entrance', 'P1', NULL, 'welcome'), ('u2', 'k', 2, 0, 'meeting', 'P1', 7, 'next')");
  CHECK(events.meeting_checkins() == 1);
}
