#include "scan/keyboard_wedge.hpp"

#include <algorithm>

namespace speedmeet::scan {
namespace {

bool is_terminator(WedgeKey key, WedgeTerminator terminator) {
  if (key == WedgeKey::enter) return true;  // Enter always ends an entry, even for tab or silence scanners
  return key == WedgeKey::tab && terminator == WedgeTerminator::tab;
}

// Length of the last UTF-8 code point at the end of s.
std::size_t last_code_point_length(const std::string& s) {
  std::size_t n = 1;
  while (n < s.size() && (static_cast<unsigned char>(s[s.size() - n]) & 0xC0) == 0x80) ++n;
  return n;
}

}  // namespace

void KeystrokeClock::saw_no_input(ScanTime at) {
  if (!last_silence_ || at > *last_silence_) last_silence_ = at;
}

KeyTime KeystrokeClock::typed(ScanTime stamped) {
  // After the last silence seen and after the key before (keys come in the
  // order they were typed); with neither known, when SDL read it.
  ScanTime earliest = stamped;
  if (last_silence_ || last_earliest_)
    earliest = std::min(stamped, std::max(last_silence_.value_or(ScanTime::min()), last_earliest_.value_or(ScanTime::min())));
  last_earliest_ = earliest;
  return {earliest, stamped};
}

std::optional<WedgeScan> KeyboardWedge::text(std::string_view utf8, KeyTime typed) {
  if (utf8.empty()) return std::nullopt;
  std::optional<WedgeScan> done;
  // The gap as the typist made it, at least: from the latest moment the
  // last key can have been typed to the earliest this one can.
  const ScanTime at = typed.earliest;
  if ((!buffer_.empty() || overflow_) && at - last_key_ > settings_.max_gap) {
    const auto gap = at - last_key_;
    if (settings_.terminator == WedgeTerminator::silence && (overflow_ || burst_long_enough())) {
      done = finish(last_key_);  // no suffix: the pause ended the previous burst
    } else if (!settings_.accept_typing || gap > settings_.typing_timeout) {
      // The fast run is broken and nobody types here: drop it; this key may
      // start a new scanner burst.
      if (!buffer_.empty()) ++discarded_;
      clear();
    } else {
      burst_start_ = buffer_.size();  // typing goes on; a burst may start here
    }
  }
  if (buffer_.empty()) buffer_started_ = at;
  if (burst_start_ == buffer_.size()) burst_started_ = at;
  last_key_ = typed.latest;
  if (overflow_ || buffer_.size() + utf8.size() > settings_.max_length) {
    if (!overflow_) ++discarded_;
    overflow_ = true;
    buffer_.clear();
    burst_start_ = 0;
    return done;
  }
  buffer_.append(utf8);
  return done;
}

std::optional<WedgeScan> KeyboardWedge::key(WedgeKey key, KeyTime typed) {
  if (is_terminator(key, settings_.terminator)) return finish(typed.earliest);
  switch (key) {
    case WedgeKey::backspace:
      // Only people press Backspace: it edits typed input and breaks any burst.
      if (!buffer_.empty()) buffer_.resize(buffer_.size() - last_code_point_length(buffer_));
      burst_start_ = buffer_.size();
      last_key_ = typed.latest;
      return std::nullopt;
    case WedgeKey::escape:
      if (!buffer_.empty()) ++discarded_;
      clear();
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

std::optional<WedgeScan> KeyboardWedge::poll(ScanTime now) {
  if (buffer_.empty() && !overflow_) return std::nullopt;
  const auto idle = now - last_key_;
  if (settings_.terminator == WedgeTerminator::silence && idle > settings_.max_gap) {
    // No suffix: silence ends the burst. Typed input still waits for Enter.
    if (overflow_ || burst_long_enough()) return finish(last_key_);
    if (!settings_.accept_typing) {
      ++discarded_;
      clear();
    }
  }
  if (!buffer_.empty() && idle > settings_.typing_timeout) {
    ++discarded_;
    clear();
  }
  return std::nullopt;
}

bool KeyboardWedge::burst_long_enough() const { return buffer_.size() - burst_start_ >= settings_.min_length; }

std::optional<WedgeScan> KeyboardWedge::finish(ScanTime at) {
  if (overflow_) {
    clear();
    return std::nullopt;
  }
  if (buffer_.empty()) return std::nullopt;
  const bool terminated_in_burst = at - last_key_ <= settings_.max_gap;
  // A scanner burst: the last fast run, long enough, ended promptly. Slow
  // keys before it were someone else's fingers and are dropped.
  if (terminated_in_burst && burst_long_enough()) return take(burst_start_, at, false);
  if (settings_.accept_typing && buffer_.size() >= 1) return take(0, at, true);
  ++discarded_;
  clear();
  return std::nullopt;
}

std::optional<WedgeScan> KeyboardWedge::take(std::size_t from, ScanTime at, bool typed) {
  WedgeScan scan;
  scan.text = buffer_.substr(from);
  scan.started = from == 0 ? buffer_started_ : burst_started_;
  scan.finished = at;
  scan.typed = typed;
  if (from > 0) ++discarded_;
  clear();
  return scan;
}

void KeyboardWedge::clear() {
  buffer_.clear();
  burst_start_ = 0;
  overflow_ = false;
}

}  // namespace speedmeet::scan
