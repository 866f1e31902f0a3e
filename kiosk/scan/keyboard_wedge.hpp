#pragma once
// USB barcode scanners that pretend to be keyboards ("keyboard wedge") type
// the code as a burst of key presses a few milliseconds apart, then Enter.
// This assembles those bursts into scans from timestamped key events (the
// kiosk's SDL layer feeds it), and tells them apart from people typing:
// human keystrokes are 100+ ms apart. Pure logic, no I/O.
//
// Every gap is judged on when keys were typed, never on when the kiosk got
// round to them: a kiosk busy drawing a frame (or descheduled on a loaded
// machine) finds several keys waiting at once, and timing them by their
// handling made a 99-character code lose its first characters — the keys
// typed 5 ms apart looked 40 ms apart across the busy spell. KeystrokeClock
// turns what the kiosk can observe into those times.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "scan/scan_time.hpp"

namespace speedmeet::scan {

enum class WedgeKey {
  enter,      // Return / keypad Enter
  tab,
  backspace,
  escape,
  other,      // Shift, Ctrl, arrows...: scanners press Shift for capitals, so these never break a burst
};

enum class WedgeTerminator {
  enter,    // the factory default of most scanners
  tab,
  silence,  // scanner configured without suffix: the burst ends after max_gap of silence (see poll)
};

struct WedgeSettings {
  WedgeTerminator terminator = WedgeTerminator::enter;
  std::chrono::milliseconds max_gap{30};  // longest pause between keys of one burst
  // Demo and staff screens: slow human typing ending in Enter is a scan too.
  bool accept_typing = false;
  // A typed entry forgotten for this long is dropped when the next key comes.
  std::chrono::milliseconds typing_timeout{20000};
  std::size_t min_length = 3;    // shorter bursts are stray keys, not codes
  std::size_t max_length = 512;  // longer input is discarded up to the next terminator
};

struct WedgeScan {
  std::string text;  // UTF-8, as typed
  ScanTime started{};
  ScanTime finished{};
  bool typed = false;  // slow human typing (only with accept_typing), not a scanner burst
};

// When a key was typed, as a span: not before `earliest`, not after
// `latest`. A test or a source that knows the exact moment gives one
// ScanTime (both ends equal).
struct KeyTime {
  ScanTime earliest{};
  ScanTime latest{};
  KeyTime() = default;
  KeyTime(ScanTime at) : earliest(at), latest(at) {}  // NOLINT: a moment is a span of zero length
  KeyTime(ScanTime earliest_, ScanTime latest_) : earliest(earliest_), latest(std::max(earliest_, latest_)) {}
};

// When each key was typed, as far as the kiosk can tell. SDL 2 stamps an
// event when it reads it from the display server (SDL_PushEvent sets the
// timestamp to SDL_GetTicks()), not when the key went down: keys typed
// while the kiosk was busy are all read, and stamped, at the end of the busy
// spell. What is known for sure: a key was typed after the last moment the
// kiosk looked and found no key waiting, not before the key before it, and
// not after its event's stamp. The wedge measures a gap from the latest
// moment of one key to the earliest of the next — the silence the kiosk
// actually saw: a busy spell never breaks a burst, a real pause still does.
class KeystrokeClock {
 public:
  // The kiosk looked for input at `at` and none was waiting (the event
  // queue came back empty).
  void saw_no_input(ScanTime at);
  // The span of a key whose event was stamped `stamped`.
  KeyTime typed(ScanTime stamped);

 private:
  std::optional<ScanTime> last_silence_;
  std::optional<ScanTime> last_earliest_;
};

class KeyboardWedge {
 public:
  KeyboardWedge() = default;
  explicit KeyboardWedge(WedgeSettings settings) : settings_(settings) {}

  // Text input (SDL_TEXTINPUT): one or more UTF-8 characters typed at `at`
  // (see KeystrokeClock; `at` only grows).
  std::optional<WedgeScan> text(std::string_view utf8, KeyTime at);
  // A non-text key (SDL_KEYDOWN). The terminator may complete a scan.
  std::optional<WedgeScan> key(WedgeKey key, KeyTime at);
  // Call now and then (every UI frame), when no key is waiting: completes a
  // burst when the terminator is `silence`, and forgets stale typed input.
  std::optional<WedgeScan> poll(ScanTime now);

  // Input that was not a scan and was dropped: diagnostics and tests.
  std::size_t discarded() const { return discarded_; }

 private:
  std::optional<WedgeScan> finish(ScanTime at);
  void clear();
  bool burst_long_enough() const;
  std::optional<WedgeScan> take(std::size_t from, ScanTime at, bool typed);

  WedgeSettings settings_;
  std::string buffer_;
  std::size_t burst_start_ = 0;  // where the current fast run began in buffer_
  ScanTime buffer_started_{};
  ScanTime burst_started_{};
  ScanTime last_key_{};  // the latest moment the last key can have been typed
  bool overflow_ = false;
  std::size_t discarded_ = 0;
};

}  // namespace speedmeet::scan
