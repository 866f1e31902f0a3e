#pragma once
// Kiosk side of the offline bundles, for speedmeet-kiosk --snapshot FILE and
// --export-journal FILE. Both work on the kiosk's database (migrated).
#include <cstddef>
#include <string>
#include <string_view>

#include "protocol/messages.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::client {

// Loads a bundle from `speedmeet snapshot` (one transaction). The first load
// enrols the kiosk for that event and key; a bundle of another event or key
// throws EnrolmentMismatch until reenrol() is called. Throws
// std::runtime_error naming the file for a file that is not a snapshot.
protocol::Snapshot load_snapshot_bundle(store::Database& kiosk_db, const std::string& path);
// The same from a bundle's text already in memory; `name` says where it came
// from in errors.
protocol::Snapshot load_snapshot_text(store::Database& kiosk_db, std::string_view text, const std::string& name);

// Writes every journal row made on this kiosk (uploaded or not) for
// `speedmeet import-journal`; importing twice is harmless. Returns the count.
std::size_t export_journal_bundle(store::Database& kiosk_db, const std::string& path, const std::string& device_name);

// Forgets the trusted event, key and cursor: the next snapshot (bundle or
// server) is trusted again. Local journal rows stay and still upload.
void reenrol(store::Database& kiosk_db);

}  // namespace speedmeet::client
