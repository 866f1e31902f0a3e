#include <catch2/catch.hpp>

#include <set>

#include "store/database.hpp"
#include "store/journal.hpp"
#include "store/schema.hpp"
#include "store/store_error.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::store;

TEST_CASE("uuids are random version 4") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string u = make_uuid_v4();
    CHECK(is_uuid(u));
    CHECK(u[14] == '4');
    CHECK(std::string("89ab").find(u[19]) != std::string::npos);
    seen.insert(u);
  }
  CHECK(seen.size() == 1000);
  CHECK_FALSE(is_uuid("not-a-uuid"));
  CHECK_FALSE(is_uuid("0123456789abcdef0123456789abcdef0123"));
}

TEST_CASE("journal appends are numbered per device and survive reopening") {
  test::TempDir dir;
  const std::string path = dir.file("kiosk.db");
  {
    Database db(path);
    migrate(db);
    Journal journal(db, "door-1");
    JournalRow e;
    e.device_time_ms = 1'800'000'000'000;
    e.kind = JournalKind::entrance;
    e.participant = "P1";
    e.outcome = "welcome";
    const auto first = journal.append(e);
    const auto second = journal.append(e);
    CHECK(first.seq == 1);
    CHECK(second.seq == 2);
    CHECK(first.uuid != second.uuid);
    Journal other(db, "door-2");
    CHECK(other.append(e).seq == 1);
  }
  Database db(path);
  Journal journal(db, "door-1");
  const auto rows = journal.all();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].device == "door-1");
  CHECK(rows[0].kind == JournalKind::entrance);
  CHECK(rows[0].participant == "P1");
  CHECK_FALSE(rows[0].meeting_id);
  CHECK_FALSE(rows[0].received_at_ms);
}

TEST_CASE("the journal is append-only") {
  Database db(":memory:");
  migrate(db);
  Journal journal(db, "door-1");
  JournalRow e;
  e.outcome = "rejected";
  e.reason = "bad_signature";
  journal.append(e);
  CHECK_THROWS_WITH(db.exec("UPDATE journal SET outcome = 'welcome'"), Catch::Contains("append-only"));
  CHECK_THROWS_WITH(db.exec("DELETE FROM journal"), Catch::Contains("append-only"));
  CHECK(journal.count() == 1);
}

TEST_CASE("a failed append leaves nothing behind") {
  test::TempDir dir;
  const std::string path = dir.file("ro.db");
  {
    Database db(path);
    migrate(db);
  }
  Database read_only(path, OpenMode::read_only);
  Journal journal(read_only, "door-1");
  JournalRow e;
  e.outcome = "welcome";
  CHECK_THROWS_AS(journal.append(e), StoreError);
  CHECK(journal.count() == 0);
}
