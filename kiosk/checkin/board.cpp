#include "board.hpp"

namespace speedmeet::kiosk {
namespace {

BoardSeat seat(const KioskData& data, const Attendance& attendance, const std::string& id, std::int64_t meeting) {
  BoardSeat s;
  s.participant_id = id;
  if (const Participant* p = data.participant(id)) {
    s.name = p->name;
    s.organization = p->organization;
  }
  if (attendance.checked_in(meeting, id)) s.state = PersonState::checked_in;
  else if (attendance.at_venue(id)) s.state = PersonState::at_venue;
  return s;
}

TableState table_state(const BoardTable& t, bool past_grace) {
  const bool a_in = t.a.state == PersonState::checked_in, b_in = t.b.state == PersonState::checked_in;
  if (a_in && b_in) return TableState::complete;
  if (past_grace) return TableState::no_show;
  return a_in || b_in ? TableState::waiting : TableState::empty;
}

}  // namespace

Board build_board(const KioskData& data, const Attendance& attendance, Instant now) {
  Board board;
  board.at_venue = static_cast<int>(attendance.venue_count());
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
  for (const Meeting& m : data.agenda().meetings_in_round(board.round)) {
    if (m.table < 1 || m.table > static_cast<int>(board.tables.size())) continue;
    BoardTable& t = board.tables[static_cast<std::size_t>(m.table - 1)];
    t.meeting_id = m.id;
    t.a = seat(data, attendance, m.a, m.id);
    t.b = seat(data, attendance, m.b, m.id);
    t.state = table_state(t, board.past_grace);
    // Stood up: checked in (or at the venue) while the partner never came.
    if (board.past_grace && t.state == TableState::no_show) {
      for (const auto* pair : {&t.a, &t.b}) {
        const BoardSeat& other = pair == &t.a ? t.b : t.a;
        if (pair->state != PersonState::not_arrived && other.state != PersonState::checked_in)
          board.standby.push_back({pair->participant_id, pair->name, pair->organization, t.table});
      }
    }
  }
  for (const BoardTable& t : board.tables) {
    switch (t.state) {
      case TableState::complete: ++board.complete; break;
      case TableState::waiting: ++board.waiting; break;
      case TableState::empty: ++board.empty; break;
      case TableState::no_show: ++board.no_show; break;
      case TableState::idle: ++board.idle; break;
    }
  }
  return board;
}

}  // namespace speedmeet::kiosk
