#pragma once
// Questions the kiosk, the printouts and the server ask about the schedule.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "event.hpp"

namespace speedmeet {

// Where the event stands at an instant.
struct Phase {
  enum class Kind { before_event, in_round, between_rounds, after_event };
  Kind kind = Kind::before_event;
  int round = 0;           // in_round: the running round; otherwise the next one (0 after the event)
  Instant next_change{};   // when this phase ends (undefined after the event)
};

class Agenda {
 public:
  Agenda(std::vector<Round> rounds, std::vector<Meeting> meetings);

  Phase phase_at(Instant t) const;
  // The round running at t, if any (a break is no round).
  std::optional<int> current_round(Instant t) const;
  // The running meeting of p if it has not ended, else p's next one.
  std::optional<Meeting> next_meeting(const std::string& participant, Instant t) const;
  // p's meetings that have not ended at t, in round order.
  std::vector<Meeting> remaining(const std::string& participant, Instant t) const;
  std::vector<Meeting> meetings_in_round(int round) const;
  std::vector<Meeting> meetings_of(const std::string& participant) const;
  const Round* round(int number) const;

  const std::vector<Round>& rounds() const { return rounds_; }
  const std::vector<Meeting>& meetings() const { return meetings_; }

 private:
  std::vector<Round> rounds_;
  std::vector<Meeting> meetings_;  // sorted by (round, table)
  std::unordered_map<std::string, std::vector<std::size_t>> by_participant_;
  std::vector<std::size_t> round_begin_;  // meetings_ index where each round starts, plus end
};

}  // namespace speedmeet
