#pragma once
// The kiosk's side of sync, on the kiosk's own SQLite database (same schema
// as the central one): applying a snapshot or a page of changes (each in one
// transaction together with the new cursor, so a crash repeats nothing and
// skips nothing), and reading/acknowledging the outbox of local journal rows.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "protocol/messages.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::client {

// The server (or a bundle) speaks for another event, or the event's signing
// key changed: nothing is applied until the kiosk is re-enrolled.
class EnrolmentMismatch : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class KioskReplica {
 public:
  // Marks `db` as a kiosk replica, which silences the central change-log
  // triggers on it. Throws std::runtime_error for a central database (one
  // holding the event's secret key).
  explicit KioskReplica(store::Database& db);

  std::optional<std::int64_t> cursor();  // nullopt: needs a snapshot first
  std::string event_id();                // trusted event, "" before the first snapshot
  std::string public_key_hex();          // trusted key, "" before the first snapshot

  // Replaces event, rounds, tables, roster and schedule; adds journal rows of
  // other devices. Throws EnrolmentMismatch for another event or key.
  void apply_snapshot(const protocol::Snapshot& snapshot);
  // Applies one page and stores page.next_cursor. Throws EnrolmentMismatch
  // when the page or an event change brings another event or key.
  void apply_changes(const protocol::ChangesPage& page);

  // Local rows not yet acknowledged, oldest first.
  std::vector<protocol::JournalRow> pending_rows(std::size_t limit);
  std::int64_t pending_count();
  std::int64_t rejected_count();
  // Acknowledges `sent` with the server's answer: stored and duplicate rows
  // leave the outbox; rejected ones move to sync_rejected. Returns how many
  // left the outbox. A device_mismatch answer keeps the rows and throws: the
  // kiosk's device name does not match its enrolment.
  std::int64_t record_results(const std::vector<protocol::JournalRow>& sent,
                              const std::vector<protocol::RowOutcome>& outcomes);

  // Re-enrolment: forget the trusted event, key and cursor; the next sync
  // takes a fresh snapshot and trusts its key. The journal stays.
  void forget_enrolment();
  // Forget only the cursor (the server's feed no longer matches it).
  void forget_cursor();

 private:
  std::optional<std::string> state(const std::string& key);
  void set_state(const std::string& key, const std::string& value);
  void check_trust(const std::string& event_id, const std::string& key_hex);
  store::Database& db_;
};

}  // namespace speedmeet::client
