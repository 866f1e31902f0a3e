#include "event.hpp"

namespace speedmeet {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::company: return "company";
    case Role::project: return "project";
    case Role::staff: return "staff";
  }
  return "?";
}

std::string_view to_string(Language language) {
  switch (language) {
    case Language::fr: return "fr";
    case Language::en: return "en";
    case Language::de: return "de";
  }
  return "?";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role r : {Role::company, Role::project, Role::staff})
    if (to_string(r) == text) return r;
  return std::nullopt;
}

std::optional<Language> parse_language(std::string_view text) {
  for (Language l : {Language::fr, Language::en, Language::de})
    if (to_string(l) == text) return l;
  return std::nullopt;
}

std::vector<Round> compute_rounds(const RoundPlan& plan) {
  std::vector<Round> rounds;
  rounds.reserve(static_cast<std::size_t>(plan.rounds));
  Instant start = plan.first_start;
  for (int number = 1; number <= plan.rounds; ++number) {
    rounds.push_back({number, start, start + plan.round_length});
    start += plan.round_length + plan.break_length;
  }
  return rounds;
}

}  // namespace speedmeet
