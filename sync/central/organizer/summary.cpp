#include "summary.hpp"

#include <map>
#include <sstream>

#include "domain/agenda.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"

namespace speedmeet::organizer {

std::string format_summary(store::Database& db) {
  store::EventStore events(db);
  const auto event = events.load_event();
  if (!event) return "The database holds no event yet: run speedmeet init DB --event event.toml\n";
  const LocalTimeZone zone(event->timezone);
  std::ostringstream out;
  out << event->name << " (" << event->id << ")\n"
      << "  venue     " << event->venue << "\n"
      << "  timezone  " << event->timezone << " (UTC" << zone.format_offset(event->plan.first_start) << ")\n"
      << "  tables    " << event->table_count() << "\n"
      << "  rounds    " << event->round_count() << " x " << event->plan.round_length.count() << " min, "
      << event->plan.break_length.count() << " min breaks\n";

  std::map<Role, int> by_role;
  for (const auto& rec : events.participants()) ++by_role[rec.participant.role];
  out << "  people    " << by_role[Role::company] << " companies, " << by_role[Role::project]
      << " project holders, " << by_role[Role::staff] << " staff\n";
  const auto wishes = events.wishes();
  std::map<int, int> by_priority;
  for (const Wish& w : wishes) ++by_priority[w.priority];
  out << "  wishes    " << wishes.size() << " (must " << by_priority[3] << ", want " << by_priority[2] << ", nice "
      << by_priority[1] << ")\n";

  const auto meetings = events.meetings();
  const Agenda agenda(event->rounds, meetings);
  out << "\n  round  date        local time     meetings\n";
  for (const Round& r : event->rounds) {
    const auto local_date = zone.format_iso_local(r.starts_at).substr(0, 10);
    out << "  " << (r.number < 10 ? "    " : "   ") << r.number << "  " << local_date << "  "
        << zone.format_hhmm(r.starts_at) << "-" << zone.format_hhmm(r.ends_at) << "    "
        << agenda.meetings_in_round(r.number).size() << " / " << event->table_count() << "\n";
  }
  const auto problems = validate_schedule(meetings, event->round_count(), event->table_count());
  out << "\n  schedule  " << meetings.size() << " meetings, ";
  if (problems.empty()) out << "valid\n";
  else out << problems.size() << " problems, first: " << problems.front().message << "\n";
  return out.str();
}

}  // namespace speedmeet::organizer
