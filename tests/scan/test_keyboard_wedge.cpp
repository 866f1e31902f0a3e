// Keyboard-wedge scanners: bursts become scans, people typing do not
// (unless the screen accepts typing), noise around a burst is dropped.
#include <catch2/catch.hpp>

#include <algorithm>
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

// --- Keys timed when typed, not when handled (issue 12, point 7) ---------
//
// A kiosk's event loop, simulated: a scanner types `code` and Enter, one key
// every `type_ms`. The loop reads every key then waiting (SDL stamps each
// with that moment) and handles them `handle_ms` apart, then looks again at
// once; when none is waiting it has seen silence, polls the wedge and waits
// `look_ms` — or, in [busy_from, busy_to), draws a frame under load. Keys
// are timed by their stamps through a KeystrokeClock, or (`by_handling`)
// the way the kiosk once did, by when each was handled.
namespace {

struct Loop {
  int type_ms = 5;
  int look_ms = 3;
  int handle_ms = 0;
  int busy_from = -1, busy_to = -1;
  bool by_handling = false;
};

std::vector<WedgeScan> run_loop(KeyboardWedge& wedge, const std::string& code, const Loop& loop) {
  std::vector<WedgeScan> scans;
  KeystrokeClock clock;
  const std::size_t keys = code.size() + 1;  // the last one is Enter
  auto typed_at = [&](std::size_t i) { return static_cast<int>(i) * loop.type_ms; };
  std::size_t next = 0;
  int end = typed_at(keys) + 200;  // and 200 ms after the last key is handled
  for (int t = 0; next < keys || t < end;) {
    if (next < keys && typed_at(next) <= t) {
      int handled = t;
      for (; next < keys && typed_at(next) <= t; ++next, handled += loop.handle_ms) {
        const KeyTime when = loop.by_handling ? KeyTime(at(handled)) : clock.typed(at(t));
        auto scan = next < code.size() ? wedge.text(std::string(1, code[next]), when) : wedge.key(WedgeKey::enter, when);
        if (scan) scans.push_back(*scan);
      }
      t = handled;
      end = std::max(end, t + 200);
      continue;
    }
    clock.saw_no_input(at(t));
    if (auto scan = wedge.poll(at(t))) scans.push_back(*scan);
    t += loop.look_ms;
    if (t >= loop.busy_from && t < loop.busy_to) t = loop.busy_to;
  }
  return scans;
}

std::string code_of(std::size_t length) {
  std::string code = "SM1.";
  while (code.size() < length) code += static_cast<char>('A' + code.size() % 26);
  return code;
}

}  // namespace

TEST_CASE("a busy spell in the middle of a 99-character burst loses nothing", "[scan][wedge][timing]") {
  const std::string code = code_of(99);
  Loop loop;
  loop.busy_from = 200;  // after 40 keys, the loop draws for 80 ms: 16 keys wait
  loop.busy_to = 280;
  KeyboardWedge wedge;
  auto scans = run_loop(wedge, code, loop);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].text == code);
  CHECK(wedge.discarded() == 0);
  // Timed when handled, the 80 ms look like a pause between two bursts and
  // the code loses its first 40 characters — what a real window did.
  loop.by_handling = true;
  KeyboardWedge old;
  scans = run_loop(old, code, loop);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].text == code.substr(40));
}

TEST_CASE("keys stamped close together but handled slowly are one burst", "[scan][wedge][timing]") {
  // The loop falls behind: each key takes 40 ms to handle (a check-in's
  // commit on a slow disk, a busy machine), so handling runs far behind
  // the 5 ms typing; the stamps still say 5 ms, or nothing in between.
  const std::string code = code_of(99);
  Loop loop;
  loop.handle_ms = 40;
  KeyboardWedge wedge;
  auto scans = run_loop(wedge, code, loop);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].text == code);
  loop.by_handling = true;
  KeyboardWedge old;
  CHECK(run_loop(old, code, loop).empty());  // every key looked 40 ms after the last: no burst at all
}

TEST_CASE("a pause the kiosk saw still breaks a burst", "[scan][wedge][timing]") {
  // Stray keys, 100 ms of silence seen by the loop, then a burst: only the
  // burst is the scan, as before.
  KeystrokeClock clock;
  KeyboardWedge wedge;
  CHECK_FALSE(wedge.text("x", clock.typed(at(0))));
  CHECK_FALSE(wedge.text("y", clock.typed(at(5))));
  for (int t = 8; t < 110; t += 10) clock.saw_no_input(at(t));
  int t = 110;
  for (char c : std::string("CODE-1234")) CHECK_FALSE(wedge.text(std::string(1, c), clock.typed(at(t += 4))));
  const auto scan = wedge.key(WedgeKey::enter, clock.typed(at(t + 4)));
  REQUIRE(scan);
  CHECK(scan->text == "CODE-1234");
  CHECK(wedge.discarded() == 1);
}

TEST_CASE("a silence-terminated burst read after a busy spell ends only after silence", "[scan][wedge][timing]") {
  // No suffix: the scan ends when the kiosk has seen max_gap of silence
  // after the last key, counted from when that key was read, not from the
  // silence before the busy spell.
  WedgeSettings settings;
  settings.terminator = WedgeTerminator::silence;
  KeyboardWedge wedge(settings);
  KeystrokeClock clock;
  const std::string code = code_of(40);
  for (int i = 0; i < 20; ++i) CHECK_FALSE(wedge.text(std::string(1, code[static_cast<std::size_t>(i)]), clock.typed(at(i * 5))));
  clock.saw_no_input(at(96));
  CHECK_FALSE(wedge.poll(at(96)));
  // Busy from 96 to 200: the other 20 keys, typed by 195, are read at 200.
  for (int i = 20; i < 40; ++i) CHECK_FALSE(wedge.text(std::string(1, code[static_cast<std::size_t>(i)]), clock.typed(at(200))));
  clock.saw_no_input(at(201));
  CHECK_FALSE(wedge.poll(at(201)));
  const auto scan = wedge.poll(at(240));
  REQUIRE(scan);
  CHECK(scan->text == code);
}

TEST_CASE("the keystroke clock: after the last silence seen, never after the stamp", "[scan][wedge][timing]") {
  KeystrokeClock clock;
  // Nothing known yet: the stamp.
  KeyTime k = clock.typed(at(100));
  CHECK(k.earliest == at(100));
  CHECK(k.latest == at(100));
  // Read together after a busy spell: no earlier than the key before.
  k = clock.typed(at(300));
  CHECK(k.earliest == at(100));
  CHECK(k.latest == at(300));
  // Silence seen at 310: the next key was typed after it.
  clock.saw_no_input(at(310));
  k = clock.typed(at(320));
  CHECK(k.earliest == at(310));
  CHECK(k.latest == at(320));
  // A silence reported late (older than the key's stamp) never moves a key past its stamp.
  clock.saw_no_input(at(500));
  k = clock.typed(at(450));
  CHECK(k.earliest == at(450));
  CHECK(k.latest == at(450));
}
