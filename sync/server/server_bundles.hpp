#pragma once
// Central side of the offline bundles: `speedmeet snapshot` and
// `speedmeet import-journal`.
#include <cstdint>
#include <map>
#include <string>

#include "protocol/messages.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::server {

// Writes the same snapshot GET /api/v1/snapshot serves, as a bundle file.
protocol::Snapshot write_snapshot_bundle(store::Database& db, const std::string& path);

struct ImportSummary {
  std::int64_t stored = 0, duplicate = 0, rejected = 0;
  std::map<std::string, std::int64_t> reasons;  // rejected rows by reason
  std::string device;  // as the bundle names it
};

// Stores a kiosk's exported journal with the upload rules (any device name
// is accepted: the kiosk may never have been online). Idempotent. Throws
// InputError naming the file for a file that is not a journal
// bundle.
ImportSummary import_journal_bundle(store::Database& db, const std::string& path);

}  // namespace speedmeet::server
