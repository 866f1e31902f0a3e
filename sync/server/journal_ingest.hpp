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
  // Uploads: every row must carry the authenticated device's name.
  // Imports from a USB stick: nullopt (any device).
  std::optional<std::string> device;
  std::int64_t received_at_ms = 0;
};

// One transaction for the batch: a row is `stored` (new uuid), `duplicate`
// (uuid already held with the same device and seq), or `rejected` with a
// reason (invalid:<field>, device_mismatch, uuid_conflict, seq_conflict).
std::vector<protocol::RowOutcome> ingest_rows(store::Database& db, const std::vector<protocol::RowParse>& rows,
                                              const IngestOptions& options);
// The same inside a write transaction the caller holds (and commits).
std::vector<protocol::RowOutcome> ingest_rows_in_transaction(store::Database& db,
                                                             const std::vector<protocol::RowParse>& rows,
                                                             const IngestOptions& options);

}  // namespace speedmeet::server
