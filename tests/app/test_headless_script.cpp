#include <catch2/catch.hpp>

#include "app/headless_script.hpp"
#include "checkin/kiosk_core.hpp"
#include "domain/input_error.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;
using Type = ScriptAction::Type;

TEST_CASE("scripts: timed actions, comments, blank lines") {
  const auto actions = parse_script(
      "# demo\n\n+0 clock 2026-11-27T13:58\n+1.5 scan SM1.abc.def\n+2 image shots/badge 1.png\r\n"
      "+0 key enter\n  +30 wait\n+0 sync\n",
      "s.txt");
  REQUIRE(actions.size() == 6);
  CHECK(actions[0].type == Type::clock);
  CHECK(actions[1].delay_seconds == Approx(1.5));
  CHECK(actions[1].argument == "SM1.abc.def");
  CHECK(actions[2].argument == "shots/badge 1.png");
  CHECK(actions[2].line == 5);
  CHECK(actions[3].type == Type::key);
  CHECK(actions[4].type == Type::wait);
  CHECK(actions[5].type == Type::sync);
  CHECK(actions[5].argument.empty());
}

TEST_CASE("scripts type text into the keyboard's owner and press backspace") {
  const auto actions = parse_script("+1 type Marc Thill\n+0.5 key backspace\n+0 type   P07  \n", "s.txt");
  REQUIRE(actions.size() == 3);
  CHECK(actions[0].type == Type::type);
  CHECK(actions[0].argument == "Marc Thill");
  CHECK(actions[1].type == Type::key);
  CHECK(parse_key(actions[1].argument) == Key::backspace);
  CHECK(actions[2].argument == "P07");  // spaces around the text are the script's, not typed
  CHECK_THROWS_WITH(parse_script("+1 type\n", "s.txt"), Catch::Contains("needs an argument"));
}

TEST_CASE("bad script lines are refused with their line") {
  CHECK_THROWS_WITH(parse_script("+1 scan A\n1 scan B\n", "s.txt"), Catch::Contains("s.txt:2"));
  CHECK_THROWS_WITH(parse_script("+1 dance\n", "s.txt"), Catch::Contains("s.txt:1"));
  CHECK_THROWS_WITH(parse_script("+1 scan\n", "s.txt"), Catch::Contains("needs an argument"));
  CHECK_THROWS_WITH(parse_script("+1 key f13\n", "s.txt"), Catch::Contains("unknown key"));
  CHECK_THROWS_WITH(parse_script("+-1 wait\n", "s.txt"), Catch::Contains("s.txt:1"));
  CHECK_THROWS_WITH(parse_script("+0 sync now\n", "s.txt"), Catch::Contains("takes no argument"));
}

TEST_CASE("clock: event local time or explicit offset") {
  const LocalTimeZone lux("Europe/Luxembourg");
  using namespace std::chrono;
  const auto expected = sys_days{year{2026} / 11 / 27} + hours{13} + minutes{5};
  CHECK(parse_clock("2026-11-27T14:05", lux) == expected);
  CHECK(parse_clock("2026-11-27T14:05:00", lux) == expected);
  CHECK(parse_clock("2026-11-27T13:05:00Z", lux) == expected);
  CHECK(parse_clock("2026-11-27T15:05:00+02:00", lux) == expected);
  CHECK_THROWS_AS(parse_clock("yesterday", lux), std::invalid_argument);
  CHECK_THROWS_AS(parse_clock("2026-02-30T10:00", lux), std::invalid_argument);
  CHECK_THROWS_AS(parse_clock("2026-11-27T25:00", lux), std::invalid_argument);
}
