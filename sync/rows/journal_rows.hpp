#pragma once
// Journal rows between SQLite and the wire, for both ends of sync: the server
// (uploads, snapshot, change feed, reports) and the kiosk (outbox, rows of
// other devices, USB export) keep the same table, so one reader and one
// writer serve both and a new column cannot be missed by one of them.
#include <cstdint>
#include <optional>

#include "protocol/messages.hpp"

namespace speedmeet::store { class Statement; }

namespace speedmeet::sync_rows {

// Columns, in order, that read_journal_row expects from its `first` column on.
inline constexpr const char* kJournalColumns =
    "uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome, reason, code, received_at";
protocol::JournalRow read_journal_row(const store::Statement& st, int first = 0);

// INSERT of one row into journal; end it with " ON CONFLICT ..." or use it as
// is. bind_journal_row fills its 11 parameters; `received_at_ms` is the
// server's receive time (nullopt: the row was made where it is stored).
inline constexpr const char* kInsertJournal =
    "INSERT INTO journal (uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome, reason, code, "
    "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
void bind_journal_row(store::Statement& st, const protocol::JournalRow& row, std::optional<std::int64_t> received_at_ms);

}  // namespace speedmeet::sync_rows
