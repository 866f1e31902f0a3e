#pragma once
// USB barcode scanners that pretend to be keyboards ("keyboard wedge") type
// the code as a burst of key presses a few milliseconds apart, then Enter.
// This assembles those bursts into scans from timestamped key events (the
// kiosk's SDL layer feeds it), and tells them apart from people typing:
// human keystrokes are 100+ ms apart. Pure logic, no I/O.
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

class KeyboardWedge {
 public:
  KeyboardWedge() = default;
  explicit KeyboardWedge(WedgeSettings settings) : settings_(settings) {}

  // Text input (SDL_TEXTINPUT): one or more UTF-8 characters at `at`.
  std::optional<WedgeScan> text(std::string_view utf8, ScanTime at);
  // A non-text key (SDL_KEYDOWN). The terminator may complete a scan.
  std::optional<WedgeScan> key(WedgeKey key, ScanTime at);
  // Call now and then (every UI frame): completes a burst when the
  // terminator is `silence`, and forgets stale typed input.
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
  ScanTime last_key_{};
  bool overflow_ = false;
  std::size_t discarded_ = 0;
};

}  // namespace speedmeet::scan
