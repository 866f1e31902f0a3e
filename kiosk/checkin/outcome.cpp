#include "outcome.hpp"

namespace speedmeet::kiosk {

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::welcome: return "welcome";
    case Outcome::next: return "next";
    case Outcome::late: return "late";
    case Outcome::done: return "done";
    case Outcome::no_meetings: return "no_meetings";
    case Outcome::rejected: return "rejected";
    case Outcome::staff: return "staff";
    case Outcome::ignored: return "ignored";
  }
  return "?";
}

std::string_view to_string(Reason reason) {
  switch (reason) {
    case Reason::none: return "";
    case Reason::unreadable: return "unreadable";
    case Reason::malformed: return "malformed";
    case Reason::bad_signature: return "bad_signature";
    case Reason::other_event: return "other_event";
    case Reason::revoked: return "revoked";
    case Reason::unknown: return "unknown";
  }
  return "?";
}

Tone tone_of(Outcome outcome) {
  switch (outcome) {
    case Outcome::welcome:
    case Outcome::next:
    case Outcome::staff: return Tone::ok;
    case Outcome::late:
    case Outcome::done:
    case Outcome::no_meetings:
    case Outcome::ignored: return Tone::attention;
    case Outcome::rejected: return Tone::error;
  }
  return Tone::error;
}

}  // namespace speedmeet::kiosk
