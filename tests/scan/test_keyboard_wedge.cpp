// Keyboard-wedge scanners: bursts become scans, people typing do not
// (unless the screen accepts typing), noise around a burst is dropped.
#include <catch2/catch.hpp>

#include <string>

#include "scan/keyboard_wedge.hpp"

using namespace speedmeet::scan;
using std::chrono::milliseconds;

namespace {

const ScanTime t0 = ScanTime(std::chrono::hours(1));
ScanTime at(int ms) { return t0 + milliseconds(ms); }

// Types `text` one character every `gap_ms`, starting at `start_ms`; returns
// the time of the last key. Scans completed on the way go to `out`.
int type(KeyboardWedge& wedge, const std::string& text, int start_ms, int gap_ms, std::vector<WedgeScan>* out = nullptr) {
  int t = start_ms;
  for (std::size_t i = 0; i < text.size(); ++i, t += gap_ms) {
    auto scan = wedge.text(std::string(1, text[i]), at(t));
    if (scan && out) out->push_back(*scan);
  }
  return t - gap_ms;
}

const std::string kCode = "SM1.ZXZlbnQtMjAyNi5QMDcuMQ.c2lnbmF0dXJl";

}  // namespace

TEST_CASE("a fast burst ending in Enter is one scan", "[scan][wedge]") {
  KeyboardWedge wedge;
  const int last = type(wedge, kCode, 0, 4);
  const auto scan = wedge.key(WedgeKey::enter, at(last + 5));
  REQUIRE(scan);
  CHECK(scan->text == kCode);
  CHECK_FALSE(scan->typed);
  CHECK(scan->started == at(0));
  CHECK(scan->finished == at(last + 5));
  CHECK(wedge.discarded() == 0);
}

TEST_CASE("two bursts in a row give two scans", "[scan][wedge]") {
  KeyboardWedge wedge;
  int last = type(wedge, "FIRST-CODE", 0, 3);
  const auto first = wedge.key(WedgeKey::enter, at(last + 3));
  last = type(wedge, "SECOND-CODE", last + 500, 3);
  const auto second = wedge.key(WedgeKey::enter, at(last + 3));
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->text == "FIRST-CODE");
  CHECK(second->text == "SECOND-CODE");
}

TEST_CASE("gaps right at the limit still make a burst; one gap beyond breaks it", "[scan][wedge]") {
  KeyboardWedge wedge;  // default max gap 30 ms
  int last = type(wedge, "ABCDEF", 0, 30);
  auto scan = wedge.key(WedgeKey::enter, at(last + 30));
  REQUIRE(scan);
  CHECK(scan->text == "ABCDEF");

  last = type(wedge, "ABC", 1000, 10);
  last = type(wedge, "DEF", last + 31, 10);  // one 31 ms pause in the middle
  scan = wedge.key(WedgeKey::enter, at(last + 10));
  REQUIRE(scan);
  CHECK(scan->text == "DEF");  // only the last fast run: the start was dropped
}

TEST_CASE("slow human typing is not a scan by default", "[scan][wedge]") {
  KeyboardWedge wedge;
  const int last = type(wedge, "P07", 0, 180);
  CHECK_FALSE(wedge.key(WedgeKey::enter, at(last + 200)));
  CHECK(wedge.discarded() > 0);
  // ...and leaves nothing behind that would glue onto the next real scan.
  const int next = type(wedge, kCode, last + 2000, 5);
  const auto scan = wedge.key(WedgeKey::enter, at(next + 5));
  REQUIRE(scan);
  CHECK(scan->text == kCode);
}

TEST_CASE("slow typing is accepted where configured, and marked typed", "[scan][wedge]") {
  WedgeSettings settings;
  settings.accept_typing = true;
  KeyboardWedge wedge(settings);
  int last = type(wedge, "P07", 0, 180);
  CHECK_FALSE(wedge.key(WedgeKey::backspace, at(last + 150)));
  last = type(wedge, "8", last + 300, 180);
  const auto scan = wedge.key(WedgeKey::enter, at(last + 400));
  REQUIRE(scan);
  CHECK(scan->text == "P08");
  CHECK(scan->typed);
  CHECK(scan->started == at(0));
}

TEST_CASE("with typing accepted, a scanner burst still wins over stray keys before it", "[scan][wedge]") {
  WedgeSettings settings;
  settings.accept_typing = true;
  KeyboardWedge wedge(settings);
  int last = type(wedge, "xy", 0, 200);                // someone leaned on the keyboard
  last = type(wedge, kCode, last + 700, 4);            // then a badge was scanned
  const auto scan = wedge.key(WedgeKey::enter, at(last + 4));
  REQUIRE(scan);
  CHECK(scan->text == kCode);
  CHECK_FALSE(scan->typed);
}

TEST_CASE("Enter long after a burst is a person pressing Enter, not the scanner", "[scan][wedge]") {
  KeyboardWedge wedge;
  const int last = type(wedge, kCode, 0, 4);
  CHECK_FALSE(wedge.key(WedgeKey::enter, at(last + 400)));
}

TEST_CASE("Enter with nothing before it, or a too short burst, is no scan", "[scan][wedge]") {
  KeyboardWedge wedge;
  CHECK_FALSE(wedge.key(WedgeKey::enter, at(0)));
  const int last = type(wedge, "ab", 100, 5);
  CHECK_FALSE(wedge.key(WedgeKey::enter, at(last + 5)));
}

TEST_CASE("Shift and other non-text keys inside a burst do not break it", "[scan][wedge]") {
  KeyboardWedge wedge;
  int t = 0;
  for (char c : std::string("AbC-123")) {
    CHECK_FALSE(wedge.key(WedgeKey::other, at(t)));
    CHECK_FALSE(wedge.text(std::string(1, c), at(t + 1)));
    t += 5;
  }
  const auto scan = wedge.key(WedgeKey::enter, at(t));
  REQUIRE(scan);
  CHECK(scan->text == "AbC-123");
}

TEST_CASE("a Tab terminator ends scans; Enter still does", "[scan][wedge]") {
  WedgeSettings settings;
  settings.terminator = WedgeTerminator::tab;
  KeyboardWedge wedge(settings);
  int last = type(wedge, "CODE-TAB", 0, 4);
  auto scan = wedge.key(WedgeKey::tab, at(last + 4));
  REQUIRE(scan);
  CHECK(scan->text == "CODE-TAB");
  last = type(wedge, "CODE-ENTER", 100, 4);
  scan = wedge.key(WedgeKey::enter, at(last + 4));
  REQUIRE(scan);
  CHECK(scan->text == "CODE-ENTER");

  KeyboardWedge enter_only;
  last = type(enter_only, "CODE-TAB", 0, 4);
  CHECK_FALSE(enter_only.key(WedgeKey::tab, at(last + 4)));
}

TEST_CASE("a scanner without suffix: silence ends the burst", "[scan][wedge]") {
  WedgeSettings settings;
  settings.terminator = WedgeTerminator::silence;
  KeyboardWedge wedge(settings);
  const int last = type(wedge, kCode, 0, 4);
  CHECK_FALSE(wedge.poll(at(last + 20)));  // still within the gap: more may come
  const auto scan = wedge.poll(at(last + 40));
  REQUIRE(scan);
  CHECK(scan->text == kCode);
  CHECK(scan->finished == at(last));

  // The next burst arriving before any poll also closes the previous one.
  int end = type(wedge, "FIRST-CODE", 1000, 4);
  std::vector<WedgeScan> scans;
  end = type(wedge, "SECOND-CODE", end + 100, 4, &scans);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].text == "FIRST-CODE");
  const auto second = wedge.poll(at(end + 100));
  REQUIRE(second);
  CHECK(second->text == "SECOND-CODE");

  // A lone key followed by silence is dropped.
  wedge.text("k", at(5000));
  CHECK_FALSE(wedge.poll(at(5100)));
}

TEST_CASE("text events with several characters and UTF-8 keep the text intact", "[scan][wedge]") {
  KeyboardWedge wedge;
  CHECK_FALSE(wedge.text("Zoë-", at(0)));
  CHECK_FALSE(wedge.text("Ĳssel", at(3)));
  const auto scan = wedge.key(WedgeKey::enter, at(6));
  REQUIRE(scan);
  CHECK(scan->text == "Zoë-Ĳssel");
}

TEST_CASE("Backspace removes a whole UTF-8 character from typed input", "[scan][wedge]") {
  WedgeSettings settings;
  settings.accept_typing = true;
  KeyboardWedge wedge(settings);
  wedge.text("Z", at(0));
  wedge.text("é", at(200));
  wedge.key(WedgeKey::backspace, at(400));
  wedge.text("e", at(600));
  const auto scan = wedge.key(WedgeKey::enter, at(800));
  REQUIRE(scan);
  CHECK(scan->text == "Ze");
}

TEST_CASE("Escape abandons the entry", "[scan][wedge]") {
  KeyboardWedge wedge;
  const int last = type(wedge, kCode, 0, 4);
  wedge.key(WedgeKey::escape, at(last + 2));
  CHECK_FALSE(wedge.key(WedgeKey::enter, at(last + 4)));
}

TEST_CASE("over-long input is discarded up to the terminator, then scanning resumes", "[scan][wedge]") {
  WedgeSettings settings;
  settings.max_length = 16;
  KeyboardWedge wedge(settings);
  int last = type(wedge, std::string(40, 'A'), 0, 2);
  CHECK_FALSE(wedge.key(WedgeKey::enter, at(last + 2)));
  last = type(wedge, "SHORT-CODE", last + 500, 2);
  const auto scan = wedge.key(WedgeKey::enter, at(last + 2));
  REQUIRE(scan);
  CHECK(scan->text == "SHORT-CODE");
}

TEST_CASE("typed input forgotten for long is dropped", "[scan][wedge]") {
  WedgeSettings settings;
  settings.accept_typing = true;
  settings.typing_timeout = milliseconds(5000);
  KeyboardWedge wedge(settings);
  type(wedge, "P0", 0, 200);
  CHECK_FALSE(wedge.poll(at(3000)));
  CHECK_FALSE(wedge.poll(at(9000)));
  const auto scan = wedge.key(WedgeKey::enter, at(9100));
  CHECK_FALSE(scan);
}
