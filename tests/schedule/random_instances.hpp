#pragma once
// Random events for the property tests: companies, project holders, staff,
// wishes of every priority, sometimes wishes between project holders (a
// general graph), tight or loose tables, sometimes arrives/leaves windows.
#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "domain/event.hpp"

namespace speedmeet::test {

struct Shape {
  int companies = 4;
  int projects = 6;
  double density = 0.3;    // chance that a company × project pair is wished
  double mutual = 0.3;     // chance that a wished pair is wished both ways
  int project_pairs = 0;   // extra wishes between project holders (general graph)
  int staff = 1;
  int late = 0;            // participants with an arrives/leaves window
  int event_rounds = 10;
};

struct Instance {
  std::vector<Participant> people;
  std::vector<Wish> wishes;
};

inline int draw(std::mt19937_64& rng, int low, int high) {  // inclusive
  return low + static_cast<int>(rng() % static_cast<std::uint64_t>(high - low + 1));
}

inline bool chance(std::mt19937_64& rng, double p) {
  return static_cast<double>(rng() % 1000000) < p * 1000000.0;
}

inline std::string id(char prefix, int i) {
  std::string digits = std::to_string(i + 1);
  return std::string(1, prefix) + std::string(digits.size() < 3 ? 3 - digits.size() : 0, '0') + digits;
}

inline Participant person(const std::string& id, Role role) {
  Participant p;
  p.id = id;
  p.name = "Name of " + id;
  p.role = role;
  return p;
}

inline Instance random_instance(std::mt19937_64& rng, const Shape& s) {
  Instance in;
  for (int i = 0; i < s.companies; ++i) in.people.push_back(person(id('C', i), Role::company));
  for (int i = 0; i < s.projects; ++i) in.people.push_back(person(id('P', i), Role::project));
  for (int i = 0; i < s.staff; ++i) in.people.push_back(person(id('S', i), Role::staff));
  for (int k = 0; k < s.late && !in.people.empty(); ++k) {
    Participant& p = in.people[static_cast<std::size_t>(draw(rng, 0, s.companies + s.projects - 1))];
    const int first = draw(rng, 1, std::max(1, s.event_rounds / 3));
    p.arrives = first;
    p.leaves = draw(rng, std::min(s.event_rounds, first + s.event_rounds / 2), s.event_rounds);
  }
  auto wish = [&](const std::string& a, const std::string& b) {
    in.wishes.push_back({a, b, draw(rng, 1, 3)});
    if (chance(rng, s.mutual)) in.wishes.push_back({b, a, draw(rng, 1, 3)});
  };
  for (int c = 0; c < s.companies; ++c)
    for (int p = 0; p < s.projects; ++p)
      if (chance(rng, s.density)) chance(rng, 0.5) ? wish(id('C', c), id('P', p)) : wish(id('P', p), id('C', c));
  std::set<std::pair<int, int>> taken;
  for (int k = 0; k < s.project_pairs && s.projects > 1; ++k) {
    int a = draw(rng, 0, s.projects - 1), b = draw(rng, 0, s.projects - 1);
    if (a == b || !taken.insert({std::min(a, b), std::max(a, b)}).second) continue;
    wish(id('P', a), id('P', b));
  }
  // A wish naming staff: must be ignored, never seated.
  if (s.staff > 0 && s.companies > 0) in.wishes.push_back({id('C', 0), id('S', 0), 3});
  return in;
}

}  // namespace speedmeet::test
