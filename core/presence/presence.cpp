#include "presence.hpp"

#include <algorithm>

namespace speedmeet::presence {

bool places_someone(const JournalRow& row) { return !row.participant.empty() && row.outcome != "rejected"; }

Presence::Presence(const std::vector<Meeting>& meetings) {
  round_of_.reserve(meetings.size());
  for (const Meeting& m : meetings) round_of_.emplace(m.id, m.round);
}

Presence::Presence(const std::vector<Meeting>& meetings, const std::vector<JournalRow>& rows,
                   std::optional<Instant> as_of)
    : Presence(meetings) {
  for (const JournalRow& row : rows)
    if (!as_of || from_unix(row.event_time_ms() / 1000) <= *as_of) add(row);
}

bool Presence::add(const JournalRow& row) {
  if (!places_someone(row)) return false;
  const bool checkin = row.meeting_id.has_value();
  if (row.kind != JournalKind::entrance && !checkin) return false;
  const Instant at = from_unix(row.event_time_ms() / 1000);
  bool changed = false;
  auto [it, first] = arrived_.try_emplace(row.participant, at);
  if (first) {
    changed = true;
  } else if (at < it->second) {
    it->second = at;  // rows arrive from several kiosks in any order
    changed = true;
  }
  if (checkin) {
    if (const auto round = round_of_.find(*row.meeting_id); round != round_of_.end())
      changed = in_round_.emplace(row.participant, round->second).second || changed;
  }
  return changed;
}

std::optional<Instant> Presence::arrived_at(const std::string& participant) const {
  const auto it = arrived_.find(participant);
  if (it == arrived_.end()) return std::nullopt;
  return it->second;
}

bool Presence::present_in_round(const std::string& participant, int round) const {
  return in_round_.contains({participant, round});
}

std::vector<Standby> find_standby(int round, const std::vector<Meeting>& schedule, const Presence& presence,
                                  const std::set<std::string>& staff) {
  std::vector<Standby> out;
  for (const Meeting& m : schedule) {
    if (m.round != round || m.rematch) continue;
    for (const auto& [me, partner] : {std::pair{&m.a, &m.b}, std::pair{&m.b, &m.a}}) {
      if (staff.contains(*me) || !presence.at_venue(*me)) continue;
      if (presence.present_in_round(*partner, round)) continue;  // the partner came
      if (presence.present_in_round(*me, round) || !presence.at_venue(*partner)) out.push_back({*me, m});
    }
  }
  std::sort(out.begin(), out.end(), [](const Standby& a, const Standby& b) { return a.participant < b.participant; });
  return out;
}

std::string_view to_string(MeetingStatus status) {
  switch (status) {
    case MeetingStatus::held: return "held";
    case MeetingStatus::one_side_only: return "one_side_only";
    case MeetingStatus::no_show: return "no_show";
    case MeetingStatus::scheduled: return "scheduled";
    case MeetingStatus::replaced: return "replaced";
  }
  return "scheduled";
}

MeetingStatus meeting_status(const Meeting& m, bool replaced, const Presence& presence, const Round& round,
                             Instant as_of) {
  if (replaced) return MeetingStatus::replaced;
  const bool a = presence.checked_in(m, m.a), b = presence.checked_in(m, m.b);
  if (a && b) return MeetingStatus::held;
  if (as_of < round.ends_at) return MeetingStatus::scheduled;
  return a || b ? MeetingStatus::one_side_only : MeetingStatus::no_show;
}

}  // namespace speedmeet::presence
