#include <catch2/catch.hpp>

#include "checkin/rules.hpp"
#include "kiosk_fixture.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;
using namespace std::chrono_literals;

namespace {

struct Scenario : test::KioskFixture {
  KioskData kiosk = data();
  presence::Presence presence{kiosk.every_meeting()};
  Decision scan(const std::string& code, Instant now) { return CheckinRules(kiosk, presence).decide(code, now); }
  // Records a decision the way the kiosk's journal does.
  void record(const Decision& d) {
    if (const auto row = journal_row_for(d, std::nullopt, KioskTime{})) presence.add(*row);
  }
  bool checked_in(std::int64_t meeting_id, const std::string& participant) const {
    for (const Meeting& m : kiosk.agenda().meetings())
      if (m.id == meeting_id) return presence.checked_in(m, participant);
    return false;
  }
  Decision scan_and_record(const std::string& code, Instant now) {
    const Decision d = scan(code, now);
    record(d);
    return d;
  }
};

}  // namespace

TEST_CASE("first scan of the day: welcome, entrance row, next meeting shown") {
  Scenario s;
  const Decision d = s.scan(s.badge(1), s.t0 - 30min);
  CHECK(d.outcome == Outcome::welcome);
  CHECK(d.row == RowKind::entrance);
  REQUIRE(d.participant);
  CHECK(d.participant->name == "Ana Muller");
  REQUIRE(d.meeting);
  CHECK(d.meeting->table == 2);
  CHECK(d.meeting->table_label == "Moselle");
  CHECK(d.meeting->partner_name == "Marc Weber");
  CHECK(d.meeting->partner_organization == "Org C1");
  CHECK(d.meeting->starts_at == s.t0);
  CHECK_FALSE(d.meeting_checkin);  // 30 min early is outside the window
  REQUIRE(d.following.size() == 1);
  CHECK(d.following[0].round == 3);
}

TEST_CASE("first scan inside the window is entrance and meeting check-in in one row") {
  Scenario s;
  const Decision d = s.scan_and_record(s.badge(1), s.t0 - 2min);
  CHECK(d.outcome == Outcome::welcome);
  CHECK(d.row == RowKind::entrance);
  CHECK(d.meeting_checkin);
  CHECK(s.checked_in(11, "P1"));
}

TEST_CASE("the check-in window edges: start - 5 min and start + 5 min are inside") {
  Scenario s;
  s.presence.add(s.arrival("P1"));
  const auto at = [&](Instant t) { return s.scan(s.badge(1), t); };
  CHECK_FALSE(at(s.t0 - 5min - 1s).meeting_checkin);
  CHECK(at(s.t0 - 5min - 1s).outcome == Outcome::next);
  CHECK(at(s.t0 - 5min).meeting_checkin);
  CHECK(at(s.t0 - 5min).outcome == Outcome::next);
  CHECK(at(s.t0 - 5min).row == RowKind::meeting);
  CHECK(at(s.t0 + 5min).outcome == Outcome::next);
  CHECK(at(s.t0 + 5min).meeting_checkin);
  const Decision late = at(s.t0 + 5min + 1s);
  CHECK(late.outcome == Outcome::late);
  CHECK(late.meeting_checkin);  // they still go to the table
  CHECK(late.meeting->table == 2);
}

TEST_CASE("a second scan for the same meeting records no second check-in") {
  Scenario s;
  s.scan_and_record(s.badge(1), s.t0 - 1min);
  const Decision again = s.scan(s.badge(1), s.t0 + 1min);
  CHECK(again.outcome == Outcome::next);
  CHECK_FALSE(again.meeting_checkin);
  CHECK(again.row == RowKind::scan);
}

TEST_CASE("partner already checked in: say they are waiting") {
  Scenario s;
  s.scan_and_record(s.badge(2), s.t0 - 1min);  // Marc
  const Decision ana = s.scan(s.badge(1), s.t0);
  CHECK(ana.partner_waiting);
  CHECK(ana.meeting->partner_name == "Marc Weber");
  CHECK_FALSE(s.scan(s.badge(3), s.t0).partner_waiting);  // Lea's partner is not in yet
}

TEST_CASE("between rounds the next meeting is shown; after the last, done") {
  Scenario s;
  s.presence.add(s.arrival("P1"));
  const Decision during_break = s.scan(s.badge(1), s.t0 + 12min);
  CHECK(during_break.outcome == Outcome::next);
  CHECK(during_break.meeting->round == 3);  // Ana sits out round 2
  CHECK(during_break.following.empty());
  // The last round (3) is running: late, still a meeting to go to.
  CHECK(s.scan(s.badge(1), s.t0 + 38min).outcome == Outcome::late);
  const Decision after = s.scan(s.badge(1), s.t0 + 40min);
  CHECK(after.outcome == Outcome::done);
  CHECK_FALSE(after.meeting);
  CHECK(after.row == RowKind::scan);
}

TEST_CASE("a participant with no meetings at all: \"see the desk\", not \"no more meetings\"") {
  Scenario s;
  const Decision first = s.scan_and_record(s.badge(5), s.t0 - 10min);
  CHECK(first.outcome == Outcome::no_meetings);
  CHECK(first.row == RowKind::entrance);  // still at the venue
  CHECK_FALSE(first.meeting);
  CHECK(s.presence.at_venue("P3"));
  const Decision again = s.scan(s.badge(5), s.t0 - 9min);
  CHECK(again.outcome == Outcome::no_meetings);
  CHECK(again.row == RowKind::scan);
}

TEST_CASE("external ticketing codes are matched against the roster") {
  Scenario s;
  CHECK(s.scan("TKT-42", s.t0).outcome == Outcome::no_meetings);  // Zoe has no meetings
  CHECK(s.scan("TKT-42", s.t0).participant->id == "P3");
  const Decision unknown = s.scan("TKT-43", s.t0);
  CHECK(unknown.outcome == Outcome::rejected);
  CHECK(unknown.reason == Reason::unknown);
}

TEST_CASE("staff badges open the staff panel and are not checked in") {
  Scenario s;
  const Decision d = s.scan(s.badge(6), s.t0);
  CHECK(d.outcome == Outcome::staff);
  CHECK(d.row == RowKind::scan);
  CHECK_FALSE(d.meeting_checkin);
}

TEST_CASE("every rejection reason") {
  Scenario s;
  const std::string good = s.badge(1);
  std::string forged = good;
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
  const test::KioskFixture other_keys;

  struct Case {
    const char* what;
    std::optional<std::string> code;
    Reason reason;
  };
  const std::vector<Case> cases = {
      {"nothing readable", std::nullopt, Reason::unreadable},
      {"garbage", std::string("SM1.!!!"), Reason::malformed},
      {"wrong version", std::string("SM2.") + good.substr(4), Reason::malformed},
      {"forged signature", forged, Reason::bad_signature},
      {"another event", s.badge(1, 1, "other-event"), Reason::other_event},
      {"our event id, another key", other_keys.badge(1), Reason::bad_signature},
      {"older serial", s.badge(4, 1), Reason::revoked},
      {"not in the roster", s.badge(99), Reason::unknown},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const Decision d = s.scan(c.code ? *c.code : std::string{}, s.t0);
    const Decision d2 = c.code ? d : CheckinRules(s.kiosk, s.presence).decide(std::nullopt, s.t0);
    CHECK(d2.outcome == Outcome::rejected);
    CHECK(d2.reason == c.reason);
    CHECK(d2.row == RowKind::scan);
    CHECK_FALSE(d2.meeting_checkin);
  }
  // The current serial of the same person is fine.
  CHECK(s.scan(s.badge(4, 2), s.t0).outcome == Outcome::welcome);
}

TEST_CASE("repeat filter: the same code within 3 s is ignored") {
  RepeatFilter filter;
  const KioskTime t{std::chrono::milliseconds{1'000'000}};
  CHECK(filter.admit("A", t));
  CHECK_FALSE(filter.admit("A", t + 2999ms));
  CHECK(filter.admit("A", t + 3000ms));
  CHECK(filter.admit("B", t + 3001ms));
  CHECK(filter.admit("A", t + 3002ms));  // another code in between: a new read
}

TEST_CASE("outcome names and tones") {
  CHECK(to_string(Outcome::welcome) == "welcome");
  CHECK(to_string(Reason::bad_signature) == "bad_signature");
  CHECK(tone_of(Outcome::next) == Tone::ok);
  CHECK(tone_of(Outcome::late) == Tone::attention);
  CHECK(tone_of(Outcome::rejected) == Tone::error);
}

TEST_CASE("a re-match reaches the attendee's next scan as a new partner, and the scan checks them in") {
  test::KioskFixture f;
  // Bo (P2) did not come to round 2; the server paired Marc (C1) with Zoe
  // (P3) at the freed table and the feed replaced the meeting.
  KioskData data = f.data();
  std::vector<kiosk::RosterPerson> people = {
      f.person(2, "C1", "Marc Weber", Role::company), f.person(5, "P3", "Zoe Kieffer", Role::project),
      f.person(4, "P2", "Bo Reuter", Role::project, 2)};
  Meeting rematch{21, 2, 1, "C1", "P3"};
  rematch.rematch = true;
  const KioskData after(f.event(), people, {{11, 1, 2, "C1", "P2"}, rematch}, f.pk);
  presence::Presence presence(after.every_meeting());
  presence.add(f.arrival("P3"));  // Zoe is at the venue, standing by

  const Instant round2_running = after.agenda().round(2)->starts_at + 4min;
  const Decision d = CheckinRules(after, presence).decide(f.badge(5), round2_running);
  CHECK(d.outcome == Outcome::next);  // 4 min in: still inside the check-in window
  REQUIRE(d.meeting);
  CHECK(d.meeting->rematch);
  CHECK(d.meeting->meeting_id == 21);
  CHECK(d.meeting->partner_name == "Marc Weber");
  CHECK(d.meeting_checkin);

  // The planned meetings of the day are not re-matches.
  const Decision planned = CheckinRules(data, presence::Presence(data.every_meeting())).decide(f.badge(1), f.t0 - 2min);
  REQUIRE(planned.meeting);
  CHECK_FALSE(planned.meeting->rematch);
}
