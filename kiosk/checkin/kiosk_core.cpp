#include "kiosk_core.hpp"

#include <array>

namespace speedmeet::kiosk {
namespace {

constexpr std::array<Language, 3> kIdleLanguages = {Language::fr, Language::en, Language::de};

}  // namespace

std::optional<Key> parse_key(std::string_view name) {
  if (name == "up") return Key::up;
  if (name == "down") return Key::down;
  if (name == "enter" || name == "return") return Key::enter;
  if (name == "escape" || name == "esc") return Key::escape;
  if (name == "board" || name == "b") return Key::board;
  if (name == "sync" || name == "s") return Key::sync;
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
      last_input_(now) {}

void KioskCore::show(View view, KioskTime now) {
  view_ = view;
  view_since_ = now;
  ++serial_;
}

std::string KioskCore::record_and_remember(const Decision& d, const std::optional<std::string>& code, KioskTime now) {
  const auto row = journal_row_for(d, code, now);
  if (!row) return {};
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
  result.decision = CheckinRules(*data_, presence_).decide(code, to_instant(now));
  const Decision& d = result.decision;
  try {
    result.row_id = record_and_remember(d, code, now);
  } catch (const std::exception& e) {
    // Nothing positive may be shown for a check-in that is not stored.
    result.error = e.what();
    out_of_order_problem_ = result.error;  // the screen says, in the kiosk's language, what it stops
    show(View::out_of_order, now);
    return result;
  }
  result.recorded = true;
  if (d.outcome == Outcome::staff) {
    handle_staff_scan(d, now);
    return result;
  }
  last_result_ = d;
  show(View::result, now);
  return result;
}

void KioskCore::handle_staff_scan(const Decision& d, KioskTime now) {
  if (view_ == View::staff && exit_armed_) {
    exit_requested_ = true;
    return;
  }
  staff_name_ = d.participant ? d.participant->name : std::string{};
  staff_language_ = d.participant ? d.participant->language : settings_.language;
  staff_action_ = StaffScreen::Action::sync_now;
  exit_armed_ = false;
  staff_message_ = StaffMessage::none;
  show(View::staff, now);
}

void KioskCore::on_key(Key key, KioskTime now) {
  last_input_ = now;
  if (view_ == View::staff) {
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
    }
    ++serial_;
    return;
  }
  if (view_ == View::board && key == Key::escape && settings_.mode == KioskMode::entrance) {
    show(View::idle, now);
    return;
  }
  if (view_ == View::result && (key == Key::escape || key == Key::enter)) show(home(), now);
}

bool KioskCore::tick(KioskTime now) {
  const auto since = now - view_since_;
  if (view_ == View::result && since >= settings_.result_time) {
    show(home(), now);
    return true;
  }
  if (view_ == View::staff && now - last_input_ >= settings_.staff_timeout) {
    show(home(), now);
    return true;
  }
  if (view_ == View::board && settings_.mode == KioskMode::entrance && now - last_input_ >= settings_.staff_timeout) {
    show(View::idle, now);
    return true;
  }
  if (view_ == View::idle) {
    const auto cycles = std::chrono::duration_cast<Seconds>(since).count() / settings_.language_cycle.count();
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
      ResultScreen r{*last_result_, settings_.language};
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
      return s;
    }
    case View::board:  // in the staff member's language when a staff badge opened it
      return BoardScreen{build_board(*data_, presence_, t),
                         settings_.mode == KioskMode::board ? settings_.language : staff_language_};
    case View::out_of_order: return OutOfOrderScreen{out_of_order_problem_, settings_.language};
  }
  return OutOfOrderScreen{"unknown view"};
}

}  // namespace speedmeet::kiosk
