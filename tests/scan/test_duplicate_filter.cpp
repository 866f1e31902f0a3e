// The same code within 3 s is reported once.
#include <catch2/catch.hpp>

#include <string>

#include "scan/duplicate_filter.hpp"

using namespace speedmeet::scan;
using std::chrono::milliseconds;

namespace {
const ScanTime t0 = ScanTime(std::chrono::hours(2));
ScanTime at(int ms) { return t0 + milliseconds(ms); }
}  // namespace

TEST_CASE("a code seen on consecutive frames is reported once", "[scan][dedupe]") {
  DuplicateFilter filter;
  int reported = 0;
  for (int frame = 0; frame < 300; ++frame) reported += filter.admit("SM1.a.b", at(frame * 33)) ? 1 : 0;
  CHECK(reported == 1);  // ten seconds in view, one scan
}

TEST_CASE("a code is reported again after 3 s out of sight", "[scan][dedupe]") {
  DuplicateFilter filter;
  CHECK(filter.admit("A", at(0)));
  CHECK_FALSE(filter.admit("A", at(2999)));
  CHECK_FALSE(filter.admit("A", at(5998)));  // 2999 ms after the last sighting
  CHECK(filter.admit("A", at(8998)));        // 3000 ms after it
}

TEST_CASE("different codes do not hide each other", "[scan][dedupe]") {
  DuplicateFilter filter;
  CHECK(filter.admit("A", at(0)));
  CHECK(filter.admit("B", at(10)));
  CHECK_FALSE(filter.admit("A", at(20)));
  CHECK_FALSE(filter.admit("B", at(30)));
}

TEST_CASE("a slightly older timestamp (another source) counts as a duplicate", "[scan][dedupe]") {
  DuplicateFilter filter;
  CHECK(filter.admit("A", at(1000)));
  CHECK_FALSE(filter.admit("A", at(990)));
}

TEST_CASE("memory stays bounded under a flood of distinct codes", "[scan][dedupe]") {
  DuplicateFilter filter(std::chrono::seconds(3), 8);
  for (int i = 0; i < 100; ++i) CHECK(filter.admit("code-" + std::to_string(i), at(i)));
  // The oldest were forgotten to make room: reported again.
  CHECK(filter.admit("code-0", at(200)));
  CHECK_FALSE(filter.admit("code-99", at(200)));
}
