#pragma once
// `speedmeet schedule`, without the database: from roster and wishes to a
// complete, valid schedule and a report of how good it is.
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/event.hpp"

namespace speedmeet::schedule {

enum class Mode {
  min_rounds,  // every wish, fewest rounds
  fill,        // the event's rounds, the most wish weight
  all_pairs,   // every company meets every project holder
};
std::string_view to_string(Mode mode);
std::optional<Mode> parse_mode(std::string_view text);

struct ScheduleRequest {
  Mode mode = Mode::min_rounds;
  std::vector<Participant> participants;
  std::vector<Wish> wishes;
  int event_rounds = 0;
  int tables = 0;
  std::optional<int> rounds;  // fill only: use rounds 1..R, R <= event_rounds (default: all)
  bool fixed_tables = false;  // each company keeps one table all day
  std::uint64_t seed = 1;     // another seed, another schedule of the same quality
};

// The request cannot be met as asked (more rounds than the event has, more
// companies than tables, ...). The message is one sentence saying why and
// what to do; nothing was scheduled.
class ScheduleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PriorityCount {
  int wished = 0;
  int met = 0;
};

struct ScheduleReport {
  Mode mode = Mode::min_rounds;
  bool bipartite = true;
  bool fixed_tables = false;
  std::uint64_t seed = 1;
  int participants = 0;         // taking meetings (staff never do)
  int companies = 0;
  int wished_meetings = 0;      // E: pairs with a wish (all-pairs: every company × project pair)
  int ignored_wishes = 0;       // naming staff or unknown ids
  int max_degree = 0;           // Δ
  std::string max_degree_id;    // a participant with Δ meetings
  int tables = 0;               // T
  int event_rounds = 0;
  int table_bound = 0;          // ⌈E/T⌉
  int bound = 0;                // max(Δ, ⌈E/T⌉): no schedule of all E meetings uses fewer rounds
  int availability_bound = 0;   // max over participants of (first round - 1 + meetings); 0 when nobody is late
  std::string availability_bound_id;
  int rounds_used = 0;
  int meetings = 0;
  std::array<PriorityCount, 4> wishes{};  // by priority 1..3 (index 0 unused)
  std::int64_t weight = 0;                // wish weight of the meetings held
  std::int64_t weight_wished = 0;         // of every wish
  std::int64_t upper_bound_x2 = 0;        // fill: twice an upper bound on the best weight
  bool weight_optimal = false;            // fill: proven best possible
  std::vector<int> meetings_per_round;    // [round - 1], rounds 1..rounds_used
  std::vector<std::vector<std::string>> byes;  // all-pairs: [round - 1] participants sitting out
  int people = 0;                              // companies and project holders in the roster
  std::vector<std::string> without_meetings;  // those with no meeting at all
  std::vector<std::string> notes;         // why the result is what it is
};

struct ScheduleResult {
  std::vector<Meeting> meetings;  // sorted by (round, table); a = company (host) where there is one
  ScheduleReport report;
};

// Throws ScheduleError when the request cannot be met. The result always
// passes validate_schedule(meetings, event_rounds, tables), respects every
// participant's arrives/leaves and never seats staff.
ScheduleResult make_schedule(const ScheduleRequest& request);

// The summary printed by `speedmeet schedule`.
std::string format_report(const ScheduleReport& report);

}  // namespace speedmeet::schedule
