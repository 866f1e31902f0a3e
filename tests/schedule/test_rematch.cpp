// No-show re-match, the pure part: who is standing by, and who they meet.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "domain/validation.hpp"
#include "schedule/rematch.hpp"

#include "random_instances.hpp"

using namespace speedmeet;
using speedmeet::test::person;
using namespace speedmeet::schedule;

namespace {

std::vector<Participant> roster() {
  std::vector<Participant> people;
  for (int i = 1; i <= 6; ++i) people.push_back(person("C" + std::to_string(i), Role::company));
  for (int i = 1; i <= 6; ++i) people.push_back(person("P" + std::to_string(i), Role::project));
  people.push_back(person("S1", Role::staff));
  return people;
}

// Round 2 of a small event: Ci meets Pi at table i; round 1 had Ci with P(i+1).
std::vector<Meeting> small_schedule() {
  std::vector<Meeting> m;
  std::int64_t id = 1;
  for (int i = 1; i <= 6; ++i)
    m.push_back({id++, 1, i, "C" + std::to_string(i), "P" + std::to_string(i % 6 + 1)});
  for (int i = 1; i <= 6; ++i) m.push_back({id++, 2, i, "C" + std::to_string(i), "P" + std::to_string(i)});
  return m;
}

const Meeting& meeting(const std::vector<Meeting>& all, int round, int table) {
  for (const Meeting& m : all)
    if (m.round == round && m.table == table) return m;
  throw std::logic_error("no such meeting");
}

// A journal row: `p` arrives, checked in for `meeting` when given.
JournalRow arrival(const std::string& p, std::optional<std::int64_t> meeting) {
  JournalRow r;
  r.participant = p;
  r.kind = meeting ? JournalKind::meeting : JournalKind::entrance;
  r.meeting_id = meeting;
  r.outcome = "welcome";
  return r;
}

// Both partners of each listed table came to it; everybody listed is at the venue.
presence::Presence everyone_came_except(const std::vector<Meeting>& all, int round, const std::set<std::string>& absent,
                                        const std::set<std::string>& unscanned = {}) {
  presence::Presence a(all);
  for (const Meeting& m : all) {
    if (m.round != round) continue;
    for (const std::string& p : {m.a, m.b}) {
      if (absent.contains(p)) continue;
      a.add(arrival(p, unscanned.contains(p) ? std::nullopt : std::optional<std::int64_t>(m.id)));
    }
  }
  return a;
}

// Standby as the server's re-match finds it: staff from the roster.
std::vector<Standby> find_standby(int round, const std::vector<Meeting>& all, const presence::Presence& presence,
                                  const std::vector<Participant>& people) {
  std::set<std::string> staff;
  for (const Participant& p : people)
    if (p.role == Role::staff) staff.insert(p.id);
  return presence::find_standby(round, all, presence, staff);
}

std::set<std::string> people_in(const std::vector<Meeting>& meetings) {
  std::set<std::string> out;
  for (const Meeting& m : meetings) out.insert({m.a, m.b});
  return out;
}

}  // namespace

TEST_CASE("stood-up attendees get a new partner at a freed table") {
  const auto all = small_schedule();
  // P1 and C3 did not come: C1 and P3 are stood up (and have never met).
  const auto attendance = everyone_came_except(all, 2, {"P1", "C3"});
  const auto standby = find_standby(2, all, attendance, roster());
  REQUIRE(standby.size() == 2);
  CHECK(standby[0].participant == "C1");
  CHECK(standby[1].participant == "P3");

  const Rematch r = plan_rematch(2, standby, roster(), {}, all);
  REQUIRE(r.meetings.size() == 1);
  CHECK(r.meetings[0].a == "C1");  // the company keeps its table
  CHECK(r.meetings[0].b == "P3");
  CHECK(r.meetings[0].table == 1);
  CHECK(r.meetings[0].round == 2);
  CHECK(r.replaced == (std::vector<std::int64_t>{meeting(all, 2, 1).id, meeting(all, 2, 3).id}));
  CHECK(r.unpaired.empty());
}

TEST_CASE("a late arrival within the grace period keeps the original meeting") {
  const auto all = small_schedule();
  // P1 checked in for the meeting late, but before the grace period ended:
  // the journal has the check-in, so C1 is not standing by.
  const auto attendance = everyone_came_except(all, 2, {"C2"});
  const auto standby = find_standby(2, all, attendance, roster());
  REQUIRE(standby.size() == 1);
  CHECK(standby[0].participant == "P2");
  const Rematch r = plan_rematch(2, standby, roster(), {}, all);
  CHECK(r.meetings.empty());
  CHECK(r.replaced.empty());  // C1–P1 untouched
  CHECK(r.unpaired == std::vector<std::string>{"P2"});
}

TEST_CASE("two partners both at the venue and both unscanned are presumed together") {
  const auto all = small_schedule();
  const auto attendance = everyone_came_except(all, 2, {}, {"C3", "P3"});
  CHECK(find_standby(2, all, attendance, roster()).empty());
  // But an unscanned attendee whose partner never arrived is standing by.
  const auto partner_absent = everyone_came_except(all, 2, {"P4"}, {"C4"});
  const auto standby = find_standby(2, all, partner_absent, roster());
  REQUIRE(standby.size() == 1);
  CHECK(standby[0].participant == "C4");
}

TEST_CASE("nobody is paired with someone they met or are scheduled to meet") {
  const auto all = small_schedule();
  // C1's round-1 partner was P2; P3 meets C2 in round 1 (C2–P3), and C3–P4.
  // Stood up in round 2: C1, C2 (partners P1, P2 absent), P3, P4 (partners C3, C4 absent).
  std::vector<Meeting> with_later = all;
  with_later.push_back({100, 3, 1, "C1", "P4"});  // scheduled later
  const auto attendance = everyone_came_except(with_later, 2, {"P1", "P2", "C3", "C4"});
  const auto standby = find_standby(2, with_later, attendance, roster());
  REQUIRE(people_in({}).empty());
  REQUIRE(standby.size() == 4);
  const Rematch r = plan_rematch(2, standby, roster(), {}, with_later);
  // Allowed: C1–P3 (C1 met P2, will meet P4), C2–P4 (C2 met P3). Exactly that.
  REQUIRE(r.meetings.size() == 2);
  std::set<std::pair<std::string, std::string>> pairs;
  for (const Meeting& m : r.meetings) pairs.insert({m.a, m.b});
  CHECK(pairs == std::set<std::pair<std::string, std::string>>{{"C1", "P3"}, {"C2", "P4"}});
}

TEST_CASE("wished pairs come first among equally many pairs") {
  const auto all = small_schedule();
  // Stood up: C4, C5 (P4, P5 absent) and P1, P2 (C1, C2 absent); none of
  // them has met: two pairings of two pairs each are possible.
  const auto attendance = everyone_came_except(all, 2, {"P4", "P5", "C1", "C2"});
  const auto standby = find_standby(2, all, attendance, roster());
  REQUIRE(standby.size() == 4);
  const std::vector<Wish> wishes = {{"C4", "P2", 3}, {"P1", "C5", 1}};
  const Rematch r = plan_rematch(2, standby, roster(), wishes, all);
  std::set<std::pair<std::string, std::string>> pairs;
  for (const Meeting& m : r.meetings) pairs.insert({m.a, m.b});
  CHECK(pairs == std::set<std::pair<std::string, std::string>>{{"C4", "P2"}, {"C5", "P1"}});
  // Without the wishes the other pairing is as good; with one wish reversed it wins.
  const Rematch other = plan_rematch(2, standby, roster(), {{"C4", "P1", 2}}, all);
  std::set<std::pair<std::string, std::string>> other_pairs;
  for (const Meeting& m : other.meetings) other_pairs.insert({m.a, m.b});
  CHECK(other_pairs == std::set<std::pair<std::string, std::string>>{{"C4", "P1"}, {"C5", "P2"}});
}

TEST_CASE("more pairs beat one wished pair; unwished pairs are company × project only") {
  // Standby: C1, C2, P1, P2, P3 (all fresh, nobody met). A wished C1–C2 pair
  // would leave P1..P3 alone with nobody; pairing each company with a
  // project holder seats four.
  const std::vector<Participant> people = roster();
  std::vector<Meeting> all;
  std::int64_t id = 1;
  std::vector<Standby> standby;
  for (const std::string p : {"C1", "C2", "P1", "P2", "P3"}) {
    Meeting m{id, 1, static_cast<int>(id), p, "X" + p};
    all.push_back(m);
    standby.push_back({p, m});
    ++id;
  }
  const Rematch r = plan_rematch(1, standby, people, {{"C1", "C2", 3}}, all);
  CHECK(r.meetings.size() == 2);
  for (const Meeting& m : r.meetings) CHECK(m.a[0] != m.b[0]);
  CHECK(r.unpaired.size() == 1);
  // With only project holders standing by and no wish, nobody is paired.
  const std::vector<Standby> projects(standby.begin() + 2, standby.end());
  CHECK(plan_rematch(1, projects, people, {}, all).meetings.empty());
  // A wish between project holders is honoured.
  const Rematch wished = plan_rematch(1, projects, people, {{"P3", "P1", 2}}, all);
  REQUIRE(wished.meetings.size() == 1);
  CHECK(std::set<std::string>{wished.meetings[0].a, wished.meetings[0].b} == std::set<std::string>{"P1", "P3"});
}

TEST_CASE("staff never stand by and never get meetings") {
  std::vector<Meeting> all = {{1, 1, 1, "C1", "P1"}, {2, 1, 2, "S1", "P2"}};  // a bad import, say
  presence::Presence a(all);
  a.add(arrival("C1", 1));
  a.add(arrival("S1", 2));
  a.add(arrival("P2", std::nullopt));
  const auto standby = find_standby(1, all, a, roster());
  for (const Standby& s : standby) CHECK(s.participant != "S1");
  const Rematch r = plan_rematch(1, standby, roster(), {}, all);
  for (const Meeting& m : r.meetings) CHECK((m.a != "S1" && m.b != "S1"));
}

TEST_CASE("random no-shows: re-matches keep the schedule valid and never repeat a pair") {
  std::mt19937_64 rng(31);
  const auto people = roster();
  for (int trial = 0; trial < 150; ++trial) {
    // Random round-robin-ish schedule over 4 rounds, 6 tables.
    std::vector<Meeting> all;
    std::int64_t id = 1;
    for (int round = 1; round <= 4; ++round)
      for (int i = 0; i < 6; ++i)
        all.push_back({id++, round, i + 1, "C" + std::to_string(i + 1),
                       "P" + std::to_string((i + round + static_cast<int>(rng() % 2)) % 6 + 1)});
    // The coin flip may double-book: keep only a valid prefix per round.
    std::vector<Meeting> valid;
    for (const Meeting& m : all) {
      valid.push_back(m);
      if (!validate_schedule(valid, 4, 6).empty()) valid.pop_back();
    }
    const int round = static_cast<int>(rng() % 4) + 1;
    std::set<std::string> absent;
    for (const Participant& p : people)
      if (rng() % 3 == 0) absent.insert(p.id);
    const auto attendance = everyone_came_except(valid, round, absent);
    const auto standby = find_standby(round, valid, attendance, people);
    const Rematch r = plan_rematch(round, standby, people, {{"C1", "P3", 3}, {"P2", "C4", 2}}, valid);

    std::set<std::pair<std::string, std::string>> before;
    for (const Meeting& m : valid) before.insert(std::minmax(m.a, m.b));
    std::vector<Meeting> after;
    for (const Meeting& m : valid)
      if (std::find(r.replaced.begin(), r.replaced.end(), m.id) == r.replaced.end()) after.push_back(m);
    std::set<std::string> seated;
    for (const Meeting& m : r.meetings) {
      REQUIRE(!before.contains(std::minmax(m.a, m.b)));    // never met, never scheduled
      REQUIRE(seated.insert(m.a).second);                  // nobody paired twice
      REQUIRE(seated.insert(m.b).second);
      REQUIRE(!absent.contains(m.a));
      REQUIRE(!absent.contains(m.b));
      after.push_back(m);
    }
    REQUIRE(validate_schedule(after, 4, 6).empty());
    REQUIRE(r.meetings.size() * 2 + r.unpaired.size() == standby.size());
  }
}
