#pragma once
// What each kiosk screen shows, as plain data. The kiosk core fills these;
// kiosk/ui lays them out and draws them. No SDL here.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "board.hpp"
#include "clock_state.hpp"
#include "rules.hpp"

namespace speedmeet::kiosk {

// The sync client's state, as the idle and staff screens show it.
struct SyncIndicator {
  enum class State { disabled, online, offline };  // disabled: no server configured (demo, USB bundle)
  State state = State::disabled;
  std::string server;                    // URL, without credentials
  int pending_uploads = 0;
  std::optional<Instant> last_success;
  std::string last_error;                // one sentence, never a token
};

// Things every screen may use.
struct ScreenContext {
  std::string event_name;
  std::string venue;
  std::string timezone;  // IANA, for local times
  std::string device_name;
  Instant now;
  SyncIndicator sync;
};

struct IdleScreen {
  Phase phase;             // before/in/between rounds, after the event
  int round_count = 0;
  Language language = Language::en;  // the idle screen cycles fr, en, de
};

struct ResultScreen {
  Decision decision;
  Language language = Language::en;  // the participant's, or the kiosk's for unknown badges
  std::string checked_in_by{};  // a check-in made by hand on the staff panel: the staff member's name; empty for a scan
};

// Feedback of the staff panel's last action; the screen words it in the
// staff member's language.
enum class StaffMessage { none, sync_requested, offline_only, time_confirmed };

struct StaffScreen {
  enum class Action { sync_now, host_board, check_in, confirm_time, exit };
  Action selected = Action::sync_now;
  bool exit_armed = false;  // exit chosen: waiting for a staff badge to confirm
  std::string staff_name;
  int entrance_checkins = 0;
  int meeting_checkins = 0;
  int rejected_scans = 0;
  int journal_rows = 0;
  StaffMessage message = StaffMessage::none;
  Language language = Language::en;  // the staff member's
  ClockState clock;                  // the time shown is ScreenContext::now, corrected
};

// Someone the staff panel's search found.
struct PersonMatch {
  std::string id;
  std::string name;
  std::string organization;
  bool at_venue = false;
  std::optional<int> round;       // the round a check-in now would be about; none: no meeting left
  bool present_in_round = false;  // already present in `round`
};

// "Check someone in": the staff member types a name, an organization or an
// id; the people found, the selected one checked in with Enter.
struct StaffSearchScreen {
  std::string query;                 // as typed
  std::vector<PersonMatch> matches;  // best first, at most kShown
  std::size_t more = 0;              // matches beyond those shown
  int selected = 0;                  // index in matches (when there are any)
  std::string staff_name;
  Language language = Language::en;  // the staff member's
  static constexpr std::size_t kShown = 6;
};

struct BoardScreen {
  Board board;
  Language language = Language::en;  // the staff member's who opened it
};

// The kiosk cannot record check-ins (disk full, database read-only, no
// camera...): staff must act; attendees are not told anything false.
struct OutOfOrderScreen {
  std::string problem;  // for staff: the cause, one sentence (the screen says that check-ins cannot be recorded)
  Language language = Language::en;  // the kiosk's: the screen belongs to nobody
  std::string code{};   // the self-check's short code (E-CAM, E-DISK, E-DB, E-NET); empty for a failed write
};

// A kiosk with no device token: it waits for the setup code that
// `speedmeet device add --qr` made (docs/API.md, "Enrolment by setup code").
struct SetupCodeScreen {
  enum class State { waiting, enrolling, refused };
  State state = State::waiting;
  std::string refusal;  // refused: why, one sentence (also in the log)
  Language language = Language::en;  // the kiosk's: the screen belongs to nobody
};

// The clock was never confirmed and reads outside the event's days: the
// kiosk decides nothing until a sync or a staff member confirms the time.
// The time it reads is ScreenContext::now.
struct ClockNotSetScreen {
  Language language = Language::en;  // the kiosk's
};

using Screen = std::variant<IdleScreen, ResultScreen, StaffScreen, StaffSearchScreen, BoardScreen, OutOfOrderScreen,
                            SetupCodeScreen, ClockNotSetScreen>;

}  // namespace speedmeet::kiosk
