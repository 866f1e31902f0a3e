#pragma once
// The kiosk's behaviour without any I/O: scans and keys in, the screen to
// show out. Check-ins go through a CheckinRecorder, and the screen says yes
// only after record() returned. Time comes in with every call.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kiosk_data.hpp"
#include "person_search.hpp"
#include "presence/presence.hpp"
#include "repeat_filter.hpp"
#include "rules.hpp"
#include "screens.hpp"

namespace speedmeet::kiosk {

// Durably records one decision's journal row. Throws when it cannot: the
// kiosk then goes out of order instead of claiming a check-in.
class CheckinRecorder {
 public:
  virtual ~CheckinRecorder() = default;
  // Returns the row as stored (with its uuid, device and seq).
  virtual JournalRow record(const JournalRow& row) = 0;
};

enum class Key { up, down, enter, escape, board, sync, backspace };
std::optional<Key> parse_key(std::string_view name);

enum class KioskMode { entrance, board };

struct KioskSettings {
  KioskMode mode = KioskMode::entrance;
  Language language = Language::en;  // for screens that belong to nobody
  Seconds result_time{7};            // result screen, then back to idle
  Seconds staff_timeout{60};         // staff panel and its search close themselves without input
  Seconds language_cycle{4};         // idle screen: fr, en, de in turn
};

struct StaffCounts {
  int entrance_checkins = 0;
  int meeting_checkins = 0;
  int rejected_scans = 0;
  int journal_rows = 0;
};

class KioskCore {
 public:
  // `presence` must index data's meetings (presence::Presence(data->every_meeting(), rows)).
  KioskCore(std::shared_ptr<const KioskData> data, presence::Presence presence, CheckinRecorder& recorder,
            KioskSettings settings, KioskTime now);

  // A scan: the decoded text, or nullopt when a code was seen but not read.
  // Never throws: a failed write shows the out-of-order screen and returns
  // recorded = false.
  struct ScanResult {
    Decision decision;
    bool recorded = false;  // the journal row is durable (false for ignored repeats)
    std::string row_id;     // its id, when recorded
    std::string error;      // why it could not be recorded
    std::string manual_by;  // a check-in made by hand on the staff panel: the staff member's id
    // Not decided at all: "clock_not_set", or the self-check's code (E-DISK...)
    // while the kiosk is out of order. Nothing was recorded.
    std::string refused;
  };
  ScanResult on_scan(const std::optional<std::string>& code, KioskTime now);
  // A key. Enter on the staff panel's search checks the selected person in
  // and returns that check-in as a scan's result would be (never throws
  // either); every other key returns nullopt.
  std::optional<ScanResult> on_key(Key key, KioskTime now);
  // Text typed on a keyboard (UTF-8). It goes to whatever has the keyboard:
  // the staff panel's search field; elsewhere it is ignored.
  void on_text(std::string_view typed, KioskTime now);
  // Whether typed text goes somewhere now (the search screen is open): the
  // window then keeps it from the scanner's keyboard wedge.
  bool wants_text() const { return view_ == View::search; }
  // Takes back text that went to the search field but turned out to be a
  // scanner's burst (the window only knows once it ends): the end of the
  // field that `burst` starts with.
  void withdraw_text(std::string_view burst);
  // Time passing: closes timed screens, cycles the idle language. Returns
  // true when the picture changed (screen_serial() only moves for a new screen).
  bool tick(KioskTime now);

  // New roster/schedule and the presence they index, from sync (with the
  // rows other kiosks made).
  void replace_data(std::shared_ptr<const KioskData> data, presence::Presence presence);

  Screen screen(KioskTime now) const;
  // Increases whenever what the screen shows changes (not for clock ticks).
  std::uint64_t screen_serial() const { return serial_; }

  // Restarts timed screens from `now` (the clock was set, e.g. a simulated one).
  void set_clock(KioskTime now) { view_since_ = last_input_ = now; }

  // How far the clock is trusted (the app measures it); a clock nobody
  // confirmed that reads outside the event's days shows "clock not set".
  void set_clock_state(const ClockState& clock, KioskTime now);
  const ClockState& clock_state() const { return clock_; }
  // The staff panel's "confirm the time", if chosen since the last call:
  // the staff member's name (the app marks the clock confirmed).
  std::optional<std::string> take_time_confirmation();

  // A self-check failure (docs/CHECKIN.md, "Self-check"): the kiosk is out of
  // order, showing `code` and `problem`, and decides nothing; nullopt
  // clears it (the screen goes home by itself).
  struct Fault {
    std::string code;     // E-CAM, E-DISK, E-DB, E-NET
    std::string problem;  // one sentence for staff
    bool operator==(const Fault&) const = default;
  };
  void set_fault(const std::optional<Fault>& fault, KioskTime now);

  bool exit_requested() const { return exit_requested_; }
  // Set by "sync now" in the staff panel; the app clears it once handled.
  bool take_sync_request();
  void set_staff_counts(const StaffCounts& counts) { counts_ = counts; }
  void set_staff_message(StaffMessage message);

  const KioskData& data() const { return *data_; }
  const presence::Presence& presence() const { return presence_; }

 private:
  enum class View { idle, result, staff, search, board, out_of_order, clock_not_set };
  void show(View view, KioskTime now);
  View home() const { return settings_.mode == KioskMode::board ? View::board : View::idle; }
  void handle_staff_scan(const Decision& d, KioskTime now);
  bool blocked_by_clock(KioskTime now) const;
  ScanResult refused_for_clock(Decision decision, KioskTime now);
  // Out of order for a fault, clock not set, or home again, as they require.
  bool follow_health(KioskTime now);
  // Records the decision's row (with the staff member's id for a check-in
  // by hand), then shows its screen; a failed write shows out of order.
  ScanResult settle(Decision decision, const std::optional<std::string>& code, const std::string& staff, KioskTime now);
  std::string record_and_remember(const Decision& d, const std::optional<std::string>& code, const std::string& staff,
                                  KioskTime now);
  void on_staff_key(Key key, KioskTime now);
  std::optional<ScanResult> on_search_key(Key key, KioskTime now);
  std::optional<ScanResult> check_in_selected(KioskTime now);
  void set_query(std::string query);
  StaffSearchScreen search_screen(Instant now) const;

  std::shared_ptr<const KioskData> data_;
  presence::Presence presence_;
  CheckinRecorder& recorder_;
  KioskSettings settings_;
  RepeatFilter repeats_;

  View view_;
  KioskTime view_since_;
  KioskTime last_input_;
  std::optional<Decision> last_result_;
  std::string last_result_by_;  // the staff member's name when last_result_ was a check-in by hand
  StaffScreen::Action staff_action_ = StaffScreen::Action::sync_now;
  bool exit_armed_ = false;
  std::string staff_id_;
  std::string staff_name_;
  PersonIndex people_;             // who the search can find
  std::string search_query_;
  PersonIndex::Found search_found_;
  int search_selected_ = 0;
  StaffMessage staff_message_ = StaffMessage::none;
  Language staff_language_ = Language::en;
  std::string out_of_order_problem_;
  std::string out_of_order_code_;  // the fault's code; empty when a write failed (that stays until restart)
  std::optional<Fault> fault_;
  ClockState clock_;
  EventDays event_days_;
  bool time_confirmation_requested_ = false;
  StaffCounts counts_;
  bool exit_requested_ = false;
  bool sync_requested_ = false;
  int idle_language_index_ = 0;
  std::uint64_t serial_ = 0;
};

// The tone a scan's result plays: its outcome's, an error when the check-in
// could not be stored, none for an ignored repeat (a badge held in view).
std::optional<Tone> tone_for(const KioskCore::ScanResult& result);

}  // namespace speedmeet::kiosk
