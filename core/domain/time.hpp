#pragma once
// Instants are UTC, to the second. Local times exist only at the edges
// (event.toml in, screens and printouts out) through LocalTimeZone.
#include <chrono>

namespace speedmeet {

using Instant = std::chrono::sys_seconds;
using Minutes = std::chrono::minutes;
using Seconds = std::chrono::seconds;

inline std::int64_t to_unix(Instant t) { return t.time_since_epoch().count(); }
inline Instant from_unix(std::int64_t s) { return Instant{Seconds{s}}; }

}  // namespace speedmeet
