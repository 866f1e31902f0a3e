#include <catch2/catch.hpp>

#include "checkin/kiosk_core.hpp"
#include "domain/local_time.hpp"
#include "kiosk_fixture.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;
using namespace std::chrono_literals;

namespace {

struct CoreScenario : test::KioskFixture {
  test::MemoryRecorder recorder;
  KioskTime start = KioskTime{std::chrono::duration_cast<std::chrono::milliseconds>(t0.time_since_epoch())} - 10min;
  KioskCore core;
  explicit CoreScenario(KioskSettings settings = {})
      : core(std::make_shared<KioskData>(data()), presence::Presence(data().every_meeting()), recorder, settings, start) {}
  template <class T>
  bool showing(KioskTime now) const { return std::holds_alternative<T>(core.screen(now)); }
};

}  // namespace

TEST_CASE("a scan is recorded before its result is shown, then the kiosk returns to idle") {
  CoreScenario s;
  CHECK(s.showing<IdleScreen>(s.start));
  const auto r = s.core.on_scan(s.badge(1), s.start);
  CHECK(r.recorded);
  CHECK(r.row_id == "row-1");
  CHECK(r.decision.outcome == Outcome::welcome);
  REQUIRE(s.recorder.rows.size() == 1);
  REQUIRE(s.showing<ResultScreen>(s.start));
  CHECK(std::get<ResultScreen>(s.core.screen(s.start)).decision.participant->id == "P1");
  CHECK_FALSE(s.core.tick(s.start + 6s));
  CHECK(s.core.tick(s.start + 7s));
  CHECK(s.showing<IdleScreen>(s.start + 7s));
  CHECK(s.core.presence().at_venue("P1"));
}

TEST_CASE("the same code within 3 s is ignored and writes nothing") {
  CoreScenario s;
  s.core.on_scan(s.badge(1), s.start);
  const auto serial = s.core.screen_serial();
  const auto again = s.core.on_scan(s.badge(1), s.start + 1s);
  CHECK(again.decision.outcome == Outcome::ignored);
  CHECK_FALSE(again.recorded);
  CHECK(s.recorder.rows.size() == 1);
  CHECK(s.core.screen_serial() == serial);
  CHECK(s.core.on_scan(s.badge(1), s.start + 4s).decision.outcome == Outcome::next);
}

TEST_CASE("a write that fails never shows a welcome: out of order until writes work again") {
  CoreScenario s;
  s.recorder.fail = true;
  const auto r = s.core.on_scan(s.badge(1), s.start);
  CHECK_FALSE(r.recorded);
  CHECK(r.error.find("disk is full") != std::string::npos);
  REQUIRE(s.showing<OutOfOrderScreen>(s.start));
  CHECK(std::get<OutOfOrderScreen>(s.core.screen(s.start)).problem.find("disk is full") != std::string::npos);
  CHECK_FALSE(s.core.presence().at_venue("P1"));
  CHECK_FALSE(s.core.tick(s.start + 1h));  // no timeout hides the problem
  CHECK(s.showing<OutOfOrderScreen>(s.start + 1h));
  s.recorder.fail = false;
  const auto retry = s.core.on_scan(s.badge(1), s.start + 1h);
  CHECK(retry.recorded);
  CHECK(s.showing<ResultScreen>(s.start + 1h));
}

TEST_CASE("staff panel: actions, host board, and exit confirmed by a staff badge") {
  CoreScenario s;
  s.core.on_scan(s.badge(6), s.start);
  REQUIRE(s.showing<StaffScreen>(s.start));
  CHECK(std::get<StaffScreen>(s.core.screen(s.start)).staff_name == "Sam Staff");

  s.core.on_key(Key::enter, s.start + 1s);  // sync now
  CHECK(s.core.take_sync_request());
  CHECK_FALSE(s.core.take_sync_request());

  s.core.on_key(Key::down, s.start + 2s);
  CHECK(std::get<StaffScreen>(s.core.screen(s.start)).selected == StaffScreen::Action::host_board);
  s.core.on_key(Key::enter, s.start + 3s);
  REQUIRE(s.showing<BoardScreen>(s.start + 3s));
  CHECK(std::get<BoardScreen>(s.core.screen(s.start + 3s)).board.round == 1);
  s.core.on_key(Key::escape, s.start + 4s);
  CHECK(s.showing<IdleScreen>(s.start + 4s));

  s.core.on_scan(s.badge(6), s.start + 10s);
  s.core.on_key(Key::up, s.start + 11s);  // wraps to exit
  s.core.on_key(Key::enter, s.start + 12s);
  CHECK(std::get<StaffScreen>(s.core.screen(s.start + 12s)).exit_armed);
  CHECK_FALSE(s.core.exit_requested());
  s.core.on_scan(s.badge(1), s.start + 13s);  // an attendee's badge does not confirm
  CHECK_FALSE(s.core.exit_requested());
  s.core.on_scan(s.badge(6), s.start + 14s);  // a new staff panel, exit not armed
  CHECK_FALSE(s.core.exit_requested());
  s.core.on_key(Key::up, s.start + 15s);
  s.core.on_key(Key::enter, s.start + 16s);
  s.core.on_scan(s.badge(6), s.start + 20s);
  CHECK(s.core.exit_requested());
}

TEST_CASE("the staff panel closes itself after a minute without input") {
  CoreScenario s;
  s.core.on_scan(s.badge(6), s.start);
  CHECK_FALSE(s.core.tick(s.start + 59s));
  CHECK(s.core.tick(s.start + 60s));
  CHECK(s.showing<IdleScreen>(s.start + 60s));
}

TEST_CASE("board mode: the host board is home") {
  KioskSettings settings;
  settings.mode = KioskMode::board;
  CoreScenario s(settings);
  CHECK(s.showing<BoardScreen>(s.start));
  s.core.on_scan(s.badge(1), s.start);
  s.core.tick(s.start + 8s);
  CHECK(s.showing<BoardScreen>(s.start + 8s));
  CHECK(std::get<BoardScreen>(s.core.screen(s.start + 8s)).board.at_venue == 1);
}

TEST_CASE("the idle screen cycles French, English, German") {
  CoreScenario s;
  auto language = [&](KioskTime t) { return std::get<IdleScreen>(s.core.screen(t)).language; };
  CHECK(language(s.start) == Language::fr);
  const auto serial = s.core.screen_serial();
  CHECK(s.core.tick(s.start + 4s));
  CHECK(s.core.screen_serial() == serial);  // a redraw, not a new screen
  CHECK(language(s.start + 4s) == Language::en);
  s.core.tick(s.start + 8s);
  CHECK(language(s.start + 8s) == Language::de);
  s.core.tick(s.start + 12s);
  CHECK(language(s.start + 12s) == Language::fr);
}

TEST_CASE("results speak the participant's language; rejections the kiosk's") {
  KioskSettings settings;
  settings.language = Language::de;
  CoreScenario s(settings);
  s.core.on_scan("garbage-code", s.start);
  CHECK(std::get<ResultScreen>(s.core.screen(s.start)).language == Language::de);
}

TEST_CASE("the staff panel and the board it opens speak the staff member's language") {
  test::KioskFixture f;
  auto people = std::vector<RosterPerson>{f.person(6, "S1", "Sam Staff", Role::staff)};
  people[0].participant.language = Language::de;
  test::MemoryRecorder recorder;
  const KioskTime start{std::chrono::duration_cast<std::chrono::milliseconds>(f.t0.time_since_epoch())};
  KioskSettings settings;
  settings.language = Language::fr;  // the kiosk's own language differs
  KioskCore core(std::make_shared<KioskData>(f.event(), people, std::vector<Meeting>{}, f.pk), presence::Presence{}, recorder,
                 settings, start);
  core.on_scan(f.badge(6), start);
  auto staff = std::get<StaffScreen>(core.screen(start));
  CHECK(staff.language == Language::de);
  CHECK(staff.message == StaffMessage::none);
  core.on_key(Key::enter, start + 1s);  // sync now
  CHECK(std::get<StaffScreen>(core.screen(start + 1s)).message == StaffMessage::sync_requested);
  core.on_key(Key::board, start + 2s);
  CHECK(std::get<BoardScreen>(core.screen(start + 2s)).language == Language::de);
}

TEST_CASE("every scan's result has its tone: ok, attention or error; a repeat none") {
  CoreScenario s;
  const auto welcome = s.core.on_scan(s.badge(1), s.start);
  CHECK(tone_for(welcome) == Tone::ok);
  CHECK_FALSE(tone_for(s.core.on_scan(s.badge(1), s.start + 1s)).has_value());  // ignored repeat: silence
  CHECK(tone_for(s.core.on_scan("SM1.forged", s.start + 2s)) == Tone::error);
  CHECK(tone_for(s.core.on_scan(s.badge(5), s.start + 3s)) == Tone::attention);  // Zoe: no meetings, see the desk
  s.recorder.fail = true;
  const auto lost = s.core.on_scan(s.badge(2), s.start + 4s);
  CHECK_FALSE(lost.recorded);
  CHECK(tone_for(lost) == Tone::error);  // nothing positive for a check-in that is not stored
}

TEST_CASE("an unconfirmed clock outside the event's days shows clock not set and records nothing") {
  CoreScenario s;
  const KioskTime epoch{std::chrono::milliseconds{5'000}};
  s.core.set_clock_state(ClockState{}, epoch);
  CHECK(s.showing<ClockNotSetScreen>(epoch));
  const auto r = s.core.on_scan(s.badge(1), epoch);
  CHECK_FALSE(r.recorded);
  CHECK(r.refused == "clock_not_set");
  CHECK(s.recorder.rows.empty());
  CHECK(s.showing<ClockNotSetScreen>(epoch + 10s));
  // Inside the event's days an unconfirmed clock is used as it reads.
  s.core.tick(s.start);
  CHECK(s.showing<IdleScreen>(s.start));
  CHECK(s.core.on_scan(s.badge(1), s.start).recorded);
}

TEST_CASE("a sync or a staff member confirming the time lifts clock not set") {
  CoreScenario s;
  const KioskTime epoch{std::chrono::milliseconds{5'000}};
  s.core.set_clock_state(ClockState{}, epoch);
  REQUIRE(s.showing<ClockNotSetScreen>(epoch));
  s.core.set_clock_state(ClockState{ClockTrust::staff, std::nullopt, 0, "Sam"}, epoch);
  CHECK(s.showing<IdleScreen>(epoch));
  s.core.set_clock_state(ClockState{}, epoch);
  REQUIRE(s.showing<ClockNotSetScreen>(epoch));
  s.core.set_clock_state(ClockState{ClockTrust::synced, 120, 30, ""}, epoch);
  CHECK(s.showing<IdleScreen>(epoch));
}

TEST_CASE("the event's days run from midnight before the first round to midnight after the last, in its zone") {
  CoreScenario s;
  const EventDays days = event_days(s.data().event());
  const LocalTimeZone zone(s.data().event().timezone);
  CHECK(zone.format_iso_local(days.from).substr(11) == "00:00:00");
  CHECK(zone.format_iso_local(days.until).substr(11) == "00:00:00");
  CHECK(days.contains(s.t0));
  CHECK_FALSE(days.contains(days.until));
  CHECK(clock_not_set(ClockState{}, days, days.from - 1s));
  CHECK_FALSE(clock_not_set(ClockState{ClockTrust::pinned, {}, 0, ""}, days, days.from - 1s));
}

TEST_CASE("a self-check fault puts the kiosk out of order with its code; it clears by itself") {
  CoreScenario s;
  s.core.set_fault(KioskCore::Fault{"E-CAM", "no camera at /dev/video0"}, s.start);
  REQUIRE(s.showing<OutOfOrderScreen>(s.start));
  CHECK(std::get<OutOfOrderScreen>(s.core.screen(s.start)).code == "E-CAM");
  const auto r = s.core.on_scan(s.badge(1), s.start);
  CHECK_FALSE(r.recorded);
  CHECK(r.refused == "E-CAM");
  CHECK(s.recorder.rows.empty());
  s.core.set_fault(std::nullopt, s.start + 1min);
  CHECK(s.showing<IdleScreen>(s.start + 1min));
  CHECK(s.core.on_scan(s.badge(1), s.start + 1min).recorded);
}
