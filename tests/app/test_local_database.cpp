#include <catch2/catch.hpp>

#include <sodium.h>
#include <sys/stat.h>

#include "app/local_database.hpp"
#include "checkin/kiosk_fixture.hpp"
#include "store/event_store.hpp"
#include "store/schema.hpp"
#include "store/transaction.hpp"
#include "support/db_dump.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;
using namespace std::chrono_literals;

namespace {

// A kiosk database holding the fixture's event, as a snapshot would leave it.
void fill(store::Database& db, const test::KioskFixture& f) {
  store::migrate(db);
  store::Transaction tx(db);
  store::EventStore events(db);
  events.save_event(f.event());
  events.set_public_key(f.pk);
  for (const char* id : {"P1", "C1", "C2", "P2", "P3", "S1"}) {
    Participant p;
    p.id = id;
    p.name = std::string("Name ") + id;
    p.role = id[0] == 'C' ? Role::company : id[0] == 'S' ? Role::staff : Role::project;
    events.upsert_participant(p);
  }
  events.replace_meetings({{0, 1, 2, "C1", "P1"}, {0, 2, 1, "C1", "P2"}, {0, 3, 1, "C2", "P1"}}, "import");
  tx.commit();
}

}  // namespace

TEST_CASE("a kiosk database loads into memory and its journal rebuilds attendance") {
  test::TempDir dir;
  const test::KioskFixture f;
  const std::string path = dir.file("kiosk.db");
  {
    store::Database db(path);
    fill(db, f);
    auto data = load_kiosk_data(db);
    CHECK(data->people_count() == 6);
    CHECK(data->agenda().meetings().size() == 3);
    CHECK(data->verify(f.badge(1)).participant_id == "P1");  // num 1 = first inserted

    JournalRecorder recorder(db, "door-1");
    KioskCore core(data, presence::Presence(data->every_meeting()), recorder, {}, KioskTime{std::chrono::milliseconds{(f.kT0 - 60) * 1000}});
    CHECK(core.on_scan(f.badge(1), KioskTime{std::chrono::milliseconds{(f.kT0 - 60) * 1000}}).recorded);
    CHECK(core.on_scan("SM1.forged", KioskTime{std::chrono::milliseconds{(f.kT0 - 50) * 1000}}).recorded);
    CHECK(recorder.last().outcome == "rejected");
    CHECK(recorder.last().reason == "malformed");
    CHECK(recorder.last().code == "SM1.forged");
  }
  store::Database db(path);
  const auto data = load_kiosk_data(db);
  const presence::Presence presence = load_presence(db, *data);
  CHECK(presence.at_venue("P1"));
  CHECK(presence.checked_in(data->agenda().meetings().front(), "P1"));  // the welcome scan fell in the window of meeting 1
  const StaffCounts counts = load_staff_counts(db, "door-1");
  CHECK(counts.journal_rows == 2);
  CHECK(counts.entrance_checkins == 1);
  CHECK(counts.meeting_checkins == 1);
  CHECK(counts.rejected_scans == 1);
  CHECK(test::integrity_check(path) == "ok");
}

TEST_CASE("a kiosk with an empty database says what to do") {
  store::Database db(":memory:");
  store::migrate(db);
  CHECK_THROWS_WITH(load_kiosk_data(db), Catch::Contains("load a snapshot"));
}

TEST_CASE("a read-only database puts the kiosk out of order, and nothing is claimed") {
  test::TempDir dir;
  const test::KioskFixture f;
  const std::string path = dir.file("kiosk.db");
  {
    store::Database db(path);
    fill(db, f);
  }
  store::Database read_only(path, store::OpenMode::read_only);
  JournalRecorder recorder(read_only, "door-1");
  const KioskTime now{std::chrono::milliseconds{f.kT0 * 1000}};
  KioskCore core(load_kiosk_data(read_only), presence::Presence{}, recorder, {}, now);
  const auto r = core.on_scan(f.badge(1), now);
  CHECK_FALSE(r.recorded);
  CHECK(std::holds_alternative<OutOfOrderScreen>(core.screen(now)));
  CHECK_FALSE(core.presence().at_venue("P1"));
}
