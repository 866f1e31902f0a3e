#include "validation.hpp"

#include <map>
#include <utility>

namespace speedmeet {

std::vector<ScheduleProblem> validate_schedule(const std::vector<Meeting>& meetings, int round_count, int table_count) {
  using Kind = ScheduleProblem::Kind;
  std::vector<ScheduleProblem> problems;
  std::map<std::pair<int, int>, std::size_t> table_user;                // (round, table) -> meeting
  std::map<std::pair<int, std::string>, std::size_t> participant_seat;  // (round, participant) -> meeting

  auto report = [&](Kind kind, std::size_t i, std::size_t other, std::string message) {
    problems.push_back({kind, i, other, std::move(message)});
  };

  for (std::size_t i = 0; i < meetings.size(); ++i) {
    const Meeting& m = meetings[i];
    const std::string where = "round " + std::to_string(m.round) + ", table " + std::to_string(m.table);
    if (m.round < 1 || m.round > round_count)
      report(Kind::round_out_of_range, i, i,
             where + ": round is outside 1.." + std::to_string(round_count));
    if (m.table < 1 || m.table > table_count)
      report(Kind::table_out_of_range, i, i,
             where + ": table is outside 1.." + std::to_string(table_count));
    if (m.a == m.b) report(Kind::self_meeting, i, i, where + ": " + m.a + " cannot meet themselves");

    if (auto [it, fresh] = table_user.try_emplace({m.round, m.table}, i); !fresh)
      report(Kind::table_double_used, i, it->second, where + ": table already used by " +
                                                         meetings[it->second].a + " and " + meetings[it->second].b);
    for (const std::string* p : {&m.a, &m.b}) {
      if (p == &m.b && m.a == m.b) break;  // already reported as a self-meeting
      if (auto [it, fresh] = participant_seat.try_emplace({m.round, *p}, i); !fresh)
        report(Kind::participant_double_booked, i, it->second,
               where + ": " + *p + " is already at table " + std::to_string(meetings[it->second].table) +
                   " in round " + std::to_string(m.round));
    }
  }
  return problems;
}

}  // namespace speedmeet
