#include "server_bundles.hpp"

#include <algorithm>

#include "event_reader.hpp"
#include "journal_ingest.hpp"
#include "log.hpp"
#include "domain/input_error.hpp"
#include "protocol/bundles.hpp"
#include "protocol/protocol_error.hpp"

namespace speedmeet::server {

protocol::Snapshot write_snapshot_bundle(store::Database& db, const std::string& path) {
  protocol::Snapshot snapshot = build_snapshot(db);
  protocol::write_file_atomically(path, protocol::make_snapshot_bundle(snapshot, unix_ms_now()));
  return snapshot;
}

ImportSummary import_journal_bundle(store::Database& db, const std::string& path) {
  protocol::JournalBundle bundle;
  try {
    bundle = protocol::read_journal_bundle(protocol::read_file_bounded(path, protocol::kMaxBundleBytes));
  } catch (const protocol::ProtocolError& e) {
    throw InputError(path, 0, "", e.what());
  }
  ImportSummary summary;
  summary.device = bundle.device;
  const std::int64_t now = unix_ms_now();
  // Batches of upload size keep each transaction short for a running server.
  constexpr std::size_t kBatch = 1000;
  for (std::size_t first = 0; first < bundle.rows.size(); first += kBatch) {
    const auto last = std::min(bundle.rows.size(), first + kBatch);
    const std::vector<protocol::RowParse> batch(bundle.rows.begin() + static_cast<std::ptrdiff_t>(first),
                                                bundle.rows.begin() + static_cast<std::ptrdiff_t>(last));
    for (const auto& outcome : ingest_rows(db, batch, IngestOptions{std::nullopt, now})) {
      switch (outcome.result) {
        case protocol::RowResult::stored: ++summary.stored; break;
        case protocol::RowResult::duplicate: ++summary.duplicate; break;
        case protocol::RowResult::rejected:
          ++summary.rejected;
          ++summary.reasons[outcome.reason];
          break;
      }
    }
  }
  return summary;
}

}  // namespace speedmeet::server
