#pragma once
// No-show re-match, without the database: after a round's grace period,
// attendees whose partner did not come (presence::find_standby) are paired
// with each other at the tables the no-shows freed.
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/event.hpp"
#include "presence/presence.hpp"

namespace speedmeet::schedule {

using presence::Standby;

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
