#include <catch2/catch.hpp>

#include "domain/event.hpp"
#include "domain/local_time.hpp"

using namespace speedmeet;
using namespace std::chrono;

namespace {

LocalSeconds local(int y, unsigned m, unsigned d, int h, int min) {
  return local_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min};
}

}  // namespace

TEST_CASE("Luxembourg local time in winter and summer") {
  const LocalTimeZone lux("Europe/Luxembourg");
  const Instant winter = lux.to_utc(local(2026, 11, 27, 14, 0));
  CHECK(to_unix(winter) == to_unix(sys_days{year{2026} / 11 / 27} + hours{13}));
  CHECK(lux.format_hhmm(winter) == "14:00");
  CHECK(lux.format_offset(winter) == "+01:00");
  const Instant summer = lux.to_utc(local(2026, 6, 10, 9, 30));
  CHECK(to_unix(summer) == to_unix(sys_days{year{2026} / 6 / 10} + hours{7} + minutes{30}));
  CHECK(lux.format_iso_local(summer) == "2026-06-10T09:30:00");
}

TEST_CASE("local times that do not exist or repeat are refused") {
  const LocalTimeZone lux("Europe/Luxembourg");
  // 2026-03-29 02:30 does not exist (clocks jump 02:00 -> 03:00).
  CHECK_THROWS_WITH(lux.to_utc(local(2026, 3, 29, 2, 30)), Catch::Contains("does not exist"));
  // 2026-10-25 02:30 happens twice.
  CHECK_THROWS_WITH(lux.to_utc(local(2026, 10, 25, 2, 30)), Catch::Contains("ambiguous"));
}

TEST_CASE("unknown zones are refused by name") {
  CHECK_FALSE(is_known_time_zone("Europe/Atlantis"));
  CHECK(is_known_time_zone("America/Montreal"));
  CHECK_THROWS_WITH(LocalTimeZone("Mars/Olympus"), Catch::Contains("Mars/Olympus"));
}

TEST_CASE("a round across a daylight-saving change keeps its real length") {
  // Rounds are computed on UTC instants, so a 12-minute round is 12 minutes
  // even when the wall clock jumps during the event.
  const LocalTimeZone lux("Europe/Luxembourg");
  const Instant before = lux.to_utc(local(2026, 3, 29, 1, 55));
  const auto rounds = compute_rounds({before, 2, Minutes{12}, Minutes{3}});
  CHECK(rounds[1].starts_at - rounds[0].starts_at == minutes{15});
  CHECK(lux.format_hhmm(rounds[1].starts_at) == "03:10");
}
