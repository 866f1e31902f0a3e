#pragma once
// Schedule validation, shared by import and the scheduler: a schedule is
// usable only when this reports nothing.
#include <string>
#include <vector>

#include "event.hpp"

namespace speedmeet {

struct ScheduleProblem {
  enum class Kind { round_out_of_range, table_out_of_range, self_meeting, table_double_used, participant_double_booked };
  Kind kind;
  std::size_t meeting;        // index of the offending meeting in the input
  std::size_t other_meeting;  // the meeting it clashes with (== meeting when none)
  std::string message;        // one readable sentence
};

std::vector<ScheduleProblem> validate_schedule(const std::vector<Meeting>& meetings, int round_count, int table_count);

}  // namespace speedmeet
