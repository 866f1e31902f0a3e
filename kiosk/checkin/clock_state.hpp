#pragma once
// How far the kiosk trusts its clock (docs/CHECKIN.md, "The kiosk's
// clock"). Pure: the app measures and persists; the core only asks whether
// it may decide at all.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/event.hpp"
#include "domain/time.hpp"

namespace speedmeet::kiosk {

// Why the kiosk believes its time: never confirmed, a sync measured its
// offset to the server (since this boot), a staff member confirmed it on
// the staff panel, or a headless script set it (--clock, the demo).
enum class ClockTrust { unconfirmed, synced, staff, pinned };
std::string_view to_string(ClockTrust trust);

struct ClockState {
  ClockTrust trust = ClockTrust::unconfirmed;
  // Corrected minus device time, applied to everything the kiosk decides;
  // nullopt: no offset known, the device's clock is used as it reads.
  std::optional<std::int64_t> offset_ms;
  std::int64_t rtt_ms = 0;    // the round trip of the measurement behind offset_ms
  std::string confirmed_by;   // ClockTrust::staff: the staff member's name
  bool operator==(const ClockState&) const = default;
};

// The event's days in its own time zone: from midnight before its first
// round starts to midnight after its last round ends.
struct EventDays {
  Instant from;
  Instant until;  // exclusive
  bool contains(Instant t) const { return from <= t && t < until; }
};
EventDays event_days(const Event& event);

// "Clock not set": a clock nobody confirmed that reads outside the event's
// days decides nothing (a Raspberry Pi without network boots in the past).
bool clock_not_set(const ClockState& clock, const EventDays& days, Instant now);

}  // namespace speedmeet::kiosk
