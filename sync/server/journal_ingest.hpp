#pragma once
// Storing uploaded journal rows exactly once. Used by POST /api/v1/journal
// and by `speedmeet import-journal`: the same rules and the same answers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/messages.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::server {

struct IngestOptions {
  // Uploads and imports: every row must carry the name of the device whose
  // token authenticated it (the import checks the bundle's MAC first).
  // nullopt: any device (tests, tools).
  std::optional<std::string> device;
  std::int64_t received_at_ms = 0;
  // Imports: one refused row refuses the batch (nothing is stored; the
  // outcomes say which rows). Uploads store what they can, and a row
  // refused as seq_conflict is recorded (DeviceRegistry::record_seq_conflicts)
  // and logged: another kiosk uses the same device name.
  bool all_or_nothing = false;
};

// One transaction for the batch: a row is `stored` (new uuid), `duplicate`
// (uuid already held with the same device and seq), or `rejected` with a
// reason (invalid:<field>, device_mismatch, uuid_conflict, seq_conflict).
// With all_or_nothing, a batch with any rejected row is rolled back whole
// (its stored rows are then not stored: the outcomes are what would have been).
std::vector<protocol::RowOutcome> ingest_rows(store::Database& db, const std::vector<protocol::RowParse>& rows,
                                              const IngestOptions& options);
// The same inside a write transaction the caller holds (and commits).
std::vector<protocol::RowOutcome> ingest_rows_in_transaction(store::Database& db,
                                                             const std::vector<protocol::RowParse>& rows,
                                                             const IngestOptions& options);

}  // namespace speedmeet::server
