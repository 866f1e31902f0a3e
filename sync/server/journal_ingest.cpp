#include "journal_ingest.hpp"

#include "rows/journal_rows.hpp"
#include "store/database.hpp"
#include "store/transaction.hpp"

namespace speedmeet::server {

using protocol::RowOutcome;
using protocol::RowResult;

std::vector<RowOutcome> ingest_rows(store::Database& db, const std::vector<protocol::RowParse>& rows,
                                    const IngestOptions& options) {
  std::vector<RowOutcome> outcomes;
  outcomes.reserve(rows.size());
  store::Transaction tx(db);
  // The common case costs one INSERT: a row that collides with a stored uuid
  // or (device, seq) is left alone, and only then looked up to say why.
  auto insert = db.prepare(std::string(sync_rows::kInsertJournal) + " ON CONFLICT DO NOTHING");
  auto by_uuid = db.prepare("SELECT device, seq FROM journal WHERE uuid = ?");
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
        by_uuid.bind(1, r.uuid);
        if (!by_uuid.step()) out.reason = "seq_conflict";  // the device already has another row with this seq
        else if (by_uuid.text(0) == r.device && by_uuid.int64(1) == r.seq) out = {r.uuid, RowResult::duplicate, ""};
        else out.reason = "uuid_conflict";
        by_uuid.reset();
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
