#pragma once
// The event domain: who meets whom, where and when. Plain values, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "time.hpp"

namespace speedmeet {

enum class Role { company, project, staff };
enum class Language { fr, en, de };

std::string_view to_string(Role role);
std::string_view to_string(Language language);
std::optional<Role> parse_role(std::string_view text);
std::optional<Language> parse_language(std::string_view text);

struct Round {
  int number = 0;  // 1-based
  Instant starts_at;
  Instant ends_at;
  bool operator==(const Round&) const = default;
};

struct Table {
  int number = 0;  // 1-based
  std::string label;
  bool operator==(const Table&) const = default;
};

struct Participant {
  std::string id;  // organizer's id, e.g. "C01"
  std::string name;
  std::string organization;
  Role role = Role::project;
  Language language = Language::en;
  std::string email;       // empty when unknown; never sent to kiosks
  std::string badge_code;  // code printed by another ticketing system, or empty
  std::optional<int> arrives;  // first round the participant can attend (availability)
  std::optional<int> leaves;   // last round the participant can attend
  bool operator==(const Participant&) const = default;
};

struct Meeting {
  std::int64_t id = 0;  // store id; 0 before it is stored
  int round = 0;
  int table = 0;
  std::string a;  // participant ids
  std::string b;
  bool rematch = false;  // paired on site after a no-show (store origin 'rematch')
  bool involves(std::string_view participant) const { return a == participant || b == participant; }
  const std::string& partner_of(std::string_view participant) const { return a == participant ? b : a; }
  bool operator==(const Meeting&) const = default;
};

// A participant as the store numbers them: the compact badge number and the
// serial of their current badge (older serials are revoked).
struct ParticipantRecord {
  Participant participant;
  std::int64_t num = 0;
  std::int64_t badge_serial = 1;
  bool operator==(const ParticipantRecord&) const = default;
};

// A meeting as the store keeps it: where it came from (import, schedule,
// rematch) and whether a re-match replaced it (then it is out of the
// schedule, kept apart: check-ins that name it still count for its round).
struct MeetingRecord {
  Meeting meeting;
  std::string origin = "import";
  bool replaced = false;
  bool operator==(const MeetingRecord&) const = default;
};

struct Wish {
  std::string from;
  std::string to;
  int priority = 1;  // 1 nice, 2 want, 3 must
  bool operator==(const Wish&) const = default;
};

// The timing inputs of an event; rounds are derived from them.
struct RoundPlan {
  Instant first_start;
  int rounds = 0;
  Minutes round_length{0};
  Minutes break_length{0};
};

std::vector<Round> compute_rounds(const RoundPlan& plan);

struct Event {
  std::string id;
  std::string name;
  std::string venue;
  std::string timezone;  // IANA name, e.g. "Europe/Luxembourg"
  Language default_language = Language::en;
  RoundPlan plan;
  std::vector<Round> rounds;  // always compute_rounds(plan)
  std::vector<Table> tables;  // numbered 1..tables.size()
  Minutes checkin_window{5};  // a meeting check-in counts from start - window to start + window
  Minutes grace{3};           // after start + grace, a missing partner is a no-show
  int table_count() const { return static_cast<int>(tables.size()); }
  int round_count() const { return static_cast<int>(rounds.size()); }
};

}  // namespace speedmeet
