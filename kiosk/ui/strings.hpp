#pragma once
// Every word the kiosk screens show, in French, English and German, in one
// table (strings.cpp). Patterns hold named fields such as {table}.
#include <initializer_list>
#include <string>
#include <string_view>

#include "domain/event.hpp"

namespace speedmeet::ui {

enum class Text {
  // idle
  scan_badge, idle_round_ends_in, idle_break_starts_in, idle_starts_in, idle_over, sync_online, sync_offline,
  // result
  table, table_n, welcome, your_next_meeting, partner_waiting, late, done, with, starts_at_in, running_since,
  then, staff_opening, ignored, already_checked_in, no_meetings_title, no_meetings, new_partner,
  rejected_unreadable_title, rejected_unreadable, rejected_invalid_title, rejected_invalid,
  rejected_other_event_title, rejected_other_event, rejected_revoked_title, rejected_revoked,
  rejected_unknown_title, rejected_unknown, manual_checkin,
  // staff panel
  staff_title, staff_sync, staff_device, staff_server, staff_last_sync, staff_pending, staff_last_error,
  staff_counts, staff_entrance, staff_meeting, staff_rejected, staff_journal, action_sync_now, action_host_board,
  action_check_in, action_exit, staff_exit_confirm, never, none, sync_disabled, minutes_ago, staff_sync_requested, staff_offline_only,
  staff_clock, clock_unconfirmed, clock_synced, clock_by_staff, clock_pinned, action_confirm_time, staff_time_confirmed,
  // staff panel: check someone in
  search_prompt, search_none, search_more, search_keys, search_in_round, search_not_in_round, search_no_meeting,
  // host board
  board, board_title, board_running, board_upcoming, board_no_round, state_complete, state_waiting, state_empty,
  state_no_show, state_idle, person_not_arrived, person_at_venue, person_checked_in, board_standby,
  board_standby_none, board_at_venue, board_legend,
  // out of order
  out_of_order, out_of_order_action, out_of_order_staff, out_of_order_code,
  // clock not set
  clock_not_set, clock_not_set_action, clock_not_set_staff,
  // setup code (a kiosk with no token)
  setup_code_title, setup_code_action, setup_code_enrolling, setup_code_refused,
  count_  // number of entries; keep last
};

// The pattern of `text` in `language`.
std::string_view text(Text text, Language language);

struct Field {
  std::string_view name;  // without braces
  std::string value;
};

// Replaces each {name} in `pattern` by its field's value; unknown fields are
// left as they are (a test checks that every pattern's fields are supplied
// consistently across languages).
std::string fill(std::string_view pattern, std::initializer_list<Field> fields);

// text() then fill().
std::string say(Text text, Language language, std::initializer_list<Field> fields = {});

}  // namespace speedmeet::ui
