#include "journal_ingest.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

#include "device_registry.hpp"
#include "log.hpp"
#include "store/journal.hpp"
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

// Inserts rows several to a statement and names those it stored: one
// statement per row paid SQLite's per-statement work (the change-log
// trigger's setup, AUTOINCREMENT bookkeeping, reset) 1,000 times a batch.
class ChunkedInsert {
 public:
  static constexpr std::size_t kRows = 64;  // 832 parameters; SQLite allows 32,766

  ChunkedInsert(store::Database& db, std::int64_t received_at_ms) : db_(db), received_at_ms_(received_at_ms) {}

  // The rows stored, by uuid: their (device, seq). A row is left out when
  // its uuid or (device, seq) is already held, earlier in the chunk
  // included; so a row counts as stored only if its uuid, device and seq
  // all came back (two rows may share a uuid, and the second be the one
  // stored).
  using Stored = std::unordered_map<std::string, std::pair<std::string, std::int64_t>>;
  Stored run(const std::vector<const protocol::JournalRow*>& chunk) {
    store::Statement& st = statement_for(chunk.size());
    for (std::size_t i = 0; i < chunk.size(); ++i)
      store::bind_journal_row(st, *chunk[i], received_at_ms_, static_cast<int>(i) * store::kJournalParameters + 1);
    Stored stored;
    while (st.step()) stored.emplace(st.text(0), std::pair(st.text(1), st.int64(2)));
    st.reset();
    return stored;
  }

 private:
  store::Statement& statement_for(std::size_t rows) {
    if (rows == kRows) {
      if (!full_) full_.emplace(db_.prepare(store::insert_journal_sql(kRows, true)));
      return *full_;
    }
    partial_.emplace(db_.prepare(store::insert_journal_sql(rows, true)));  // a batch's last chunk: once
    return *partial_;
  }

  store::Database& db_;
  std::int64_t received_at_ms_;
  std::optional<store::Statement> full_, partial_;
};

// Rows refused because their device already stored another row under the
// same seq: two kiosks share this device name (or one lost its database and
// starts again at 1). Kept for `device list` and the report, and logged
// loudly: the second kiosk's check-ins are not stored.
void record_name_clashes(store::Database& db, const std::string& device, const std::vector<protocol::RowParse>& rows,
                         const std::vector<RowOutcome>& outcomes, const IngestOptions& options) {
  std::vector<SeqConflict> clashes;
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    if (outcomes[i].reason == "seq_conflict") clashes.push_back({rows[i].row->seq, rows[i].row->uuid});
  if (clashes.empty()) return;
  DeviceRegistry(db).record_seq_conflicts(device, clashes, options.received_at_ms);
  log_line("warn", "two kiosks use the same device name: rows refused as seq_conflict",
           {{"device", device},
            {"rows", std::to_string(clashes.size())},
            {"first_seq", std::to_string(clashes.front().seq)},
            {"first_uuid", clashes.front().uuid}});
}

}  // namespace

std::vector<RowOutcome> ingest_rows(store::Database& db, const std::vector<protocol::RowParse>& rows,
                                    const IngestOptions& options) {
  store::Transaction tx(db);
  auto outcomes = ingest_rows_in_transaction(db, rows, options);
  const auto refused = [](const RowOutcome& o) { return o.result == RowResult::rejected; };
  // All or nothing (a journal bundle): one refused row leaves the database as it was.
  if (options.all_or_nothing && std::any_of(outcomes.begin(), outcomes.end(), refused)) return outcomes;
  tx.commit();
  return outcomes;
}

std::vector<RowOutcome> ingest_rows_in_transaction(store::Database& db, const std::vector<protocol::RowParse>& rows,
                                                   const IngestOptions& options) {
  // Rows the protocol refused, or signed by another device, are answered
  // without touching the table; the others are inserted in chunks.
  std::vector<RowOutcome> outcomes;
  outcomes.reserve(rows.size());
  std::vector<std::size_t> candidates;
  candidates.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const protocol::RowParse& parsed = rows[i];
    outcomes.push_back({parsed.uuid, RowResult::rejected, parsed.reason});
    if (parsed.row && options.device && parsed.row->device != *options.device) outcomes[i].reason = "device_mismatch";
    else if (parsed.row) candidates.push_back(i);
  }

  ChunkedInsert insert(db, options.received_at_ms);
  auto by_uuid = db.prepare("SELECT device, seq FROM journal WHERE uuid = ?");
  auto by_seq = db.prepare("SELECT 1 FROM journal WHERE device = ? AND seq = ?");
  std::int64_t stored = 0;
  for (std::size_t begin = 0; begin < candidates.size(); begin += ChunkedInsert::kRows) {
    const std::size_t end = std::min(candidates.size(), begin + ChunkedInsert::kRows);
    std::vector<const protocol::JournalRow*> chunk;
    for (std::size_t c = begin; c < end; ++c) chunk.push_back(&*rows[candidates[c]].row);
    ChunkedInsert::Stored inserted = insert.run(chunk);
    for (std::size_t c = begin; c < end; ++c) {
      const protocol::JournalRow& r = *rows[candidates[c]].row;
      RowOutcome& out = outcomes[candidates[c]];
      // Erased once claimed: of two identical rows in a chunk, the first is
      // the one SQLite inserted, the second a duplicate.
      if (const auto it = inserted.find(r.uuid); it != inserted.end() && it->second == std::pair(r.device, r.seq)) {
        inserted.erase(it);
        out = {r.uuid, RowResult::stored, ""};
        ++stored;
      } else {
        out.reason = why_not_stored(by_uuid, by_seq, r);
        if (out.reason.empty()) out = {r.uuid, RowResult::duplicate, ""};
      }
    }
  }
  const auto refused = [](const RowOutcome& o) { return o.result == RowResult::rejected; };
  if (options.all_or_nothing && std::any_of(outcomes.begin(), outcomes.end(), refused)) return outcomes;  // the caller rolls back
  if (options.device && stored > 0)
    db.prepare("UPDATE devices SET rows_received = rows_received + ? WHERE name = ?")
        .bind(1, stored)
        .bind(2, *options.device)
        .run();
  if (options.device && !options.all_or_nothing) record_name_clashes(db, *options.device, rows, outcomes, options);
  return outcomes;
}

}  // namespace speedmeet::server
