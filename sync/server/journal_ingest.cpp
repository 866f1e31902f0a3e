#include "journal_ingest.hpp"

#include "rows/journal_rows.hpp"
#include "store/database.hpp"
#include "store/transaction.hpp"

namespace speedmeet::server {

using protocol::RowOutcome;
using protocol::RowResult;

namespace {

// Why the insert left a checked row out: empty for a duplicate (the same
// row stored before), else the rejection reason.
std::string why_not_stored(store::Statement& by_uuid, store::Statement& by_seq, const protocol::JournalRow& r) {
  by_uuid.bind(1, r.uuid);
  std::string reason;
  if (by_uuid.step()) {
    if (by_uuid.text(0) != r.device || by_uuid.int64(1) != r.seq) reason = "uuid_conflict";
  } else {
    by_seq.bind(1, r.device).bind(2, r.seq);
    // The device already has another row with this seq; otherwise a column
    // rule of the table refused it, which the protocol's checks should have.
    reason = by_seq.step() ? "seq_conflict" : "invalid:row";
    by_seq.reset();
  }
  by_uuid.reset();
  return reason;
}

}  // namespace

std::vector<RowOutcome> ingest_rows(store::Database& db, const std::vector<protocol::RowParse>& rows,
                                    const IngestOptions& options) {
  std::vector<RowOutcome> outcomes;
  outcomes.reserve(rows.size());
  store::Transaction tx(db);
  // The common case costs one INSERT: a row that collides with a stored uuid
  // or (device, seq) is left alone, and only then looked up to say why.
  auto insert = db.prepare(sync_rows::kInsertJournalIfNew);
  auto by_uuid = db.prepare("SELECT device, seq FROM journal WHERE uuid = ?");
  auto by_seq = db.prepare("SELECT 1 FROM journal WHERE device = ? AND seq = ?");
  std::int64_t stored = 0;
  for (const protocol::RowParse& parsed : rows) {
    RowOutcome out{parsed.uuid, RowResult::rejected, parsed.reason};
    if (parsed.row && options.device && parsed.row->device != *options.device) {
      out.reason = "device_mismatch";
    } else if (parsed.row) {
      const protocol::JournalRow& r = *parsed.row;
      sync_rows::bind_journal_row(insert, r, options.received_at_ms);
      insert.run();
      if (db.changes() == 1) {
        out.result = RowResult::stored;
        out.reason.clear();
        ++stored;
      } else {
        out.reason = why_not_stored(by_uuid, by_seq, r);
        if (out.reason.empty()) out = {r.uuid, RowResult::duplicate, ""};
      }
    }
    outcomes.push_back(std::move(out));
  }
  if (options.device && stored > 0)
    db.prepare("UPDATE devices SET rows_received = rows_received + ? WHERE name = ?")
        .bind(1, stored)
        .bind(2, *options.device)
        .run();
  tx.commit();
  return outcomes;
}

}  // namespace speedmeet::server
