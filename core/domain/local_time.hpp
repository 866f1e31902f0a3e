#pragma once
// The event's IANA time zone, for the edges where people read or write
// local times. Backed by the system tz database (tzdata).
#include <stdexcept>
#include <string>

#include "time.hpp"

namespace date { class time_zone; }

namespace speedmeet {

using LocalSeconds = std::chrono::local_seconds;

class LocalTimeZone {
 public:
  // Throws std::invalid_argument for a name the tz database does not know.
  explicit LocalTimeZone(const std::string& iana_name);

  // Throws std::invalid_argument for a local time that does not exist or is
  // ambiguous (daylight-saving change), naming it.
  Instant to_utc(LocalSeconds local) const;
  LocalSeconds to_local(Instant t) const;
  std::string format_hhmm(Instant t) const;         // "14:24"
  std::string format_iso_local(Instant t) const;    // "2026-11-27T14:24:00"
  std::string format_offset(Instant t) const;       // "+01:00"
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  const date::time_zone* zone_;
};

bool is_known_time_zone(const std::string& iana_name);

// An instant in UTC, ISO 8601 to the second: "2026-11-27T13:05:09Z".
std::string format_utc(Instant t);

// "2026-11-27T14:05" or "2026-11-27 14:05:30": local time in `zone`; with a
// "Z" or "+01:00" suffix, that offset. Throws std::invalid_argument with one
// sentence naming the text.
Instant parse_date_time(const std::string& text, const LocalTimeZone& zone);

}  // namespace speedmeet
