#pragma once
// The scheduler against the central database: the entry points of
// `speedmeet schedule` and `speedmeet rematch`, and of the server's automatic
// re-match after each round's grace period.
#include <string>
#include <vector>

#include "schedule/rematch.hpp"
#include "schedule/scheduler.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::schedule {

struct ScheduleOptions {
  Mode mode = Mode::min_rounds;
  std::optional<int> rounds;
  bool fixed_tables = false;
  std::uint64_t seed = 1;
};

struct WrittenSchedule {
  ScheduleResult result;
  int replaced = 0;  // meetings the old schedule had
};

// Builds the schedule from the event, roster and wishes and replaces the
// whole schedule with it (origin 'schedule') in one transaction. Throws
// ScheduleError (nothing changed) when the request cannot be met.
WrittenSchedule schedule_event(store::Database& db, const ScheduleOptions& options);

// Presence as the central database's journal says it (presence::Presence
// over the schedule and the meetings re-matches replaced).
presence::Presence read_presence(store::Database& db);

struct RematchOutcome {
  int round = 0;
  std::vector<Standby> standby;
  std::vector<Meeting> added;     // stored, with ids, origin 'rematch'
  std::vector<Meeting> replaced;  // the stood-up meetings removed from the schedule
  std::vector<std::string> unpaired;
};

// Finds the round's standby attendees (presence::find_standby), pairs them
// (plan_rematch) and stores the new meetings in place of the stood-up ones.
// Runs inside the caller's write transaction: it neither begins nor commits
// one. Idempotent: a re-matched pair is final for its round and presence
// carries over to it, so calling it again for the same round only pairs
// attendees who stood by since (late arrivals). Throws ScheduleError for a
// round the event lacks.
RematchOutcome rematch_round(store::Database& db, int round);

}  // namespace speedmeet::schedule
