#include "walk_in.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "meeting_graph.hpp"
#include "min_cost_flow.hpp"

namespace speedmeet::schedule {
namespace {

bool available(const Participant& p, int round) {
  return (!p.arrives || *p.arrives <= round) && (!p.leaves || round <= *p.leaves);
}

// What the schedule already holds, by round.
struct Occupancy {
  std::map<int, std::set<int>> tables;                // round -> tables in use
  std::map<int, std::set<std::string>> busy;          // round -> people with a meeting
  std::map<std::string, std::map<int, int>> sits_at;  // person -> table -> meetings there

  explicit Occupancy(const std::vector<Meeting>& schedule) {
    for (const Meeting& m : schedule) {
      tables[m.round].insert(m.table);
      busy[m.round].insert(m.a);
      busy[m.round].insert(m.b);
      ++sits_at[m.a][m.table];
      ++sits_at[m.b][m.table];
    }
  }
  bool has_free_table(int round, int table_count) const {
    const auto it = tables.find(round);
    return it == tables.end() || static_cast<int>(it->second.size()) < table_count;
  }
  bool is_busy(int round, const std::string& id) const {
    const auto it = busy.find(round);
    return it != busy.end() && it->second.contains(id);
  }
  // The table the person sits at most often (the lowest of equals).
  std::optional<int> usual_table(const std::string& id) const {
    const auto it = sits_at.find(id);
    if (it == sits_at.end()) return std::nullopt;
    const auto best = std::max_element(it->second.begin(), it->second.end(),
                                       [](const auto& x, const auto& y) { return x.second < y.second; });
    return best->first;
  }
  int table_for(int round, std::optional<int> preferred, int table_count) const {
    const auto it = tables.find(round);
    const auto used = [&](int t) { return it != tables.end() && it->second.contains(t); };
    if (preferred && !used(*preferred)) return *preferred;
    for (int t = 1; t <= table_count; ++t)
      if (!used(t)) return t;
    return 0;  // unreachable: the round was chosen for its free table
  }
};

struct Candidate {
  const Participant* partner;
  std::int64_t wish = 0;  // wish weight between them, both directions
  bool at_venue = false;
};

// Who the walk-in may meet at all, whatever the round.
std::vector<Candidate> candidates(const WalkInRequest& r) {
  std::map<std::string, std::int64_t> wish_with;
  for (const Wish& w : r.wishes) {
    if (w.from == r.person.id) wish_with[w.to] += wish_weight(w.priority);
    if (w.to == r.person.id) wish_with[w.from] += wish_weight(w.priority);
  }
  std::set<std::string> already;
  for (const Meeting& m : r.schedule)
    if (m.involves(r.person.id)) already.insert(m.partner_of(r.person.id));
  std::vector<Candidate> out;
  for (const Participant& p : r.roster) {
    if (p.id == r.person.id || p.role == Role::staff || already.contains(p.id)) continue;
    const auto wished = wish_with.find(p.id);
    const bool company_project = (p.role == Role::company) != (r.person.role == Role::company);
    if (wished == wish_with.end() && !company_project) continue;
    out.push_back({&p, wished == wish_with.end() ? 0 : wished->second, r.at_venue.contains(p.id)});
  }
  return out;
}

}  // namespace

WalkInPlan plan_walk_in(const WalkInRequest& r) {
  WalkInPlan plan;
  if (r.person.role == Role::staff || r.tables <= 0) {
    for (int round = std::max(1, r.first_round); round <= r.rounds; ++round) plan.open_rounds.push_back(round);
    return plan;
  }
  const Occupancy occupancy(r.schedule);
  std::vector<int> rounds;  // rounds the walk-in can take a seat in
  for (int round = std::max(1, r.first_round); round <= r.rounds; ++round)
    if (available(r.person, round) && !occupancy.is_busy(round, r.person.id) && occupancy.has_free_table(round, r.tables))
      rounds.push_back(round);
  const std::vector<Candidate> people = candidates(r);

  // Costs, lexicographic: a meeting outweighs all wish weight, a unit of
  // wish weight outweighs every partner at the venue.
  const auto round_count = static_cast<std::int64_t>(rounds.size());
  std::int64_t all_wishes = 0;
  for (const Candidate& c : people) all_wishes += c.wish;
  const std::int64_t wish_unit = round_count + 1;
  const std::int64_t meeting_value = all_wishes * wish_unit + round_count + 1;

  const int source = 0, sink = 1, first_round_node = 2;
  const int first_person_node = first_round_node + static_cast<int>(rounds.size());
  MinCostFlow flow(first_person_node + static_cast<int>(people.size()));
  for (std::size_t i = 0; i < rounds.size(); ++i) flow.add_arc(source, first_round_node + static_cast<int>(i), 1, 0);
  for (std::size_t j = 0; j < people.size(); ++j) flow.add_arc(first_person_node + static_cast<int>(j), sink, 1, 0);
  struct Arc { int id; std::size_t round, person; };
  std::vector<Arc> arcs;
  for (std::size_t i = 0; i < rounds.size(); ++i)
    for (std::size_t j = 0; j < people.size(); ++j) {
      const Participant& p = *people[j].partner;
      if (!available(p, rounds[i]) || occupancy.is_busy(rounds[i], p.id)) continue;
      const std::int64_t value = meeting_value + people[j].wish * wish_unit + (people[j].at_venue ? 1 : 0);
      arcs.push_back({flow.add_arc(first_round_node + static_cast<int>(i), first_person_node + static_cast<int>(j), 1,
                                   -value),
                      i, j});
    }
  flow.run(source, sink, round_count, true);

  std::map<int, const Participant*> partner_in;  // round -> partner
  for (const Arc& a : arcs)
    if (flow.flow_on(a.id) > 0) partner_in[rounds[a.round]] = people[a.person].partner;

  std::optional<int> walk_in_table;  // a walk-in company keeps its first table
  for (int round = std::max(1, r.first_round); round <= r.rounds; ++round) {
    const auto found = partner_in.find(round);
    if (found == partner_in.end()) {
      plan.open_rounds.push_back(round);
      continue;
    }
    const Participant& partner = *found->second;
    const bool walk_in_is_company = r.person.role == Role::company;
    const std::optional<int> preferred = walk_in_is_company ? walk_in_table
                                         : partner.role == Role::company ? occupancy.usual_table(partner.id)
                                                                         : std::nullopt;
    Meeting m;
    m.round = round;
    m.table = occupancy.table_for(round, preferred, r.tables);
    m.a = walk_in_is_company || partner.role != Role::company ? r.person.id : partner.id;
    m.b = m.a == r.person.id ? partner.id : r.person.id;
    if (walk_in_is_company && !walk_in_table) walk_in_table = m.table;
    plan.meetings.push_back(std::move(m));
  }
  return plan;
}

}  // namespace speedmeet::schedule
