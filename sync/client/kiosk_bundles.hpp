#pragma once
// Kiosk side of the offline bundles, for speedmeet-kiosk --snapshot FILE and
// --export-journal FILE (docs/API.md, "Offline bundles"). Both work on the
// kiosk's database (migrated).
#include <cstddef>
#include <string>
#include <string_view>

#include "protocol/messages.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::client {

// Loads a bundle from `speedmeet snapshot` in one transaction, once its
// signature verifies. A kiosk that trusts an event (from its first snapshot,
// by bundle or from the server) takes only bundles of that event signed with
// that event's key; a kiosk that trusts none yet trusts the key the bundle
// is signed with (it must still verify). Throws InputError naming the file,
// one sentence ending "nothing was loaded", for any file it refuses; the
// database is then unchanged.
protocol::Snapshot load_snapshot_bundle(store::Database& kiosk_db, const std::string& path);
// The same from a bundle's text already in memory; `name` says where it came
// from in errors.
protocol::Snapshot load_snapshot_text(store::Database& kiosk_db, std::string_view text, const std::string& name);

// The event key this kiosk trusts (hex), "" before its first snapshot.
std::string trusted_event_key(store::Database& kiosk_db);

struct JournalExport {
  std::size_t rows = 0;             // this kiosk's rows, uploaded or not
  std::size_t other_name_rows = 0;  // made here under another device name: not exported
};

// Writes every journal row this kiosk made as `device_name` (uploaded or
// not) for `speedmeet import-journal`, signed with the journal key of its
// device token; 0600, complete or not at all. Importing twice is harmless.
// Throws InputError when the kiosk holds no event yet.
JournalExport export_journal_bundle(store::Database& kiosk_db, const std::string& path, const std::string& device_name,
                                    const std::string& device_token);

// Forgets the trusted event, key and cursor: the next snapshot (bundle or
// server) is trusted again. Local journal rows stay and still upload.
void reenrol(store::Database& kiosk_db);

}  // namespace speedmeet::client
