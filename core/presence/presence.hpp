#pragma once
// Who is where, computed once from the journal: the one definition of
// presence that the kiosk's rules, the host board, the server's re-match and
// the reports all ask. Pure: journal rows and the schedule in, answers out.
//
// * At the venue: any entrance or meeting check-in that was not rejected.
// * Present in a round: a check-in naming a meeting of that round, whatever
//   the row's kind (the first scan of the day inside a window is an
//   entrance row that names its meeting). A meeting a re-match replaced
//   still counts for its round: presence carries over to the meeting that
//   replaces it.
// * Checked in for a meeting: among its two people and present in its round.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/event.hpp"
#include "domain/journal_row.hpp"
#include "domain/time.hpp"

namespace speedmeet::presence {

class Presence {
 public:
  Presence() = default;
  // `meetings`: every meeting rows may name — the schedule's and those
  // re-matches replaced — so that a row finds its round.
  explicit Presence(const std::vector<Meeting>& meetings);
  // The same, fed with `rows`; with `as_of`, rows made later are left out.
  Presence(const std::vector<Meeting>& meetings, const std::vector<JournalRow>& rows,
           std::optional<Instant> as_of = std::nullopt);

  // Takes one journal row into account (any row: the ones that place nobody
  // change nothing). Returns whether it changed what presence says.
  bool add(const JournalRow& row);

  bool at_venue(const std::string& participant) const { return arrived_.contains(participant); }
  // When the person's first accepted check-in was made (device time).
  std::optional<Instant> arrived_at(const std::string& participant) const;
  bool present_in_round(const std::string& participant, int round) const;
  bool checked_in(const Meeting& meeting, const std::string& participant) const {
    return meeting.involves(participant) && present_in_round(participant, meeting.round);
  }
  std::size_t venue_count() const { return arrived_.size(); }
  // (person, round) pairs present: one per meeting check-in that counts.
  std::size_t round_checkins() const { return in_round_.size(); }

 private:
  std::unordered_map<std::int64_t, int> round_of_;  // meeting id -> round
  std::unordered_map<std::string, Instant> arrived_;
  std::set<std::pair<std::string, int>> in_round_;
};

// True for the rows presence counts at all: they name a person and were
// not rejected.
bool places_someone(const JournalRow& row);

// Someone whose partner did not come: re-match material.
struct Standby {
  std::string participant;
  Meeting meeting;  // their meeting in the round, which the partner stood up
};

// Standby in `round` (whose grace period is over): has a meeting in it that
// no re-match made (a re-matched pair is final for its round), is at the
// venue, and the partner is not present in the round. Someone not present
// in the round either counts only when the partner never reached the venue:
// two partners both at the venue and both unscanned are presumed to sit
// together. Staff never count. Sorted by participant id.
std::vector<Standby> find_standby(int round, const std::vector<Meeting>& schedule, const Presence& presence,
                                  const std::set<std::string>& staff);

// A meeting's outcome as of an instant.
enum class MeetingStatus { held, one_side_only, no_show, scheduled, replaced };
std::string_view to_string(MeetingStatus status);

// held: both present (whenever). Otherwise, once the round has ended:
// one_side_only or no_show; before: scheduled. replaced: a re-match took it
// out of the schedule (its people were paired with others).
MeetingStatus meeting_status(const Meeting& meeting, bool replaced, const Presence& presence, const Round& round,
                             Instant as_of);

}  // namespace speedmeet::presence
