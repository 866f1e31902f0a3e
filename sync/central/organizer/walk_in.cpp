#include "walk_in.hpp"

#include <algorithm>
#include <set>

#include "badge/utf8.hpp"
#include "csv.hpp"
#include "domain/input_error.hpp"
#include "domain/validation.hpp"
#include "print/badge_issue.hpp"
#include "schedule/walk_in.hpp"
#include "scheduling/central_schedule.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/transaction.hpp"

namespace speedmeet::organizer {
namespace {

constexpr int kWalkInWishPriority = 3;  // asked for at the desk: a must
constexpr std::size_t kMaxWishes = 32;

// The same rules as participants.csv (docs/BADGES.md, "Names on badges").
std::string checked_text(const std::string& option, const std::string& value, std::size_t max_chars, bool required) {
  if (required && value.empty()) throw InputError(option, 0, "", "must not be empty");
  if (utf8_length(value) > max_chars)
    throw InputError(option, 0, "", "longer than " + std::to_string(max_chars) + " characters");
  if (value.find_first_of("\r\n") != std::string::npos) throw InputError(option, 0, "", "contains a line break");
  if (const auto c = badge::find_code_point(value, badge::is_control_character))
    throw InputError(option, 0, "",
                     "contains the control character " + badge::code_point_label(c->code_point) +
                         " (control characters are not allowed)");
  if (const auto c = badge::find_code_point(value, badge::is_bidi_control))
    throw InputError(option, 0, "",
                     "contains the bidirectional control " + badge::code_point_label(c->code_point) +
                         ", which would reorder the text around it");
  return value;
}

Participant participant_of(const WalkInForm& form) {
  if (form.role == Role::staff)
    throw InputError("--role", 0, "", "a walk-in is a company or a project holder; staff are imported");
  Participant p;
  p.name = checked_text("--name", form.name, 100, true);
  p.organization = checked_text("--organization", form.organization, 120, false);
  p.role = form.role;
  p.language = form.language;
  p.email = checked_text("--email", form.email, 254, false);
  if (!p.email.empty() && (p.email.find('@') == std::string::npos || p.email.find(' ') != std::string::npos))
    throw InputError("--email", 0, "", "\"" + p.email + "\" is not an e-mail address");
  return p;
}

// The wishes, each naming someone on the roster who takes meetings.
std::vector<Wish> wishes_of(const WalkInForm& form, const std::string& id,
                            const std::vector<ParticipantRecord>& roster) {
  if (form.wishes.size() > kMaxWishes)
    throw InputError("--wish", 0, "", "at most " + std::to_string(kMaxWishes) + " participants");
  std::vector<Wish> out;
  std::set<std::string> seen;
  for (const std::string& to : form.wishes) {
    if (!seen.insert(to).second) continue;
    const auto it = std::find_if(roster.begin(), roster.end(), [&](const auto& r) { return r.participant.id == to; });
    if (it == roster.end()) throw InputError("--wish", 0, "", "no participant with id \"" + to + "\"");
    if (it->participant.role == Role::staff)
      throw InputError("--wish", 0, "", "\"" + to + "\" is staff; staff take no meetings");
    out.push_back({id, to, kWalkInWishPriority});
  }
  return out;
}

int first_round_after(const Event& event, Instant now) {
  for (const Round& r : event.rounds)
    if (r.starts_at > now) return r.number;
  return 0;
}

std::set<std::string> at_venue(store::Database& db, const std::vector<ParticipantRecord>& roster) {
  const presence::Presence presence = schedule::read_presence(db);
  std::set<std::string> here;
  for (const auto& r : roster)
    if (presence.at_venue(r.participant.id)) here.insert(r.participant.id);
  return here;
}

void require_valid(const std::vector<Meeting>& schedule, const std::vector<Meeting>& added, const Event& event) {
  std::vector<Meeting> after = schedule;
  after.insert(after.end(), added.begin(), added.end());
  const auto problems = validate_schedule(after, event.round_count(), event.table_count());
  if (!problems.empty())
    throw std::logic_error("the walk-in's seats would leave an invalid schedule: " + problems.front().message);
}

}  // namespace

std::string next_walk_in_id(const std::vector<ParticipantRecord>& roster) {
  std::set<std::string> taken;
  for (const auto& r : roster) taken.insert(r.participant.id);
  for (int n = 1;; ++n) {
    const std::string id = (n < 10 ? "W0" : "W") + std::to_string(n);
    if (!taken.contains(id)) return id;
  }
}

WalkInResult add_walk_in(store::Database& db, const WalkInForm& form, Instant now) {
  Participant person = participant_of(form);
  const badge::SigningKey key = print::read_signing_key(db);  // a kiosk's copy fails here, before anything
  store::Transaction tx(db);
  store::EventStore events(db);
  const auto event = events.load_event();
  if (!event) throw std::runtime_error(db.path() + " holds no event");
  const std::vector<ParticipantRecord> roster = events.participants();
  person.id = next_walk_in_id(roster);
  const std::vector<Wish> wishes = wishes_of(form, person.id, roster);

  schedule::WalkInRequest request;
  request.person = person;
  request.first_round = first_round_after(*event, now);
  request.rounds = event->round_count();
  request.tables = event->table_count();
  for (const auto& r : roster) request.roster.push_back(r.participant);
  request.wishes = events.wishes();
  request.wishes.insert(request.wishes.end(), wishes.begin(), wishes.end());
  request.schedule = events.meetings();
  request.at_venue = at_venue(db, roster);
  WalkInResult result;
  result.first_round = request.first_round;
  schedule::WalkInPlan plan;
  if (request.first_round > 0) plan = schedule::plan_walk_in(request);
  require_valid(request.schedule, plan.meetings, *event);

  events.upsert_participant(person);
  for (const Wish& w : wishes) events.upsert_wish(w);
  result.meetings = events.add_meetings(plan.meetings, "schedule");
  result.open_rounds = plan.open_rounds;
  result.person = *events.find_participant(person.id);
  result.badge_code = print::badge_text(key, *event, result.person);
  result.badge = print::badge_faces(key, *event, {result.person}).front();
  tx.commit();
  return result;
}

}  // namespace speedmeet::organizer
