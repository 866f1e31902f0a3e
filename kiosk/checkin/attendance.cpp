#include "attendance.hpp"

namespace speedmeet::kiosk {

void Attendance::add(const CheckinRow& row) {
  if (row.participant.empty()) return;
  if (row.entrance) at_venue_.insert(row.participant);
  if (row.meeting_id) {
    at_venue_.insert(row.participant);  // whoever sits at a table is at the venue
    if (by_meeting_[*row.meeting_id].insert(row.participant).second) ++meeting_checkins_;
  }
}

bool Attendance::checked_in(std::int64_t meeting_id, const std::string& participant) const {
  auto it = by_meeting_.find(meeting_id);
  return it != by_meeting_.end() && it->second.contains(participant);
}

bool RepeatFilter::admit(const std::string& code, KioskTime now) {
  if (code == last_code_ && now - last_time_ < window_) return false;
  last_code_ = code;
  last_time_ = now;
  return true;
}

}  // namespace speedmeet::kiosk
