#pragma once
// The check-in rules (docs/CHECKIN.md): one scanned code, the kiosk's
// knowledge and the clock in; one decision out — what the screen says and
// which journal row records it. Pure: no SQL, no SDL.
#include <optional>
#include <string>
#include <vector>

#include "domain/journal_row.hpp"
#include "kiosk_data.hpp"
#include "outcome.hpp"
#include "presence/presence.hpp"
#include "repeat_filter.hpp"

namespace speedmeet::kiosk {

// A meeting as a screen shows it.
struct MeetingView {
  std::int64_t meeting_id = 0;
  int round = 0;
  int table = 0;
  std::string table_label;
  Instant starts_at;
  Instant ends_at;
  std::string partner_id;
  std::string partner_name;
  std::string partner_organization;
  bool rematch = false;  // a new partner found on site: the planned one did not come
};

// What to write to the journal for a decision.
enum class RowKind { none, entrance, meeting, scan };

struct Decision {
  Outcome outcome = Outcome::rejected;
  Reason reason = Reason::none;
  std::optional<Participant> participant;  // who scanned, when known
  std::optional<MeetingView> meeting;      // the meeting the screen is about
  std::vector<MeetingView> following;      // up to two meetings after it
  bool partner_waiting = false;            // the partner is already present for it
  bool meeting_checkin = false;            // this scan checks the participant in for `meeting`
  bool already_checked_in = false;         // the participant was already present for `meeting`'s round
  RowKind row = RowKind::none;             // ignored scans write nothing
};

class CheckinRules {
 public:
  CheckinRules(const KioskData& data, const presence::Presence& presence) : data_(data), presence_(presence) {}

  // `code` is the scanned text; std::nullopt means the scanner saw a code it
  // could not read (unreadable).
  Decision decide(const std::optional<std::string>& code, Instant now) const;

  // Whether `now` is inside the check-in window of a round starting at `start`.
  bool in_window(Instant start, Instant now) const;

  // The decision for a valid badge of `p` scanned at `now`: what decide()
  // returns once the badge is verified. The staff panel's check-in by hand
  // calls it, so that it is the scan's decision exactly.
  Decision for_participant(const Participant& p, Instant now) const;

 private:
  // Which of the person's meetings a scan at `now` is about, and how.
  enum class Focus { window, late, seated, upcoming };
  struct Focused {
    Meeting meeting;
    Focus focus;
  };
  std::optional<Focused> focus(const std::string& participant, Instant now) const;
  MeetingView view_of(const Meeting& m, const std::string& participant) const;
  const KioskData& data_;
  const presence::Presence& presence_;
};

Reason reason_of(badge::BadgeStatus status);

// The journal row a decision writes (no uuid, seq or device yet: the journal
// gives those); nullopt for a decision that writes nothing. Rejected codes
// are kept for staff, bounded and only as printable text.
std::optional<JournalRow> journal_row_for(const Decision& decision, const std::optional<std::string>& code,
                                          KioskTime now);

}  // namespace speedmeet::kiosk
