#include "central_schedule.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>

#include "domain/validation.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/journal.hpp"
#include "store/transaction.hpp"

namespace speedmeet::schedule {
namespace {

Event require_event(store::EventStore& events) {
  auto event = events.load_event();
  if (!event) throw ScheduleError("the database has no event yet; run speedmeet init first");
  return *event;
}

std::vector<Participant> roster_of(store::EventStore& events) {
  std::vector<Participant> roster;
  for (auto& record : events.participants()) roster.push_back(std::move(record.participant));
  return roster;
}

void require_valid(const std::vector<Meeting>& meetings, const Event& event, const char* what) {
  const auto problems = validate_schedule(meetings, event.round_count(), event.table_count());
  if (!problems.empty())
    throw std::logic_error(std::string(what) + " would leave an invalid schedule: " + problems.front().message);
}

}  // namespace

WrittenSchedule schedule_event(store::Database& db, const ScheduleOptions& options) {
  store::Transaction tx(db);
  store::EventStore events(db);
  const Event event = require_event(events);
  // Check-ins name meetings by id; a new schedule would leave them pointing
  // at nothing (or at someone else's meeting) in the middle of the day.
  if (const std::int64_t checkins = events.meeting_checkins(); checkins > 0)
    throw ScheduleError("the event has begun: " + std::to_string(checkins) +
                        " meeting check-ins refer to the current schedule, so it can no longer be replaced; "
                        "no-shows are re-matched with speedmeet rematch");
  ScheduleRequest request;
  request.mode = options.mode;
  request.participants = roster_of(events);
  request.wishes = events.wishes();
  request.event_rounds = event.round_count();
  request.tables = event.table_count();
  request.rounds = options.rounds;
  request.fixed_tables = options.fixed_tables;
  request.seed = options.seed;

  WrittenSchedule out{make_schedule(request), static_cast<int>(events.meetings().size())};
  require_valid(out.result.meetings, event, "the new schedule");
  out.result.meetings = events.replace_meetings(out.result.meetings, "schedule");
  tx.commit();
  return out;
}

presence::Presence read_presence(store::Database& db) {
  store::EventStore events(db);
  std::vector<Meeting> every = events.meetings();
  const std::vector<Meeting> replaced = events.replaced_meetings();
  every.insert(every.end(), replaced.begin(), replaced.end());
  return presence::Presence(every, store::read_arrival_rows(db));
}

RematchOutcome rematch_round(store::Database& db, int round) {
  store::EventStore events(db);
  const Event event = require_event(events);
  if (round < 1 || round > event.round_count())
    throw ScheduleError("round " + std::to_string(round) + " is outside the event's rounds 1-" +
                        std::to_string(event.round_count()));
  const std::vector<Participant> roster = roster_of(events);
  const std::vector<Meeting> schedule = events.meetings();

  RematchOutcome out;
  out.round = round;
  std::set<std::string> staff;
  for (const Participant& p : roster)
    if (p.role == Role::staff) staff.insert(p.id);
  // People the desk marked as gone (staff console) are placed no more.
  for (auto st = db.prepare("SELECT participant_id FROM departures"); st.step();) staff.insert(st.text(0));
  out.standby = presence::find_standby(round, schedule, read_presence(db), staff);
  const Rematch plan = plan_rematch(round, out.standby, roster, events.wishes(), schedule);
  out.unpaired = plan.unpaired;
  if (plan.meetings.empty()) return out;

  std::vector<Meeting> after;
  for (const Meeting& m : schedule) {
    if (std::binary_search(plan.replaced.begin(), plan.replaced.end(), m.id))
      out.replaced.push_back(m);
    else
      after.push_back(m);
  }
  after.insert(after.end(), plan.meetings.begin(), plan.meetings.end());
  require_valid(after, event, "the re-match");
  events.retire_meetings(plan.replaced, std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
  out.added = events.add_meetings(plan.meetings, "rematch");
  return out;
}

}  // namespace speedmeet::schedule
