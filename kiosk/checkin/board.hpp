#pragma once
// The host board: every table of the round in play, who is there, and who
// stands by for a re-match. Pure.
#include <string>
#include <vector>

#include "kiosk_data.hpp"
#include "presence/presence.hpp"

namespace speedmeet::kiosk {

enum class PersonState { not_arrived, at_venue, checked_in };
enum class TableState { complete, waiting, empty, no_show, idle };

struct BoardSeat {
  std::string participant_id;
  std::string name;
  std::string organization;
  PersonState state = PersonState::not_arrived;
};

struct BoardTable {
  int table = 0;
  std::string label;
  std::int64_t meeting_id = 0;
  BoardSeat a;
  BoardSeat b;
  TableState state = TableState::idle;  // idle: no meeting at this table this round
  bool rematch = false;                 // a pair made on site after a no-show
};

struct BoardStandby {
  std::string participant_id;
  std::string name;
  std::string organization;
  int table = 0;  // where they were to meet
};

struct Board {
  int round = 0;        // 0: no round to show (after the event)
  bool running = false; // the round has started
  bool past_grace = false;
  Instant starts_at;
  Instant ends_at;
  std::vector<BoardTable> tables;  // every table of the event, in order
  std::vector<BoardStandby> standby;
  int complete = 0, waiting = 0, empty = 0, no_show = 0, idle = 0;
  int at_venue = 0;  // people at the venue (whole event)
};

// The round running at `now`, or the next one during a break or before the
// event. Who is where comes from presence; the standby list is
// presence::find_standby's, the same the server's re-match pairs.
Board build_board(const KioskData& data, const presence::Presence& presence, Instant now);

}  // namespace speedmeet::kiosk
