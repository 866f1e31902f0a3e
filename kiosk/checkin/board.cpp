#include "board.hpp"

namespace speedmeet::kiosk {
namespace {

BoardSeat seat(const KioskData& data, const presence::Presence& presence, const std::string& id, int round) {
  BoardSeat s;
  s.participant_id = id;
  if (const Participant* p = data.participant(id)) {
    s.name = p->name;
    s.organization = p->organization;
  }
  if (presence.present_in_round(id, round)) s.state = PersonState::checked_in;
  else if (presence.at_venue(id)) s.state = PersonState::at_venue;
  return s;
}

TableState table_state(const BoardTable& t, bool past_grace) {
  const bool a_in = t.a.state == PersonState::checked_in, b_in = t.b.state == PersonState::checked_in;
  if (a_in && b_in) return TableState::complete;
  if (past_grace) return TableState::no_show;
  return a_in || b_in ? TableState::waiting : TableState::empty;
}

void count(Board& board) {
  for (const BoardTable& t : board.tables) {
    switch (t.state) {
      case TableState::complete: ++board.complete; break;
      case TableState::waiting: ++board.waiting; break;
      case TableState::empty: ++board.empty; break;
      case TableState::no_show: ++board.no_show; break;
      case TableState::idle: ++board.idle; break;
    }
  }
}

}  // namespace

Board build_board(const KioskData& data, const presence::Presence& presence, Instant now) {
  Board board;
  board.at_venue = static_cast<int>(presence.venue_count());
  const Phase phase = data.agenda().phase_at(now);
  if (phase.kind == Phase::Kind::after_event) return board;
  const Round* round = data.agenda().round(phase.round);
  if (!round) return board;
  board.round = round->number;
  board.starts_at = round->starts_at;
  board.ends_at = round->ends_at;
  board.running = phase.kind == Phase::Kind::in_round;
  board.past_grace = now >= round->starts_at + data.event().grace;

  for (const Table& t : data.event().tables) board.tables.push_back({t.number, t.label, 0, {}, {}, TableState::idle});
  const std::vector<Meeting> meetings = data.agenda().meetings_in_round(board.round);
  for (const Meeting& m : meetings) {
    if (m.table < 1 || m.table > static_cast<int>(board.tables.size())) continue;
    BoardTable& t = board.tables[static_cast<std::size_t>(m.table - 1)];
    t.meeting_id = m.id;
    t.rematch = m.rematch;
    t.a = seat(data, presence, m.a, m.round);
    t.b = seat(data, presence, m.b, m.round);
    t.state = table_state(t, board.past_grace);
  }
  count(board);
  if (board.past_grace) {
    for (const presence::Standby& s : presence::find_standby(board.round, meetings, presence, data.staff())) {
      const Participant* p = data.participant(s.participant);
      board.standby.push_back({s.participant, p ? p->name : s.participant, p ? p->organization : "", s.meeting.table});
    }
  }
  return board;
}

}  // namespace speedmeet::kiosk
