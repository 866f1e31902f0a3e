#pragma once
// No-show re-match, without the database: after a round's grace period,
// attendees whose partner did not come are paired with each other at the
// tables the no-shows freed.
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/event.hpp"

namespace speedmeet::schedule {

// What the journal says, reduced to what re-matching needs.
struct Attendance {
  std::set<std::string> at_venue;                             // has an entrance (or any) check-in
  std::set<std::pair<std::int64_t, std::string>> checked_in;  // (meeting id, participant): came to that meeting
};

struct Standby {
  std::string participant;
  Meeting meeting;  // their meeting in the round; the partner did not check in for it
};

// Standby in `round`: has a meeting in it, is at the venue, and the partner
// has not checked in for that meeting. An attendee who has not checked in
// for it either counts only when the partner never reached the venue: two
// partners both at the venue and both unscanned are presumed to sit together.
// Staff never count. Sorted by participant id.
std::vector<Standby> find_standby(int round, const std::vector<Meeting>& schedule, const Attendance& attendance,
                                  const std::vector<Participant>& roster);

struct Rematch {
  std::vector<Meeting> meetings;       // new meetings in the round (id 0)
  std::vector<std::int64_t> replaced;  // the stood-up meetings they replace
  std::vector<std::string> unpaired;   // standby attendees left without a partner
};

// Pairs standby attendees: as many pairs as possible and, among those, the
// most wish weight (wish_weight, both directions). Pairs without a wish are
// company × project only; never two people who have any meeting together in
// the schedule, before, in or after this round. A pair sits at the
// company's freed table (else the lower-numbered one); both stood-up
// meetings are replaced. Exact for the usual company × project case (a
// min-cost flow) and for up to 16 standby attendees otherwise; greedy beyond.
Rematch plan_rematch(int round, const std::vector<Standby>& standby, const std::vector<Participant>& roster,
                     const std::vector<Wish>& wishes, const std::vector<Meeting>& schedule);

}  // namespace speedmeet::schedule
