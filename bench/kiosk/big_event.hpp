#pragma once
// A big event for the kiosk benchmarks, built once outside any timing:
// 10,000 participants (half companies, half project holders, a few staff),
// 500 tables, 8 rounds, 4,000 meetings, and a journal already holding the
// entrance check-ins of 8,000 of them — a kiosk restarted mid-event.
#include <string>
#include <vector>

namespace speedmeet::bench {

struct BigEvent {
  std::string database;             // the kiosk database (central format, like the demo's)
  std::vector<std::string> badges;  // signed badge codes of participants who have meetings, in scan order
  int participants = 0;
  int meetings = 0;
  int journal_rows = 0;
};

// Creates `dir`/kiosk.db (replacing one left there). `badges` codes are signed.
BigEvent build_big_event(const std::string& dir, int participants = 10000, int badges = 400);

// A fresh, empty directory under the system temp dir.
std::string fresh_dir(const std::string& name);

}  // namespace speedmeet::bench
