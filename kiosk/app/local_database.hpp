#pragma once
// The kiosk's local SQLite database: what the kiosk knows (loaded into
// memory at start and after each sync) and the journal it writes.
#include <memory>
#include <string>

#include "checkin/kiosk_core.hpp"
#include "kiosk_clock.hpp"
#include "store/database.hpp"
#include "store/journal.hpp"

namespace speedmeet::kiosk {

// Throws std::runtime_error when the database holds no event yet.
std::shared_ptr<const KioskData> load_kiosk_data(store::Database& db);
// Presence from the journal rows of every device this kiosk has, indexed
// on `data`'s meetings.
presence::Presence load_presence(store::Database& db, const KioskData& data);
StaffCounts load_staff_counts(store::Database& db, const std::string& device);
// The kiosk_clock row (docs/CHECKIN.md): nullopt when never saved.
std::optional<SavedClock> load_saved_clock(store::Database& db);
void save_clock(store::Database& db, const SavedClock& clock);

// Each decision becomes one durable journal row (WAL, synchronous=FULL):
// record() returns only once the row is committed. With a clock that
// corrects the device's, the row's time (the decision's, corrected) goes to
// corrected_time and device_time gets the device's own reading.
class JournalRecorder : public CheckinRecorder {
 public:
  JournalRecorder(store::Database& db, std::string device, const KioskClock* clock = nullptr)
      : journal_(db, std::move(device)), clock_(clock) {}
  JournalRow record(const JournalRow& row) override;
  const JournalRow& last() const { return last_; }

 private:
  store::Journal journal_;
  const KioskClock* clock_;
  JournalRow last_;
};

}  // namespace speedmeet::kiosk
