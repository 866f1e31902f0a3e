#pragma once
// Central side of the offline bundles: `speedmeet snapshot` and
// `speedmeet import-journal` (docs/API.md, "Offline bundles").
#include <cstdint>
#include <string>
#include <vector>

#include "protocol/messages.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::server {

// Writes the same snapshot GET /api/v1/snapshot serves as a bundle file
// signed with the event's key, 0600, complete or not at all.
protocol::Snapshot write_snapshot_bundle(store::Database& db, const std::string& path);

struct ImportSummary {
  std::int64_t stored = 0, duplicate = 0;
  std::string device;  // the enrolled kiosk whose token signed it
};

// Stores a kiosk's exported journal, all of it or nothing, idempotently
// (rows already held count as duplicates). Throws InputError naming the file
// and leaves the database unchanged when the file is not a journal bundle,
// names another event, comes from a kiosk not enrolled here (or revoked),
// does not verify with that kiosk's token, holds rows of another device, or
// holds rows the upload rules refuse; a row whose (device, seq) is already
// held under another uuid is named: two kiosks share that device name.
ImportSummary import_journal_bundle(store::Database& db, const std::string& path);

}  // namespace speedmeet::server
