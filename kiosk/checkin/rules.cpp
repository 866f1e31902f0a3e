#include "rules.hpp"

#include "badge/utf8.hpp"

namespace speedmeet::kiosk {
namespace {

constexpr std::size_t kMaxStoredCode = 200;

std::string storable_code(const std::string& code) {
  if (code.size() > kMaxStoredCode || !badge::is_printable_utf8(code))
    // append(), not "<" + string: GCC 12 warns falsely (-Wrestrict) on the latter at -O2.
    return std::string("<").append(std::to_string(code.size())).append(" bytes, not shown>");
  return code;
}

}  // namespace

Reason reason_of(badge::BadgeStatus status) {
  switch (status) {
    case badge::BadgeStatus::ok: return Reason::none;
    case badge::BadgeStatus::bad_signature: return Reason::bad_signature;
    case badge::BadgeStatus::other_event: return Reason::other_event;
    case badge::BadgeStatus::revoked: return Reason::revoked;
    case badge::BadgeStatus::malformed: return Reason::malformed;
    case badge::BadgeStatus::unknown: return Reason::unknown;
  }
  return Reason::malformed;
}

bool CheckinRules::in_window(Instant start, Instant now) const {
  const auto window = data_.event().checkin_window;
  return now >= start - window && now <= start + window;
}

MeetingView CheckinRules::view_of(const Meeting& m, const std::string& participant) const {
  MeetingView v;
  v.meeting_id = m.id;
  v.round = m.round;
  v.table = m.table;
  v.rematch = m.rematch;
  if (const Table* t = data_.table(m.table)) v.table_label = t->label;
  if (const Round* r = data_.agenda().round(m.round)) {
    v.starts_at = r->starts_at;
    v.ends_at = r->ends_at;
  }
  v.partner_id = m.partner_of(participant);
  if (const Participant* partner = data_.participant(v.partner_id)) {
    v.partner_name = partner->name;
    v.partner_organization = partner->organization;
  }
  return v;
}

Decision CheckinRules::decide(const std::optional<std::string>& code, Instant now) const {
  Decision d;
  d.row = RowKind::scan;
  if (!code) {
    d.reason = Reason::unreadable;
    return d;
  }
  const badge::Verification v = data_.verify(*code);
  if (v.status != badge::BadgeStatus::ok) {
    d.reason = reason_of(v.status);
    if (const Participant* p = v.status == badge::BadgeStatus::revoked ? data_.participant(v.participant_id) : nullptr)
      d.participant = *p;  // a revoked badge still names its holder, for staff
    return d;
  }
  const Participant* p = data_.participant(v.participant_id);
  if (!p) {
    d.reason = Reason::unknown;
    return d;
  }
  return for_participant(*p, now);
}

// The order matters where windows overlap a running round (a break shorter
// than the window): someone moving between tables is checked in for the
// round about to start, not sent back to the one they are leaving.
//  1. a round whose check-in window is open (the latest one) and in which
//     the person has a meeting: that meeting, checked in now;
//  2. else the running round, if they have a meeting in it: a late check-in
//     when they are not present in it yet, else the meeting they sit in;
//  3. else their next meeting, too early to check in.
std::optional<CheckinRules::Focused> CheckinRules::focus(const std::string& participant, Instant now) const {
  const std::vector<Meeting> meetings = data_.agenda().meetings_of(participant);  // round order
  for (auto it = meetings.rbegin(); it != meetings.rend(); ++it)
    if (const Round* r = data_.agenda().round(it->round); r && in_window(r->starts_at, now))
      return Focused{*it, Focus::window};
  for (const Meeting& m : meetings) {
    const Round* r = data_.agenda().round(m.round);
    if (r && now >= r->starts_at && now < r->ends_at)
      return Focused{m, presence_.present_in_round(participant, m.round) ? Focus::seated : Focus::late};
  }
  for (const Meeting& m : meetings)
    if (const Round* r = data_.agenda().round(m.round); r && r->starts_at > now) return Focused{m, Focus::upcoming};
  return std::nullopt;
}

Decision CheckinRules::for_participant(const Participant& p, Instant now) const {
  Decision d;
  d.participant = p;
  if (p.role == Role::staff) {
    d.outcome = Outcome::staff;
    d.row = RowKind::scan;
    return d;
  }
  const bool first_scan = !presence_.at_venue(p.id);
  const auto focused = focus(p.id, now);
  if (focused) {
    const Meeting& m = focused->meeting;
    d.meeting = view_of(m, p.id);
    for (const Meeting& later : data_.agenda().meetings_of(p.id))
      if (later.round > m.round && d.following.size() < 2) d.following.push_back(view_of(later, p.id));
    d.partner_waiting = presence_.checked_in(m, d.meeting->partner_id);
    const bool can_check_in = focused->focus == Focus::window || focused->focus == Focus::late;
    const bool present = presence_.present_in_round(p.id, m.round);
    d.meeting_checkin = can_check_in && !present;
    d.already_checked_in = present && focused->focus != Focus::upcoming;
  }

  if (data_.agenda().meetings_of(p.id).empty()) d.outcome = Outcome::no_meetings;
  else if (!focused) d.outcome = first_scan ? Outcome::welcome : Outcome::done;
  else if (focused->focus == Focus::late && d.meeting_checkin) d.outcome = Outcome::late;  // late is what they must hear
  else if (first_scan) d.outcome = Outcome::welcome;
  else d.outcome = Outcome::next;

  // One scan, one row: the first scan of the day is the entrance check-in
  // (and also the meeting check-in when it checks them in).
  if (first_scan) d.row = RowKind::entrance;
  else if (d.meeting_checkin) d.row = RowKind::meeting;
  else d.row = RowKind::scan;
  return d;
}

std::optional<JournalRow> journal_row_for(const Decision& d, const std::optional<std::string>& code, KioskTime now) {
  if (d.row == RowKind::none) return std::nullopt;
  JournalRow row;
  row.device_time_ms = now.time_since_epoch().count();
  row.kind = d.row == RowKind::entrance ? JournalKind::entrance
             : d.row == RowKind::meeting ? JournalKind::meeting
                                         : JournalKind::scan;
  if (d.participant) row.participant = d.participant->id;
  if (d.meeting_checkin && d.meeting) row.meeting_id = d.meeting->meeting_id;
  row.outcome = std::string(to_string(d.outcome));
  row.reason = std::string(to_string(d.reason));
  if (d.outcome == Outcome::rejected && code) row.code = storable_code(*code);
  return row;
}

}  // namespace speedmeet::kiosk
