#include "rematch.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>

#include "meeting_graph.hpp"
#include "min_cost_flow.hpp"

namespace speedmeet::schedule {
namespace {

struct Candidate {
  int i = 0;  // indexes into the standby list
  int j = 0;
  std::int64_t weight = 0;  // pair_value + wish weight
};

std::optional<std::vector<int>> sides(int n, const std::vector<Candidate>& pairs) {
  std::vector<std::vector<int>> next(static_cast<std::size_t>(n));
  for (const Candidate& c : pairs) {
    next[static_cast<std::size_t>(c.i)].push_back(c.j);
    next[static_cast<std::size_t>(c.j)].push_back(c.i);
  }
  std::vector<int> side(static_cast<std::size_t>(n), -1);
  for (int s = 0; s < n; ++s) {
    if (side[static_cast<std::size_t>(s)] >= 0) continue;
    side[static_cast<std::size_t>(s)] = 0;
    std::deque<int> queue{s};
    while (!queue.empty()) {
      const int x = queue.front();
      queue.pop_front();
      for (int y : next[static_cast<std::size_t>(x)]) {
        int& sy = side[static_cast<std::size_t>(y)];
        if (sy < 0) {
          sy = 1 - side[static_cast<std::size_t>(x)];
          queue.push_back(y);
        } else if (sy == side[static_cast<std::size_t>(x)]) {
          return std::nullopt;
        }
      }
    }
  }
  return side;
}

std::vector<Candidate> match_by_flow(int n, const std::vector<Candidate>& pairs, const std::vector<int>& side) {
  MinCostFlow flow(n + 2);
  for (int v = 0; v < n; ++v)
    side[static_cast<std::size_t>(v)] == 0 ? flow.add_arc(n, v, 1, 0) : flow.add_arc(v, n + 1, 1, 0);
  std::vector<int> arcs;
  for (const Candidate& c : pairs) {
    const bool i_left = side[static_cast<std::size_t>(c.i)] == 0;
    arcs.push_back(flow.add_arc(i_left ? c.i : c.j, i_left ? c.j : c.i, 1, -c.weight));
  }
  flow.run(n, n + 1, n, true);
  std::vector<Candidate> chosen;
  for (std::size_t k = 0; k < pairs.size(); ++k)
    if (flow.flow_on(arcs[k]) > 0) chosen.push_back(pairs[k]);
  return chosen;
}

// Exact over all subsets: the lowest unmatched attendee either stays alone
// or takes one of their candidates.
std::vector<Candidate> match_exhaustively(int n, const std::vector<Candidate>& pairs) {
  const std::size_t states = std::size_t{1} << n;
  std::vector<std::int64_t> best(states, 0);  // best[mask]: over the attendees not in mask
  std::vector<int> choice(states, -1);        // candidate index taken, -1: lowest stays alone
  for (std::size_t mask = states - 1; mask-- > 0;) {
    int low = 0;
    while (mask >> low & 1) ++low;
    const std::size_t alone = mask | std::size_t{1} << low;
    best[mask] = best[alone];
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      const Candidate& c = pairs[k];
      const int other = c.i == low ? c.j : c.j == low ? c.i : -1;
      if (other < 0 || (mask >> other & 1)) continue;
      const std::int64_t value = c.weight + best[alone | std::size_t{1} << other];
      if (value > best[mask]) {
        best[mask] = value;
        choice[mask] = static_cast<int>(k);
      }
    }
  }
  std::vector<Candidate> chosen;
  std::size_t mask = 0;
  while (mask != states - 1) {
    int low = 0;
    while (mask >> low & 1) ++low;
    mask |= std::size_t{1} << low;
    if (const int k = choice[mask & ~(std::size_t{1} << low)]; k >= 0) {
      chosen.push_back(pairs[static_cast<std::size_t>(k)]);
      mask |= std::size_t{1} << chosen.back().i | std::size_t{1} << chosen.back().j;
    }
  }
  return chosen;
}

std::vector<Candidate> match_greedily(int n, std::vector<Candidate> pairs) {
  std::stable_sort(pairs.begin(), pairs.end(), [](const Candidate& a, const Candidate& b) { return a.weight > b.weight; });
  std::vector<char> used(static_cast<std::size_t>(n), 0);
  std::vector<Candidate> chosen;
  for (const Candidate& c : pairs)
    if (!used[static_cast<std::size_t>(c.i)] && !used[static_cast<std::size_t>(c.j)]) {
      used[static_cast<std::size_t>(c.i)] = used[static_cast<std::size_t>(c.j)] = 1;
      chosen.push_back(c);
    }
  return chosen;
}

}  // namespace

Rematch plan_rematch(int round, const std::vector<Standby>& standby, const std::vector<Participant>& roster,
                     const std::vector<Wish>& wishes, const std::vector<Meeting>& schedule) {
  std::map<std::string, Role> role;
  for (const Participant& p : roster) role.emplace(p.id, p.role);
  std::set<std::pair<std::string, std::string>> scheduled_together;
  for (const Meeting& m : schedule) {
    scheduled_together.emplace(m.a, m.b);
    scheduled_together.emplace(m.b, m.a);
  }
  std::map<std::pair<std::string, std::string>, std::int64_t> wish_value;
  for (const Wish& w : wishes) {
    const auto key = std::minmax(w.from, w.to);
    wish_value[{key.first, key.second}] += wish_weight(w.priority);
  }

  // Candidates; a pair is worth more than all wish weight put together, so
  // the most pairs come first and wishes decide between equally many.
  const int n = static_cast<int>(standby.size());
  std::int64_t all_wishes = 0;
  for (const auto& [pair, value] : wish_value) all_wishes += value;
  const std::int64_t pair_value = all_wishes + 1;
  std::vector<Candidate> pairs;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      const std::string& a = standby[static_cast<std::size_t>(i)].participant;
      const std::string& b = standby[static_cast<std::size_t>(j)].participant;
      const auto ra = role.find(a);
      const auto rb = role.find(b);
      if (a == b || ra == role.end() || rb == role.end() || ra->second == Role::staff || rb->second == Role::staff ||
          scheduled_together.contains({a, b}))
        continue;
      const auto key = std::minmax(a, b);
      const auto wished = wish_value.find({key.first, key.second});
      const bool company_project = (ra->second == Role::company) != (rb->second == Role::company);
      if (wished == wish_value.end() && !company_project) continue;
      pairs.push_back({i, j, pair_value + (wished == wish_value.end() ? 0 : wished->second)});
    }

  std::vector<Candidate> chosen;
  if (const auto side = sides(n, pairs))
    chosen = match_by_flow(n, pairs, *side);
  else if (n <= 16)
    chosen = match_exhaustively(n, pairs);
  else
    chosen = match_greedily(n, pairs);

  Rematch out;
  std::vector<char> paired(static_cast<std::size_t>(n), 0);
  for (const Candidate& c : chosen) {
    const Standby& x = standby[static_cast<std::size_t>(c.i)];
    const Standby& y = standby[static_cast<std::size_t>(c.j)];
    paired[static_cast<std::size_t>(c.i)] = paired[static_cast<std::size_t>(c.j)] = 1;
    const bool x_company = role.at(x.participant) == Role::company;
    const bool y_company = role.at(y.participant) == Role::company;
    const bool x_hosts = x_company != y_company ? x_company : x.meeting.table <= y.meeting.table;
    const Standby& host = x_hosts ? x : y;
    const Standby& guest = x_hosts ? y : x;
    out.meetings.push_back({0, round, host.meeting.table, host.participant, guest.participant});
    out.replaced.push_back(x.meeting.id);
    out.replaced.push_back(y.meeting.id);
  }
  for (int i = 0; i < n; ++i)
    if (!paired[static_cast<std::size_t>(i)]) out.unpaired.push_back(standby[static_cast<std::size_t>(i)].participant);
  std::sort(out.meetings.begin(), out.meetings.end(),
            [](const Meeting& a, const Meeting& b) { return a.table < b.table; });
  std::sort(out.replaced.begin(), out.replaced.end());
  out.replaced.erase(std::unique(out.replaced.begin(), out.replaced.end()), out.replaced.end());
  return out;
}

}  // namespace speedmeet::schedule
