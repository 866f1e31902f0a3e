#include "clock_state.hpp"

#include <chrono>

#include "domain/local_time.hpp"

namespace speedmeet::kiosk {

std::string_view to_string(ClockTrust trust) {
  switch (trust) {
    case ClockTrust::unconfirmed: return "unconfirmed";
    case ClockTrust::synced: return "synced";
    case ClockTrust::staff: return "staff";
    case ClockTrust::pinned: return "pinned";
  }
  return "unconfirmed";
}

EventDays event_days(const Event& event) {
  if (event.rounds.empty()) return {};
  const LocalTimeZone zone(event.timezone);
  const Instant first = event.rounds.front().starts_at;
  const Instant last = event.rounds.back().ends_at;
  // Midnights at the offsets of the first start and the last end: a
  // daylight-saving change inside the event's days moves them by an hour
  // at most, and never makes a midnight that does not exist a problem.
  const auto local_first = zone.to_local(first);
  const auto local_last = zone.to_local(last);
  const auto since_midnight = local_first - std::chrono::floor<std::chrono::days>(local_first);
  const auto until_midnight = std::chrono::floor<std::chrono::days>(local_last) + std::chrono::days{1} - local_last;
  return {first - since_midnight, last + until_midnight};
}

bool clock_not_set(const ClockState& clock, const EventDays& days, Instant now) {
  return clock.trust == ClockTrust::unconfirmed && !days.contains(now);
}

}  // namespace speedmeet::kiosk
