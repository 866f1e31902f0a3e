#include "kiosk_bundles.hpp"

#include <chrono>
#include <stdexcept>

#include "kiosk_replica.hpp"
#include "protocol/bundles.hpp"
#include "protocol/protocol_error.hpp"
#include "store/database.hpp"

namespace speedmeet::client {

protocol::Snapshot load_snapshot_bundle(store::Database& kiosk_db, const std::string& path) {
  protocol::Snapshot snapshot;
  try {
    snapshot = protocol::read_snapshot_bundle(protocol::read_file_bounded(path, protocol::kMaxBundleBytes));
  } catch (const protocol::ProtocolError& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  KioskReplica(kiosk_db).apply_snapshot(snapshot);
  return snapshot;
}

std::size_t export_journal_bundle(store::Database& kiosk_db, const std::string& path, const std::string& device_name) {
  std::vector<protocol::JournalRow> rows;
  auto st = kiosk_db.prepare(
      "SELECT uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome, reason, code FROM journal "
      "WHERE received_at IS NULL ORDER BY device, seq");
  while (st.step()) {
    protocol::JournalRow r;
    r.uuid = st.text(0);
    r.device = st.text(1);
    r.seq = st.int64(2);
    r.device_time_ms = st.int64(3);
    r.kind = st.text(4);
    r.participant = st.text(5);
    if (!st.is_null(6)) r.meeting_id = st.int64(6);
    r.outcome = st.text(7);
    r.reason = st.text(8);
    r.code = st.text(9);
    rows.push_back(std::move(r));
  }
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  protocol::write_file_atomically(path, protocol::make_journal_bundle(device_name, rows, now));
  return rows.size();
}

void reenrol(store::Database& kiosk_db) { KioskReplica(kiosk_db).forget_enrolment(); }

}  // namespace speedmeet::client
