#include "kiosk_bundles.hpp"

#include <chrono>
#include <stdexcept>

#include "kiosk_replica.hpp"
#include "protocol/bundles.hpp"
#include "protocol/protocol_error.hpp"
#include "store/journal.hpp"
#include "store/database.hpp"

namespace speedmeet::client {

protocol::Snapshot load_snapshot_text(store::Database& kiosk_db, std::string_view text, const std::string& name) {
  protocol::Snapshot snapshot;
  try {
    snapshot = protocol::read_snapshot_bundle(text);
  } catch (const protocol::ProtocolError& e) {
    throw std::runtime_error(name + ": " + e.what());
  }
  KioskReplica(kiosk_db).apply_snapshot(snapshot);
  return snapshot;
}

protocol::Snapshot load_snapshot_bundle(store::Database& kiosk_db, const std::string& path) {
  std::string text;
  try {
    text = protocol::read_file_bounded(path, protocol::kMaxBundleBytes);
  } catch (const protocol::ProtocolError& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  return load_snapshot_text(kiosk_db, text, path);
}

std::size_t export_journal_bundle(store::Database& kiosk_db, const std::string& path, const std::string& device_name) {
  std::vector<protocol::JournalRow> rows;
  auto st = kiosk_db.prepare(std::string("SELECT ") + store::kJournalColumns +
                             " FROM journal WHERE received_at IS NULL ORDER BY device, seq");
  while (st.step()) rows.push_back(store::read_journal_row(st));
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  protocol::write_file_atomically(path, protocol::make_journal_bundle(device_name, rows, now));
  return rows.size();
}

void reenrol(store::Database& kiosk_db) { KioskReplica(kiosk_db).forget_enrolment(); }

}  // namespace speedmeet::client
