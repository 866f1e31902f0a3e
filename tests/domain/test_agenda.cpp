#include <catch2/catch.hpp>

#include "domain/agenda.hpp"

using namespace speedmeet;
using namespace std::chrono_literals;

namespace {

const Instant kStart = from_unix(1'800'000'000);

std::vector<Round> three_rounds() { return compute_rounds({kStart, 3, Minutes{12}, Minutes{3}}); }

std::vector<Meeting> sample_meetings() {
  return {{1, 1, 1, "C1", "P1"}, {2, 1, 2, "C2", "P2"}, {3, 2, 1, "C1", "P2"}, {4, 3, 2, "C2", "P1"}};
}

}  // namespace

TEST_CASE("rounds follow start, length and breaks") {
  const auto rounds = three_rounds();
  REQUIRE(rounds.size() == 3);
  CHECK(rounds[0].starts_at == kStart);
  CHECK(rounds[0].ends_at == kStart + 12min);
  CHECK(rounds[1].starts_at == kStart + 15min);
  CHECK(rounds[2].starts_at == kStart + 30min);
  CHECK(rounds[2].ends_at == kStart + 42min);
  CHECK(rounds[2].number == 3);
}

TEST_CASE("phase and current round at every boundary") {
  const Agenda agenda(three_rounds(), sample_meetings());
  using K = Phase::Kind;
  CHECK(agenda.phase_at(kStart - 1s).kind == K::before_event);
  CHECK(agenda.phase_at(kStart - 1s).next_change == kStart);
  CHECK(agenda.phase_at(kStart).kind == K::in_round);
  CHECK(agenda.phase_at(kStart).round == 1);
  CHECK(agenda.phase_at(kStart + 12min - 1s).round == 1);
  const Phase pause = agenda.phase_at(kStart + 12min);
  CHECK(pause.kind == K::between_rounds);
  CHECK(pause.round == 2);
  CHECK(pause.next_change == kStart + 15min);
  CHECK(agenda.phase_at(kStart + 15min).kind == K::in_round);
  CHECK(agenda.phase_at(kStart + 42min).kind == K::after_event);

  CHECK_FALSE(agenda.current_round(kStart - 1s));
  CHECK(agenda.current_round(kStart + 5min) == 1);
  CHECK_FALSE(agenda.current_round(kStart + 13min));
  CHECK(agenda.current_round(kStart + 31min) == 3);
  CHECK_FALSE(agenda.current_round(kStart + 42min));
}

TEST_CASE("next meeting: the running one until it ends, then the next") {
  const Agenda agenda(three_rounds(), sample_meetings());
  CHECK(agenda.next_meeting("C1", kStart - 1h)->id == 1);
  CHECK(agenda.next_meeting("C1", kStart + 11min)->id == 1);
  CHECK(agenda.next_meeting("C1", kStart + 12min)->id == 3);
  // C1 has no meeting in round 3: nothing left once round 2 ended.
  CHECK_FALSE(agenda.next_meeting("C1", kStart + 27min));
  // P1 sits out round 2 and meets C2 in round 3.
  CHECK(agenda.next_meeting("P1", kStart + 13min)->id == 4);
  CHECK_FALSE(agenda.next_meeting("nobody", kStart));
}

TEST_CASE("remaining agenda and round listings") {
  const Agenda agenda(three_rounds(), sample_meetings());
  const auto c2 = agenda.remaining("C2", kStart + 13min);
  REQUIRE(c2.size() == 1);
  CHECK(c2[0].id == 4);
  CHECK(agenda.remaining("C2", kStart - 1s).size() == 2);
  CHECK(agenda.remaining("C2", kStart + 42min).empty());

  CHECK(agenda.meetings_in_round(1).size() == 2);
  CHECK(agenda.meetings_in_round(2).size() == 1);
  CHECK(agenda.meetings_in_round(3).size() == 1);
  CHECK(agenda.meetings_in_round(4).empty());
  CHECK(agenda.meetings_in_round(0).empty());
  CHECK(agenda.meetings_in_round(-1).empty());
  CHECK(agenda.meetings_of("P2").size() == 2);
}

TEST_CASE("meetings arrive in any order and are answered in round order") {
  auto meetings = sample_meetings();
  std::reverse(meetings.begin(), meetings.end());
  const Agenda agenda(three_rounds(), meetings);
  const auto p1 = agenda.meetings_of("P1");
  REQUIRE(p1.size() == 2);
  CHECK(p1[0].round == 1);
  CHECK(p1[1].round == 3);
}

TEST_CASE("a partner is the other side of the meeting") {
  const Meeting m{1, 1, 1, "C1", "P1"};
  CHECK(m.partner_of("C1") == "P1");
  CHECK(m.partner_of("P1") == "C1");
  CHECK(m.involves("P1"));
  CHECK_FALSE(m.involves("P2"));
}
