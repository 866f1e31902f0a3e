#pragma once
// Who is at the venue and who checked in for which meeting, from the journal
// rows of every device this kiosk knows of. Pure: fed rows, answers questions.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "domain/time.hpp"

namespace speedmeet::kiosk {

// The kiosk's clock reads milliseconds (real or simulated).
using KioskTime = std::chrono::sys_time<std::chrono::milliseconds>;
inline Instant to_instant(KioskTime t) { return std::chrono::floor<Seconds>(t); }

struct CheckinRow {
  std::string participant;
  bool entrance = false;                  // an entrance check-in (first scan of the day)
  std::optional<std::int64_t> meeting_id; // a check-in for this meeting
};

class Attendance {
 public:
  void add(const CheckinRow& row);
  bool at_venue(const std::string& participant) const { return at_venue_.contains(participant); }
  bool checked_in(std::int64_t meeting_id, const std::string& participant) const;
  std::size_t venue_count() const { return at_venue_.size(); }
  std::size_t meeting_checkins() const { return meeting_checkins_; }

 private:
  std::unordered_set<std::string> at_venue_;
  std::unordered_map<std::int64_t, std::set<std::string>> by_meeting_;
  std::size_t meeting_checkins_ = 0;
};

// The check-in rule for repeats: the same code within the window of the
// last admitted read is `ignored` (people scan twice). It runs on the kiosk
// clock, so headless scripts can simulate time. The camera pipeline has its
// own, different filter (scan::DuplicateFilter, restarted by every sighting)
// so that a badge held in view for a minute reaches this rule only once.
class RepeatFilter {
 public:
  explicit RepeatFilter(Seconds window = Seconds{3}) : window_(window) {}
  // True when the code should be handled; records it. The window counts
  // from the last admitted read, so a badge held in view is not re-read.
  bool admit(const std::string& code, KioskTime now);

 private:
  Seconds window_;
  std::string last_code_;
  KioskTime last_time_{};
};

}  // namespace speedmeet::kiosk
