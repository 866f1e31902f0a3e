#pragma once
// A person added at the desk on the day (a walk-in): one transaction adds
// them with their first badge and places them in free seats of the rounds
// that have not started (schedule::plan_walk_in). `speedmeet walk-in` and the
// staff console's desk form both call add_walk_in. docs/SCHEDULING.md,
// "Walk-ins".
#include <string>
#include <vector>

#include "domain/event.hpp"
#include "domain/time.hpp"
#include "print/badge_render.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::organizer {

struct WalkInForm {
  std::string name;          // required, at most 100 characters
  std::string organization;  // at most 120 characters
  Role role = Role::project; // company or project (staff are imported)
  Language language = Language::en;
  std::string email;                // optional
  std::vector<std::string> wishes;  // participant ids they want to meet (priority 3, "must")
};

struct WalkInResult {
  ParticipantRecord person;    // the new id (W01, W02, ...), badge number, serial 1
  std::string badge_code;      // what their QR holds: an SM1 code signed with the event key
  print::BadgeFace badge;      // their badge, ready to print
  std::vector<Meeting> meetings;  // stored (with ids), by round; origin 'schedule'
  std::vector<int> open_rounds;   // coming rounds without a free seat or partner
  int first_round = 0;            // the first round not started at `now`; 0: every round has started
};

// Adds the walk-in as of `now`: the rounds starting after `now` are the ones
// they can be placed in. Everything or nothing is written. Throws
// InputError for a bad field (its file() is the field as a command-line
// option: "--name", "--wish"), std::runtime_error for a database without an
// event or signing key (a kiosk's copy).
WalkInResult add_walk_in(store::Database& db, const WalkInForm& form, Instant now);

// The next free walk-in id: W01 ... W99, then W100 ...
std::string next_walk_in_id(const std::vector<ParticipantRecord>& roster);

}  // namespace speedmeet::organizer
