#pragma once
// Journal rows between SQLite and the wire, for both ends of sync: the server
// (uploads, snapshot, change feed, reports) and the kiosk (outbox, rows of
// other devices, USB export) keep the same table, so one reader and one
// writer serve both and a new column cannot be missed by one of them.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "protocol/messages.hpp"

namespace speedmeet::store { class Statement; }

namespace speedmeet::sync_rows {

// Columns, in order, that read_journal_row expects from its `first` column on.
inline constexpr const char* kJournalColumns =
    "uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome, reason, code, received_at";
protocol::JournalRow read_journal_row(const store::Statement& st, int first = 0);

// INSERT of `rows` rows into journal that leaves a row out (and does not
// name it in `RETURNING uuid, device, seq`, when `returning`) if its uuid or (device,
// seq) is already there, or if it breaks a column rule: callers insert rows
// the protocol has checked, and say why a row was left out by looking it
// up. OR IGNORE rather than ON CONFLICT DO NOTHING: with no constraint left
// that could abort the statement, SQLite keeps no statement journal (a copy
// of each page the rows and their triggers touch), which made a 1,000-row
// upload ~20% dearer. bind_journal_row fills the 11 parameters of one row.
std::string insert_journal_sql(std::size_t rows, bool returning = false);
inline constexpr int kJournalParameters = 11;
// `received_at_ms` is the server's receive time (nullopt: the row was made
// where it is stored); `first` the row's first parameter.
void bind_journal_row(store::Statement& st, const protocol::JournalRow& row, std::optional<std::int64_t> received_at_ms,
                      int first = 1);

}  // namespace speedmeet::sync_rows
