#pragma once
// A walk-in's seats, without the database: someone added on the day is
// placed in free seats of the rounds that have not started, next to the
// re-match's pairing (docs/SCHEDULING.md, "Walk-ins").
#include <set>
#include <string>
#include <vector>

#include "domain/event.hpp"

namespace speedmeet::schedule {

struct WalkInRequest {
  Participant person;            // the walk-in (their own arrives/leaves are respected)
  int first_round = 1;           // the first round that has not started
  int rounds = 0;                // the event's rounds
  int tables = 0;                // the event's tables
  std::vector<Participant> roster;  // everyone else who could be a partner
  std::vector<Wish> wishes;         // every wish, the walk-in's included
  std::vector<Meeting> schedule;    // the current schedule
  std::set<std::string> at_venue;   // people who have arrived: preferred partners
};

struct WalkInPlan {
  std::vector<Meeting> meetings;  // new meetings (id 0), by round
  std::vector<int> open_rounds;   // rounds first_round.. in which no seat or partner was found
};

// For each round from first_round on, at most one meeting: with someone who
// has no meeting in that round, at a table free in that round, company ×
// project unless a wish (either way) joins them, never twice with the same
// person nor with someone they already meet, never staff. The most meetings
// first; among as many, the most wish weight (their wishes first); then
// partners already at the venue. Exact (a min-cost flow of rounds onto
// partners). The table: the company's usual table when it is free that
// round (a walk-in company keeps its first table), else the lowest free one.
// A staff walk-in gets no meetings.
WalkInPlan plan_walk_in(const WalkInRequest& request);

}  // namespace speedmeet::schedule
