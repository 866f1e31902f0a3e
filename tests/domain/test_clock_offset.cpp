#include <catch2/catch.hpp>

#include "domain/clock_offset.hpp"

using namespace speedmeet;

TEST_CASE("the offset is the server's time against the device's at the middle of the round trip") {
  // Sent at device time 1,000; the answer came 200 ms later; the server read 10,100.
  const ClockSample s = measure_offset(1'000, 200, 10'100);
  CHECK(s.offset_ms == 9'000);
  CHECK(s.rtt_ms == 200);
  CHECK(measure_offset(0, -5, 50).rtt_ms == 0);  // a steady clock never goes back; a bad reading is 0
}

TEST_CASE("the best offset is the one with the shortest round trip; a clock set meanwhile drops the old ones") {
  OffsetFilter f;
  CHECK_FALSE(f.best());
  f.add({7'000'000, 300});
  f.add({7'000'100, 40});
  f.add({7'000'050, 120});
  CHECK(*f.best() == ClockSample{7'000'100, 40});
  // Two hours apart, far beyond either uncertainty: the device clock was set.
  f.add({100, 500});
  CHECK(f.size() == 1);
  CHECK(*f.best() == ClockSample{100, 500});
  for (int i = 0; i < 20; ++i) f.add({100 + i, 500 + i});
  CHECK(f.size() == OffsetFilter::kKept);
}

TEST_CASE("offsets are written for people") {
  CHECK(format_clock_offset(120) == "+0.12 s");
  CHECK(format_clock_offset(-7'200'000) == "-2:00:00");
  CHECK(format_clock_offset(7'199'000) == "+1:59:59");
  CHECK(format_clock_offset(86'400'000LL * 3 + 61'000) == "+3 d 00:01:01");
}
