#include "kiosk_bundles.hpp"

#include <chrono>

#include "kiosk_replica.hpp"
#include "domain/input_error.hpp"
#include "files/private_file.hpp"
#include "protocol/bundles.hpp"
#include "protocol/protocol_error.hpp"
#include "store/journal.hpp"
#include "store/database.hpp"

namespace speedmeet::client {

protocol::Snapshot load_snapshot_text(store::Database& kiosk_db, std::string_view text, const std::string& name) {
  KioskReplica replica(kiosk_db);
  protocol::Snapshot snapshot;
  try {
    snapshot = protocol::read_snapshot_bundle(text, replica.event_id(), replica.public_key_hex());
  } catch (const protocol::ProtocolError& e) {
    throw InputError(name, 0, "", std::string(e.what()) + "; nothing was loaded");
  }
  // Verified with the trusted key (or, on a first load, its own): applying
  // it checks the event and key once more, in the same transaction.
  replica.apply_snapshot(snapshot);
  return snapshot;
}

protocol::Snapshot load_snapshot_bundle(store::Database& kiosk_db, const std::string& path) {
  std::string text;
  try {
    text = files::read_file_bounded(path, protocol::kMaxBundleBytes);
  } catch (const files::TooLarge& e) {
    throw InputError(path, 0, "", "is larger than a snapshot bundle can be (" +
                                      std::to_string(protocol::kMaxBundleBytes) + " bytes); nothing was loaded");
  }
  return load_snapshot_text(kiosk_db, text, path);
}

std::string trusted_event_key(store::Database& kiosk_db) { return KioskReplica(kiosk_db).public_key_hex(); }

JournalExport export_journal_bundle(store::Database& kiosk_db, const std::string& path, const std::string& device_name,
                                    const std::string& device_token) {
  const std::string event_id = KioskReplica(kiosk_db).event_id();
  if (event_id.empty())
    throw InputError(kiosk_db.path(), 0, "", "holds no event yet, so it has no check-ins to export");
  JournalExport result;
  std::vector<protocol::JournalRow> rows;
  // Rows made here (no receive time) under this name; the import takes only
  // rows of the kiosk whose token signed the file.
  auto st = kiosk_db.prepare(std::string("SELECT ") + store::kJournalColumns +
                             " FROM journal WHERE received_at IS NULL AND device = ? ORDER BY seq");
  st.bind(1, device_name);
  while (st.step()) rows.push_back(store::read_journal_row(st));
  auto others = kiosk_db.prepare("SELECT count(*) FROM journal WHERE received_at IS NULL AND device <> ?");
  others.bind(1, device_name);
  if (others.step()) result.other_name_rows = static_cast<std::size_t>(others.int64(0));
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const protocol::JournalKey key = protocol::journal_key_from_token(device_token);
  files::write_private_file(path, protocol::make_journal_bundle(event_id, device_name, rows, now, key));
  result.rows = rows.size();
  return result;
}

void reenrol(store::Database& kiosk_db) { KioskReplica(kiosk_db).forget_enrolment(); }

}  // namespace speedmeet::client
