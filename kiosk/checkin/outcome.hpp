#pragma once
// What a scan means, as the kiosk tells it. Names match the JSON of
// --headless and the journal's outcome/reason columns.
#include <string_view>

namespace speedmeet::kiosk {

// no_meetings: a person with no meeting at all in the schedule (see the desk).
enum class Outcome { welcome, next, late, done, no_meetings, rejected, staff, ignored };
enum class Reason { none, unreadable, malformed, bad_signature, other_event, revoked, unknown };

std::string_view to_string(Outcome outcome);
std::string_view to_string(Reason reason);

// How the result screen and sound treat an outcome.
enum class Tone { ok, attention, error };
Tone tone_of(Outcome outcome);

}  // namespace speedmeet::kiosk
