#include <catch2/catch.hpp>

#include "checkin/board.hpp"
#include "kiosk_fixture.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;
using namespace std::chrono_literals;

TEST_CASE("host board: table states through a round") {
  test::KioskFixture f;
  const KioskData data = f.data();
  presence::Presence attendance(data.every_meeting());

  SECTION("before the event the first round is shown, all empty") {
    const Board b = build_board(data, attendance, f.t0 - 10min);
    CHECK(b.round == 1);
    CHECK_FALSE(b.running);
    REQUIRE(b.tables.size() == 3);
    CHECK(b.tables[1].state == TableState::empty);
    CHECK(b.tables[0].state == TableState::idle);
    CHECK(b.empty == 1);
    CHECK(b.idle == 2);
  }
  SECTION("one side in: waiting; both in: complete") {
    attendance.add(f.arrival("C1", 11));
    Board b = build_board(data, attendance, f.t0 + 1min);
    CHECK(b.tables[1].state == TableState::waiting);
    CHECK(b.tables[1].a.state == PersonState::checked_in);
    CHECK(b.tables[1].b.state == PersonState::not_arrived);
    attendance.add(f.arrival("P1", 11, JournalKind::meeting));
    b = build_board(data, attendance, f.t0 + 1min);
    CHECK(b.tables[1].state == TableState::complete);
    CHECK(b.complete == 1);
  }
  SECTION("after the grace period a missing partner is a no-show and the other stands by") {
    attendance.add(f.arrival("C1", 11));
    attendance.add(f.arrival("P3"));  // at the venue, not part of the meeting
    Board b = build_board(data, attendance, f.t0 + 3min - 1s);
    CHECK(b.tables[1].state == TableState::waiting);
    CHECK(b.standby.empty());
    b = build_board(data, attendance, f.t0 + 3min);
    CHECK(b.past_grace);
    CHECK(b.tables[1].state == TableState::no_show);
    REQUIRE(b.standby.size() == 1);
    CHECK(b.standby[0].participant_id == "C1");
    CHECK(b.standby[0].table == 2);
    CHECK(b.at_venue == 2);
  }
  SECTION("a partner at the venue but not checked in shows as at venue") {
    attendance.add(f.arrival("P1"));
    const Board b = build_board(data, attendance, f.t0);
    CHECK(b.tables[1].b.state == PersonState::at_venue);
  }
  SECTION("during a break the next round is shown; after the event nothing") {
    CHECK(build_board(data, attendance, f.t0 + 12min).round == 2);
    CHECK(build_board(data, attendance, f.t0 + 2h).round == 0);
  }
}
