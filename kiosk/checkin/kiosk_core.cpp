#include "kiosk_core.hpp"

#include <algorithm>
#include <array>

#include "badge/utf8.hpp"

namespace speedmeet::kiosk {
namespace {

constexpr std::array<Language, 3> kIdleLanguages = {Language::fr, Language::en, Language::de};
// The search field holds a name or an id: longer input is dropped (a
// scanner's burst fits, so that it can be taken back whole).
constexpr std::size_t kMaxQueryBytes = 512;

// Length of the last UTF-8 code point at the end of s.
std::size_t last_code_point_length(const std::string& s) {
  std::size_t n = 1;
  while (n < s.size() && (static_cast<unsigned char>(s[s.size() - n]) & 0xC0) == 0x80) ++n;
  return std::min(n, s.size());
}

// The printable characters of typed text: controls and bytes that are not
// UTF-8 never reach the field.
std::string printable_part(std::string_view typed) {
  std::string out;
  for (std::size_t i = 0; i < typed.size();) {
    const std::size_t length = badge::utf8_sequence_length(typed, i);
    if (length == 0) {
      ++i;
      continue;
    }
    if (!badge::is_control_character(badge::utf8_code_point(typed, i, length)) &&
        !badge::is_bidi_control(badge::utf8_code_point(typed, i, length)))
      out.append(typed.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace

std::optional<Key> parse_key(std::string_view name) {
  if (name == "up") return Key::up;
  if (name == "down") return Key::down;
  if (name == "enter" || name == "return") return Key::enter;
  if (name == "escape" || name == "esc") return Key::escape;
  if (name == "board" || name == "b") return Key::board;
  if (name == "sync" || name == "s") return Key::sync;
  if (name == "backspace") return Key::backspace;
  return std::nullopt;
}

KioskCore::KioskCore(std::shared_ptr<const KioskData> data, presence::Presence presence, CheckinRecorder& recorder,
                     KioskSettings settings, KioskTime now)
    : data_(std::move(data)),
      presence_(std::move(presence)),
      recorder_(recorder),
      settings_(settings),
      view_(home()),
      view_since_(now),
      last_input_(now),
      people_(*data_),
      event_days_(event_days(data_->event())) {}

void KioskCore::show(View view, KioskTime now) {
  // Home, while the clock is not set, is the clock-not-set screen.
  if ((view == View::idle || view == View::board) && blocked_by_clock(now)) view = View::clock_not_set;
  view_ = view;
  view_since_ = now;
  ++serial_;
}

std::string KioskCore::record_and_remember(const Decision& d, const std::optional<std::string>& code,
                                           const std::string& staff, KioskTime now) {
  auto row = journal_row_for(d, code, now);
  if (!row) return {};
  row->staff = staff;
  const JournalRow stored = recorder_.record(*row);  // throws: nothing below happens
  presence_.add(stored);
  if (d.outcome == Outcome::rejected) ++counts_.rejected_scans;
  if (d.row == RowKind::entrance) ++counts_.entrance_checkins;
  if (d.meeting_checkin) ++counts_.meeting_checkins;
  ++counts_.journal_rows;
  return stored.uuid;
}

KioskCore::ScanResult KioskCore::on_scan(const std::optional<std::string>& code, KioskTime now) {
  last_input_ = now;
  ScanResult result;
  if (code && !repeats_.admit(*code, now)) {
    result.decision.outcome = Outcome::ignored;
    result.decision.row = RowKind::none;
    return result;
  }
  if (fault_) {  // out of order: nothing is decided, nothing recorded
    result.refused = fault_->code;
    result.error = fault_->problem;
    return result;
  }
  Decision decision = CheckinRules(*data_, presence_).decide(code, to_instant(now));
  // Clock not set: only a staff badge works (to open the panel and confirm the time).
  if (blocked_by_clock(now) && decision.outcome != Outcome::staff) return refused_for_clock(std::move(decision), now);
  return settle(std::move(decision), code, {}, now);
}

KioskCore::ScanResult KioskCore::refused_for_clock(Decision decision, KioskTime now) {
  ScanResult result;
  result.decision = std::move(decision);
  result.refused = "clock_not_set";
  result.error = "the clock is not set";
  if (view_ != View::clock_not_set) show(View::clock_not_set, now);
  return result;
}

bool KioskCore::blocked_by_clock(KioskTime now) const { return clock_not_set(clock_, event_days_, to_instant(now)); }

bool KioskCore::follow_health(KioskTime now) {
  if (fault_) {
    if (view_ == View::out_of_order && out_of_order_code_ == fault_->code && out_of_order_problem_ == fault_->problem)
      return false;
    out_of_order_code_ = fault_->code;
    out_of_order_problem_ = fault_->problem;
    show(View::out_of_order, now);
    return true;
  }
  if (view_ == View::out_of_order && !out_of_order_code_.empty()) {  // the self-check's fault was fixed
    out_of_order_code_.clear();
    show(home(), now);
    return true;
  }
  const bool blocked = blocked_by_clock(now);
  if (blocked && (view_ == View::idle || view_ == View::board || view_ == View::result)) {
    show(View::clock_not_set, now);
    return true;
  }
  if (!blocked && view_ == View::clock_not_set) {
    show(home(), now);
    return true;
  }
  return false;
}

void KioskCore::set_clock_state(const ClockState& clock, KioskTime now) {
  const bool changed = clock != clock_;
  clock_ = clock;
  // Corrected time may have jumped (hours, or back from 1970): timed
  // screens restart from the new now, as for set_clock().
  if (changed) view_since_ = last_input_ = now;
  if (!follow_health(now) && changed && view_ == View::staff) ++serial_;
}

std::optional<std::string> KioskCore::take_time_confirmation() {
  if (!time_confirmation_requested_) return std::nullopt;
  time_confirmation_requested_ = false;
  return staff_name_.empty() ? staff_id_ : staff_name_;
}

void KioskCore::set_fault(const std::optional<Fault>& fault, KioskTime now) {
  if (fault == fault_) return;
  fault_ = fault;
  follow_health(now);
}

KioskCore::ScanResult KioskCore::settle(Decision decision, const std::optional<std::string>& code,
                                        const std::string& staff, KioskTime now) {
  ScanResult result;
  result.decision = std::move(decision);
  result.manual_by = staff;
  const Decision& d = result.decision;
  try {
    result.row_id = record_and_remember(d, code, staff, now);
  } catch (const std::exception& e) {
    // Nothing positive may be shown for a check-in that is not stored.
    result.error = e.what();
    out_of_order_problem_ = result.error;  // the screen says, in the kiosk's language, what it stops
    out_of_order_code_.clear();
    show(View::out_of_order, now);
    return result;
  }
  result.recorded = true;
  if (d.outcome == Outcome::staff) {
    handle_staff_scan(d, now);
    return result;
  }
  last_result_ = d;
  last_result_by_ = staff.empty() ? std::string{} : staff_name_;
  show(View::result, now);
  return result;
}

void KioskCore::handle_staff_scan(const Decision& d, KioskTime now) {
  if (view_ == View::staff && exit_armed_) {
    exit_requested_ = true;
    return;
  }
  staff_id_ = d.participant ? d.participant->id : std::string{};
  staff_name_ = d.participant ? d.participant->name : std::string{};
  staff_language_ = d.participant ? d.participant->language : settings_.language;
  staff_action_ = StaffScreen::Action::sync_now;
  exit_armed_ = false;
  staff_message_ = StaffMessage::none;
  show(View::staff, now);
}

std::optional<KioskCore::ScanResult> KioskCore::on_key(Key key, KioskTime now) {
  last_input_ = now;
  if (view_ == View::staff) {
    on_staff_key(key, now);
    return std::nullopt;
  }
  if (view_ == View::search) return on_search_key(key, now);
  if (view_ == View::board && key == Key::escape && settings_.mode == KioskMode::entrance) {
    show(View::idle, now);
    return std::nullopt;
  }
  if (view_ == View::result && (key == Key::escape || key == Key::enter)) show(home(), now);
  return std::nullopt;
}

void KioskCore::on_staff_key(Key key, KioskTime now) {
  using A = StaffScreen::Action;
  switch (key) {
    case Key::up:
      staff_action_ = staff_action_ == A::sync_now ? A::exit : static_cast<A>(static_cast<int>(staff_action_) - 1);
      exit_armed_ = false;
      break;
    case Key::down:
      staff_action_ = staff_action_ == A::exit ? A::sync_now : static_cast<A>(static_cast<int>(staff_action_) + 1);
      exit_armed_ = false;
      break;
    case Key::enter:
      if (staff_action_ == A::sync_now) {
        sync_requested_ = true;
        staff_message_ = StaffMessage::sync_requested;
      } else if (staff_action_ == A::host_board) {
        show(View::board, now);
        return;
      } else if (staff_action_ == A::check_in) {
        set_query({});
        show(View::search, now);
        return;
      } else if (staff_action_ == A::confirm_time) {
        time_confirmation_requested_ = true;
        staff_message_ = StaffMessage::time_confirmed;
      } else {
        exit_armed_ = true;
      }
      break;
    case Key::sync:
      sync_requested_ = true;
      staff_message_ = StaffMessage::sync_requested;
      break;
    case Key::board: show(View::board, now); return;
    case Key::escape: show(home(), now); return;
    case Key::backspace: return;
  }
  ++serial_;
}

std::optional<KioskCore::ScanResult> KioskCore::on_search_key(Key key, KioskTime now) {
  const int shown = static_cast<int>(search_found_.ids.size());
  switch (key) {
    case Key::up: search_selected_ = std::max(0, search_selected_ - 1); break;
    case Key::down: search_selected_ = std::max(0, std::min(shown - 1, search_selected_ + 1)); break;
    case Key::enter: return check_in_selected(now);
    case Key::escape:  // back to the staff panel, where the search was opened
      staff_action_ = StaffScreen::Action::check_in;
      staff_message_ = StaffMessage::none;
      show(View::staff, now);
      return std::nullopt;
    case Key::backspace:
      if (search_query_.empty()) return std::nullopt;
      set_query(search_query_.substr(0, search_query_.size() - last_code_point_length(search_query_)));
      break;
    case Key::board:
    case Key::sync: return std::nullopt;  // letters of the search, not shortcuts, on a keyboard
  }
  ++serial_;
  return std::nullopt;
}

// The selected person, checked in as a scan of their badge now would: the
// same rules, the same row (with the staff member's id), the same screen.
std::optional<KioskCore::ScanResult> KioskCore::check_in_selected(KioskTime now) {
  if (search_found_.ids.empty()) return std::nullopt;
  const std::string& id = search_found_.ids[static_cast<std::size_t>(search_selected_)];
  const Participant* p = data_->participant(id);
  if (!p || p->role == Role::staff) return std::nullopt;  // gone or turned staff since the list was made
  if (blocked_by_clock(now)) return refused_for_clock(CheckinRules(*data_, presence_).for_participant(*p, to_instant(now)), now);
  return settle(CheckinRules(*data_, presence_).for_participant(*p, to_instant(now)), std::nullopt, staff_id_, now);
}

void KioskCore::on_text(std::string_view typed, KioskTime now) {
  if (view_ != View::search) return;
  last_input_ = now;
  const std::string text = printable_part(typed);
  if (text.empty() || search_query_.size() + text.size() > kMaxQueryBytes) return;
  set_query(search_query_ + text);
  ++serial_;
}

void KioskCore::withdraw_text(std::string_view burst) {
  if (view_ != View::search) return;
  const std::string text = printable_part(burst);
  for (std::size_t n = std::min(text.size(), search_query_.size()); n > 0; --n)
    if (std::string_view(search_query_).ends_with(std::string_view(text).substr(0, n))) {
      set_query(search_query_.substr(0, search_query_.size() - n));
      ++serial_;
      return;
    }
}

void KioskCore::set_query(std::string query) {
  search_query_ = std::move(query);
  search_found_ = people_.find(search_query_, StaffSearchScreen::kShown);
  search_selected_ = 0;
}

bool KioskCore::tick(KioskTime now) {
  if (follow_health(now)) return true;
  const auto since = now - view_since_;
  if (view_ == View::result && since >= settings_.result_time) {
    show(home(), now);
    return true;
  }
  if ((view_ == View::staff || view_ == View::search) && now - last_input_ >= settings_.staff_timeout) {
    show(home(), now);
    return true;
  }
  if (view_ == View::board && settings_.mode == KioskMode::entrance && now - last_input_ >= settings_.staff_timeout) {
    show(View::idle, now);
    return true;
  }
  if (view_ == View::idle) {
    // Never negative, even should the clock go back under a screen.
    const auto cycles = std::max<long long>(0, std::chrono::duration_cast<Seconds>(since).count()) /
                        settings_.language_cycle.count();
    const int index = static_cast<int>(cycles % static_cast<long>(kIdleLanguages.size()));
    if (index != idle_language_index_) {
      // Redraw, but the same screen: no new screenshot, no serial.
      idle_language_index_ = index;
      return true;
    }
  }
  return false;
}

void KioskCore::replace_data(std::shared_ptr<const KioskData> data, presence::Presence presence) {
  data_ = std::move(data);
  presence_ = std::move(presence);
  people_ = PersonIndex(*data_);
  event_days_ = event_days(data_->event());
  if (view_ == View::search) {  // the same person stays selected when still found
    const std::string selected =
        search_found_.ids.empty() ? std::string{} : search_found_.ids[static_cast<std::size_t>(search_selected_)];
    set_query(search_query_);
    const auto it = std::find(search_found_.ids.begin(), search_found_.ids.end(), selected);
    if (it != search_found_.ids.end()) search_selected_ = static_cast<int>(it - search_found_.ids.begin());
  }
  ++serial_;
}

bool KioskCore::take_sync_request() {
  const bool requested = sync_requested_;
  sync_requested_ = false;
  return requested;
}

void KioskCore::set_staff_message(StaffMessage message) {
  staff_message_ = message;
  if (view_ == View::staff) ++serial_;
}

Screen KioskCore::screen(KioskTime now) const {
  const Instant t = to_instant(now);
  switch (view_) {
    case View::idle:
      return IdleScreen{data_->agenda().phase_at(t), data_->event().round_count(),
                        kIdleLanguages[static_cast<std::size_t>(idle_language_index_)]};
    case View::result: {
      ResultScreen r{*last_result_, settings_.language, last_result_by_};
      if (last_result_->participant && last_result_->outcome != Outcome::rejected)
        r.language = last_result_->participant->language;
      return r;
    }
    case View::staff: {
      StaffScreen s;
      s.selected = staff_action_;
      s.exit_armed = exit_armed_;
      s.staff_name = staff_name_;
      s.entrance_checkins = counts_.entrance_checkins;
      s.meeting_checkins = counts_.meeting_checkins;
      s.rejected_scans = counts_.rejected_scans;
      s.journal_rows = counts_.journal_rows;
      s.message = staff_message_;
      s.language = staff_language_;
      s.clock = clock_;
      return s;
    }
    case View::search: return search_screen(t);
    case View::board:  // in the staff member's language when a staff badge opened it
      return BoardScreen{build_board(*data_, presence_, t),
                         settings_.mode == KioskMode::board ? settings_.language : staff_language_};
    case View::out_of_order: return OutOfOrderScreen{out_of_order_problem_, settings_.language, out_of_order_code_};
    case View::clock_not_set: return ClockNotSetScreen{settings_.language};
  }
  return OutOfOrderScreen{"unknown view"};
}

// Each person found, with where they stand now: at the venue, and present
// or not in the round a check-in would be about — the rules' own answer.
StaffSearchScreen KioskCore::search_screen(Instant now) const {
  StaffSearchScreen s;
  s.query = search_query_;
  s.selected = search_selected_;
  s.staff_name = staff_name_;
  s.language = staff_language_;
  s.more = search_found_.total - search_found_.ids.size();
  const CheckinRules rules(*data_, presence_);
  for (const std::string& id : search_found_.ids) {
    const Participant* p = data_->participant(id);
    if (!p) continue;
    PersonMatch m{p->id, p->name, p->organization, presence_.at_venue(p->id), std::nullopt, false};
    if (const Decision d = rules.for_participant(*p, now); d.meeting) {
      m.round = d.meeting->round;
      m.present_in_round = presence_.present_in_round(p->id, d.meeting->round);
    }
    s.matches.push_back(std::move(m));
  }
  return s;
}

std::optional<Tone> tone_for(const KioskCore::ScanResult& result) {
  if (result.decision.outcome == Outcome::ignored) return std::nullopt;
  if (!result.recorded) return Tone::error;
  return tone_of(result.decision.outcome);
}

}  // namespace speedmeet::kiosk
