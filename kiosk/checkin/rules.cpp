#include "rules.hpp"

#include <algorithm>


namespace speedmeet::kiosk {

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

Decision CheckinRules::for_participant(const Participant& p, Instant now) const {
  Decision d;
  d.participant = p;
  if (p.role == Role::staff) {
    d.outcome = Outcome::staff;
    d.row = RowKind::scan;
    return d;
  }
  const bool first_scan = !attendance_.at_venue(p.id);
  const auto next = data_.agenda().next_meeting(p.id, now);
  if (next) {
    d.meeting = view_of(*next, p.id);
    const auto remaining = data_.agenda().remaining(p.id, now);
    for (std::size_t i = 1; i < remaining.size() && d.following.size() < 2; ++i)
      d.following.push_back(view_of(remaining[i], p.id));
    d.partner_waiting = attendance_.checked_in(next->id, d.meeting->partner_id);
  }

  const bool running = next && now >= d.meeting->starts_at;
  const bool window = next && in_window(d.meeting->starts_at, now);
  // A check-in counts inside the window, and for a late arrival while the
  // round runs (they still go to the table).
  d.meeting_checkin = next && (window || running) && !attendance_.checked_in(next->id, p.id);

  if (first_scan) d.outcome = Outcome::welcome;
  else if (!next) d.outcome = Outcome::done;
  else if (running && !window) d.outcome = Outcome::late;
  else d.outcome = Outcome::next;
  if (first_scan && running && !window) d.outcome = Outcome::late;  // late is what they must hear

  // One scan, one row: the first scan of the day is the entrance check-in
  // (and also the meeting check-in when it falls in the window).
  if (first_scan) d.row = RowKind::entrance;
  else if (d.meeting_checkin) d.row = RowKind::meeting;
  else d.row = RowKind::scan;
  return d;
}

}  // namespace speedmeet::kiosk
