// "Check someone in" on the staff panel: a person found by name or id is
// checked in by hand through the same rules as a scan of their badge, and
// the row says which staff member did it.
#include <catch2/catch.hpp>

#include "checkin/kiosk_core.hpp"
#include "kiosk_fixture.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;
using namespace std::chrono_literals;

namespace {

// A kiosk core on the fixture's event (Ana P1, Marc C1, Lea C2, Bo P2, Zoe
// P3, staff Sam S1; round 1 from t0), with `earlier` rows already made.
struct Desk : test::KioskFixture {
  test::MemoryRecorder recorder;
  KioskTime t0_ms = KioskTime{std::chrono::duration_cast<std::chrono::milliseconds>(t0.time_since_epoch())};
  KioskTime start = t0_ms - 10min;
  KioskCore core;
  explicit Desk(const std::vector<JournalRow>& earlier = {}, KioskSettings settings = {})
      : core(std::make_shared<KioskData>(data()), presence::Presence(data().every_meeting(), earlier), recorder, settings,
             start) {}

  template <class T>
  bool showing(KioskTime now) const { return std::holds_alternative<T>(core.screen(now)); }
  StaffSearchScreen search(KioskTime now) const { return std::get<StaffSearchScreen>(core.screen(now)); }

  // Sam's badge, then "Check someone in" (the third action).
  void open_search(KioskTime at) {
    core.on_scan(badge(6), at);
    core.on_key(Key::down, at);
    core.on_key(Key::down, at);
    REQUIRE(std::get<StaffScreen>(core.screen(at)).selected == StaffScreen::Action::check_in);
    core.on_key(Key::enter, at);
    REQUIRE(showing<StaffSearchScreen>(at));
  }

  // Types `query`, checks the first person found in by hand.
  KioskCore::ScanResult check_in(const std::string& query, KioskTime at) {
    open_search(at);
    core.on_text(query, at);
    auto result = core.on_key(Key::enter, at);
    REQUIRE(result);
    return *result;
  }
};

std::vector<std::string> ids_of(const StaffSearchScreen& s) {
  std::vector<std::string> ids;
  for (const auto& m : s.matches) ids.push_back(m.id);
  return ids;
}

}  // namespace

TEST_CASE("the staff panel's third action opens a search that finds people by name, organization or id, never staff") {
  Desk d;
  d.open_search(d.start);
  CHECK(d.core.wants_text());
  auto s = d.search(d.start);
  CHECK(s.query.empty());
  CHECK(s.matches.empty());
  CHECK(s.staff_name == "Sam Staff");

  d.core.on_text("MAR", d.start);
  s = d.search(d.start);
  CHECK(s.query == "MAR");
  CHECK(ids_of(s) == std::vector<std::string>{"C1"});  // Marc Weber
  CHECK(s.matches[0].name == "Marc Weber");
  CHECK(s.matches[0].organization == "Org C1");

  for (int i = 0; i < 3; ++i) d.core.on_key(Key::backspace, d.start);
  d.core.on_text("p", d.start);  // id prefix
  CHECK(ids_of(d.search(d.start)) == std::vector<std::string>{"P1", "P2", "P3"});
  d.core.on_text("2", d.start);
  CHECK(ids_of(d.search(d.start)) == std::vector<std::string>{"P2"});

  for (const char* staff : {"S1", "sam", "staff"}) {
    while (!d.search(d.start).query.empty()) d.core.on_key(Key::backspace, d.start);
    d.core.on_text(staff, d.start);
    INFO(staff);
    CHECK(d.search(d.start).matches.empty());  // staff check nobody in on themselves
  }
}

TEST_CASE("each match says whether the person is at the venue and present in the round at hand") {
  const test::KioskFixture f;
  Desk d({f.arrival("P1", 11)});  // Ana: arrived and checked in for round 1
  const KioskTime during_round_1 = d.t0_ms + 4min;
  d.open_search(during_round_1);
  d.core.on_text("a", during_round_1);  // Ana, Marc, Lea, Sam (staff: not listed)
  const auto s = d.search(during_round_1);
  REQUIRE(ids_of(s) == std::vector<std::string>{"P1", "C2", "C1"});
  CHECK(s.matches[0].at_venue);
  CHECK(s.matches[0].round == 1);
  CHECK(s.matches[0].present_in_round);
  CHECK_FALSE(s.matches[1].at_venue);  // Lea meets Ana in round 3: nothing now
  CHECK(s.matches[1].round == 3);
  CHECK_FALSE(s.matches[1].present_in_round);
  CHECK(s.matches[2].round == 1);  // Marc, expected at table 2
  CHECK_FALSE(s.matches[2].present_in_round);
}

TEST_CASE("a check-in by hand is the scan's decision at that instant, recorded with the staff member's id") {
  struct Case {
    const char* who;
    std::uint32_t badge;
    std::int64_t serial;
    std::chrono::minutes at;  // from round 1's start
    std::vector<JournalRow> earlier;
    Outcome outcome;
    RowKind row;
    bool meeting_checkin;
  };
  const test::KioskFixture f;
  const std::vector<Case> cases = {
      // before the window: welcome, not yet checked in for the meeting
      {"Ana", 1, 1, -10min, {}, Outcome::welcome, RowKind::entrance, false},
      // inside the window: the entrance row names round 1's meeting
      {"Ana", 1, 1, -2min, {}, Outcome::welcome, RowKind::entrance, true},
      // late, first scan of the day; late, already at the venue: a meeting row
      {"Ana", 1, 1, 7min, {}, Outcome::late, RowKind::entrance, true},
      {"Ana", 1, 1, 7min, {f.arrival("P1")}, Outcome::late, RowKind::meeting, true},
      // round 2's window (Bo's badge was reissued once)
      {"Bo", 4, 2, 12min, {f.arrival("P2")}, Outcome::next, RowKind::meeting, true},
      {"Zoe", 5, 1, 0min, {}, Outcome::no_meetings, RowKind::entrance, false},
      {"Ana", 1, 1, 60min, {f.arrival("P1", 11)}, Outcome::done, RowKind::scan, false},
  };
  for (const Case& c : cases) {
    Desk by_hand(c.earlier), by_badge(c.earlier);
    const KioskTime at = by_hand.t0_ms + c.at;
    INFO(c.who << " at " << c.at.count() << " min");
    const auto manual = by_hand.check_in(c.who, at);
    const auto scanned = by_badge.core.on_scan(by_badge.badge(c.badge, c.serial), at);

    REQUIRE(manual.recorded);
    CHECK(manual.manual_by == "S1");
    CHECK(scanned.manual_by.empty());
    const Decision& m = manual.decision;
    const Decision& s = scanned.decision;
    CHECK(s.outcome == c.outcome);
    CHECK(s.row == c.row);
    CHECK(s.meeting_checkin == c.meeting_checkin);
    CHECK(m.outcome == s.outcome);
    CHECK(m.reason == s.reason);
    CHECK(m.row == s.row);
    CHECK(m.meeting_checkin == s.meeting_checkin);
    CHECK(m.already_checked_in == s.already_checked_in);
    CHECK(m.participant->id == s.participant->id);
    CHECK(m.meeting.has_value() == s.meeting.has_value());
    if (m.meeting && s.meeting) CHECK(m.meeting->meeting_id == s.meeting->meeting_id);

    // The rows match but for who made them: the staff badge's own row first.
    REQUIRE(by_hand.recorder.rows.size() == 2);
    REQUIRE(by_badge.recorder.rows.size() == 1);
    JournalRow manual_row = by_hand.recorder.rows.back();
    const JournalRow& scan_row = by_badge.recorder.rows.back();
    CHECK(manual_row.staff == "S1");
    CHECK(scan_row.staff.empty());
    CHECK(manual_row.code.empty());
    manual_row.staff.clear();
    manual_row.uuid = scan_row.uuid;
    CHECK(manual_row == scan_row);

    // Shown as the scan is, plus by whom; presence knows it at once.
    const auto screen = std::get<ResultScreen>(by_hand.core.screen(at));
    CHECK(screen.checked_in_by == "Sam Staff");
    CHECK(std::get<ResultScreen>(by_badge.core.screen(at)).checked_in_by.empty());
    CHECK(by_hand.core.presence().at_venue(m.participant->id) == by_badge.core.presence().at_venue(s.participant->id));
    CHECK(by_hand.core.presence().round_checkins() == by_badge.core.presence().round_checkins());
  }
}

TEST_CASE("someone already present is not checked in twice by hand") {
  Desk d;
  const KioskTime in_window = d.t0_ms - 2min;
  REQUIRE(d.core.on_scan(d.badge(1), in_window).decision.meeting_checkin);  // Ana's badge: round 1
  const auto checkins = d.core.presence().round_checkins();
  const auto again = d.check_in("ana", in_window + 30s);
  CHECK(again.recorded);
  CHECK(again.decision.outcome == Outcome::next);
  CHECK(again.decision.already_checked_in);
  CHECK_FALSE(again.decision.meeting_checkin);
  CHECK(again.decision.row == RowKind::scan);
  CHECK(d.recorder.rows.back().kind == JournalKind::scan);
  CHECK_FALSE(d.recorder.rows.back().meeting_id);
  CHECK(d.recorder.rows.back().staff == "S1");
  CHECK(d.core.presence().round_checkins() == checkins);
}

TEST_CASE("the selection moves with up and down, stays inside the list, and restarts when the text changes") {
  Desk d;
  d.open_search(d.start);
  d.core.on_text("p", d.start);  // P1, P2, P3
  d.core.on_key(Key::up, d.start);
  CHECK(d.search(d.start).selected == 0);
  for (int i = 0; i < 5; ++i) d.core.on_key(Key::down, d.start);
  CHECK(d.search(d.start).selected == 2);
  d.core.on_key(Key::up, d.start);
  CHECK(d.search(d.start).selected == 1);
  const auto bo = d.core.on_key(Key::enter, d.start);  // the second: Bo
  REQUIRE(bo);
  CHECK(bo->decision.participant->id == "P2");

  const KioskTime later = d.start + 5s;  // the staff badge again, past the 3-s repeat rule
  d.open_search(later);
  d.core.on_text("p", later);
  d.core.on_key(Key::down, later);
  d.core.on_text("3", later);
  CHECK(d.search(later).selected == 0);
  CHECK(ids_of(d.search(later)) == std::vector<std::string>{"P3"});
}

TEST_CASE("no match: Enter checks nobody in; Escape goes back to the staff panel") {
  Desk d;
  d.open_search(d.start);
  d.core.on_text("nobody here", d.start);
  CHECK(d.search(d.start).matches.empty());
  const auto rows = d.recorder.rows.size();
  CHECK_FALSE(d.core.on_key(Key::enter, d.start));
  CHECK(d.recorder.rows.size() == rows);
  CHECK(d.showing<StaffSearchScreen>(d.start));

  d.core.on_key(Key::escape, d.start + 1s);
  REQUIRE(d.showing<StaffScreen>(d.start + 1s));
  CHECK(std::get<StaffScreen>(d.core.screen(d.start + 1s)).selected == StaffScreen::Action::check_in);
  CHECK_FALSE(d.core.wants_text());
  d.core.on_text("ana", d.start + 2s);  // the panel takes no text
  d.core.on_key(Key::enter, d.start + 3s);  // a new, empty search
  CHECK(d.search(d.start + 3s).query.empty());
}

TEST_CASE("the search closes itself after the staff panel's timeout; typing keeps it open") {
  Desk d;
  d.open_search(d.start);
  d.core.on_text("an", d.start + 50s);
  CHECK_FALSE(d.core.tick(d.start + 109s));
  CHECK(d.showing<StaffSearchScreen>(d.start + 109s));
  CHECK(d.core.tick(d.start + 110s));
  CHECK(d.showing<IdleScreen>(d.start + 110s));
  CHECK_FALSE(d.core.wants_text());
}

TEST_CASE("typed text reaches nothing but the search field, printable only and bounded") {
  Desk d;
  d.core.on_text("ana", d.start);  // idle: nowhere to go
  CHECK(d.showing<IdleScreen>(d.start));
  CHECK_FALSE(d.core.wants_text());
  d.open_search(d.start);
  d.core.on_text("a\tn\x1B" "a\xFF", d.start);
  CHECK(d.search(d.start).query == "ana");
  d.core.on_key(Key::backspace, d.start);
  d.core.on_text("ï", d.start);
  d.core.on_key(Key::backspace, d.start);  // a whole character, not a byte
  CHECK(d.search(d.start).query == "an");
  d.core.on_text(std::string(600, 'x'), d.start);  // too long for a name or an id: dropped
  CHECK(d.search(d.start).query == "an");
}

TEST_CASE("a badge scanned while searching is a scan; a scanner's burst leaves the search field") {
  Desk d;
  d.open_search(d.start);
  d.core.on_text("an", d.start);
  const std::string code = d.badge(1);
  d.core.on_text(code, d.start);  // the window typed the burst into the field before it ended
  d.core.withdraw_text(code);
  CHECK(d.search(d.start).query == "an");
  const auto r = d.core.on_scan(code, d.start);
  CHECK(r.decision.outcome == Outcome::welcome);
  CHECK(r.manual_by.empty());
  CHECK(d.recorder.rows.back().staff.empty());
  CHECK(std::get<ResultScreen>(d.core.screen(d.start)).checked_in_by.empty());

  Desk cut;  // a field already near full kept only the burst's start: that part leaves it
  cut.open_search(cut.start);
  cut.core.on_text(std::string(500, 'm'), cut.start);
  cut.core.on_text(code.substr(0, 12), cut.start);
  cut.core.withdraw_text(code);
  CHECK(cut.search(cut.start).query == std::string(500, 'm'));
}

TEST_CASE("a check-in by hand that cannot be stored shows out of order and claims nothing") {
  Desk d;
  d.open_search(d.start);
  d.core.on_text("ana", d.start);
  d.recorder.fail = true;
  const auto r = d.core.on_key(Key::enter, d.start);
  REQUIRE(r);
  CHECK_FALSE(r->recorded);
  CHECK(r->error.find("disk is full") != std::string::npos);
  CHECK(d.showing<OutOfOrderScreen>(d.start));
  CHECK_FALSE(d.core.presence().at_venue("P1"));
}

TEST_CASE("new data from sync keeps the search and its selected person") {
  Desk d;
  d.open_search(d.start);
  d.core.on_text("p", d.start);
  d.core.on_key(Key::down, d.start);  // Bo
  d.core.replace_data(std::make_shared<KioskData>(d.data()), presence::Presence(d.data().every_meeting()));
  const auto s = d.search(d.start);
  CHECK(s.query == "p");
  REQUIRE(s.matches.size() == 3);
  CHECK(s.matches[static_cast<std::size_t>(s.selected)].id == "P2");
}
