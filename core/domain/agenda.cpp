#include "agenda.hpp"

#include <algorithm>

namespace speedmeet {

Agenda::Agenda(std::vector<Round> rounds, std::vector<Meeting> meetings)
    : rounds_(std::move(rounds)), meetings_(std::move(meetings)) {
  std::sort(rounds_.begin(), rounds_.end(), [](const Round& x, const Round& y) { return x.number < y.number; });
  std::sort(meetings_.begin(), meetings_.end(), [](const Meeting& x, const Meeting& y) {
    return std::tie(x.round, x.table) < std::tie(y.round, y.table);
  });
  for (std::size_t i = 0; i < meetings_.size(); ++i) {
    by_participant_[meetings_[i].a].push_back(i);
    by_participant_[meetings_[i].b].push_back(i);
  }
  // round_begin_[r] = first meeting of round r (rounds are 1-based, index 0 unused).
  const int last = rounds_.empty() ? 0 : rounds_.back().number;
  round_begin_.assign(static_cast<std::size_t>(last) + 2, meetings_.size());
  for (std::size_t i = meetings_.size(); i-- > 0;) {
    const int r = meetings_[i].round;
    if (r >= 0 && r <= last) round_begin_[static_cast<std::size_t>(r)] = i;
  }
  for (std::size_t r = round_begin_.size() - 1; r-- > 0;)
    round_begin_[r] = std::min(round_begin_[r], round_begin_[r + 1]);
}

const Round* Agenda::round(int number) const {
  auto it = std::lower_bound(rounds_.begin(), rounds_.end(), number,
                             [](const Round& r, int n) { return r.number < n; });
  return it != rounds_.end() && it->number == number ? &*it : nullptr;
}

Phase Agenda::phase_at(Instant t) const {
  if (rounds_.empty() || t >= rounds_.back().ends_at) return {Phase::Kind::after_event, 0, {}};
  if (t < rounds_.front().starts_at)
    return {Phase::Kind::before_event, rounds_.front().number, rounds_.front().starts_at};
  // First round that has not ended yet.
  auto it = std::upper_bound(rounds_.begin(), rounds_.end(), t,
                             [](Instant x, const Round& r) { return x < r.ends_at; });
  if (t >= it->starts_at) return {Phase::Kind::in_round, it->number, it->ends_at};
  return {Phase::Kind::between_rounds, it->number, it->starts_at};
}

std::optional<int> Agenda::current_round(Instant t) const {
  const Phase p = phase_at(t);
  if (p.kind == Phase::Kind::in_round) return p.round;
  return std::nullopt;
}

std::vector<Meeting> Agenda::remaining(const std::string& participant, Instant t) const {
  std::vector<Meeting> out;
  auto it = by_participant_.find(participant);
  if (it == by_participant_.end()) return out;
  for (std::size_t i : it->second) {
    const Meeting& m = meetings_[i];
    const Round* r = round(m.round);
    if (r && r->ends_at > t) out.push_back(m);
  }
  return out;  // by_participant_ indices follow meetings_ order, i.e. round order
}

std::optional<Meeting> Agenda::next_meeting(const std::string& participant, Instant t) const {
  auto it = by_participant_.find(participant);
  if (it == by_participant_.end()) return std::nullopt;
  for (std::size_t i : it->second) {
    const Round* r = round(meetings_[i].round);
    if (r && r->ends_at > t) return meetings_[i];
  }
  return std::nullopt;
}

std::vector<Meeting> Agenda::meetings_in_round(int number) const {
  if (number < 0 || static_cast<std::size_t>(number) + 1 >= round_begin_.size()) return {};
  const auto r = static_cast<std::size_t>(number);
  return {meetings_.begin() + static_cast<std::ptrdiff_t>(round_begin_[r]),
          meetings_.begin() + static_cast<std::ptrdiff_t>(round_begin_[r + 1])};
}

std::vector<Meeting> Agenda::meetings_of(const std::string& participant) const {
  std::vector<Meeting> out;
  if (auto it = by_participant_.find(participant); it != by_participant_.end())
    for (std::size_t i : it->second) out.push_back(meetings_[i]);
  return out;
}

}  // namespace speedmeet
