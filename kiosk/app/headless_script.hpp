#pragma once
// The script that drives a headless kiosk (tests, benchmarks, reviewers):
//
//   # comment
//   +0    scan  SM1.xxxx.yyyy      a scanner read this text
//   +2.5  image badge.png          the camera saw this picture
//   +1    key   enter              up | down | enter | escape | backspace | board | sync
//   +1    type  Marc               text typed on a keyboard: goes to the staff panel's search
//                                  field when it is open, is ignored elsewhere
//   +0    clock 2026-11-27T14:05   set the simulated clock (event local time, or with Z / +01:00)
//   +30   wait                     let time pass (screens time out)
//   +0    sync                     push then pull now (kiosk.toml names a server) and wait
//                                  until that finishes or fails; prints the sync status as
//                                  one JSON line
//   +0    stall 30                 the main loop stops for 30 real seconds, sending no
//                                  watchdog pings (tests of the systemd watchdog)
//
// "+SECONDS" is the simulated time since the previous line (fractions allowed).
#include <optional>
#include <string>
#include <vector>

#include "domain/local_time.hpp"

namespace speedmeet::kiosk {

struct ScriptAction {
  enum class Type { scan, image, key, type, clock, wait, sync, stall };
  int line = 0;
  double delay_seconds = 0;
  Type type = Type::wait;
  std::string argument;
};

// Throws InputError naming the line on any bad line.
std::vector<ScriptAction> parse_script(const std::string& text, const std::string& file);

// "2026-11-27T14:05[:00]" in the event's zone, or with "Z" / "+01:00".
// Throws std::invalid_argument with a readable message.
std::chrono::sys_time<std::chrono::milliseconds> parse_clock(const std::string& text, const LocalTimeZone& zone);

}  // namespace speedmeet::kiosk
