#pragma once
// The append-only journal of scans and check-ins, and every SQL statement
// that reads or writes its rows: the kiosk's appends, sync's multi-row
// inserts on both ends, the readers of presence and reports. Each append is
// its own durable transaction: when append() returns, the row survives a
// power cut.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/journal_row.hpp"
#include "statement.hpp"

namespace speedmeet::store {

class Database;

class Journal {
 public:
  Journal(Database& db, std::string device);

  // Gives the row a fresh UUID v4 and the next sequence number of this
  // device, stores it and commits. Returns the stored row.
  JournalRow append(JournalRow row);
  std::vector<JournalRow> all();
  std::int64_t count();

 private:
  Database& db_;
  std::string device_;
  // Prepared once: append() is on the scan-to-screen path.
  Statement next_seq_;
  Statement insert_;
};

// Columns, in order, that read_journal_row expects from its `first` column on.
inline constexpr const char* kJournalColumns =
    "uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome, reason, code, received_at, staff, "
    "corrected_time";
// The same, each prefixed with `table.` (for joins).
std::string journal_columns(const std::string& table);
JournalRow read_journal_row(const Statement& st, int first = 0);

// Rows that can place a person (entrances and meeting check-ins, rejected
// ones included: presence decides), in the order they were made. Presence
// is computed from these, and from nothing else.
std::vector<JournalRow> read_arrival_rows(Database& db);

// INSERT of `rows` rows into journal that leaves a row out (and does not
// name it in `RETURNING uuid, device, seq`, when `returning`) if its uuid or
// (device, seq) is already there, or if it breaks a column rule: callers
// insert rows the protocol has checked, and say why a row was left out by
// looking it up. OR IGNORE rather than ON CONFLICT DO NOTHING: with no
// constraint left that could abort the statement, SQLite keeps no statement
// journal (a copy of each page the rows and their triggers touch), which
// made a 1,000-row upload ~20% dearer. bind_journal_row fills the 13
// parameters of one row.
std::string insert_journal_sql(std::size_t rows, bool returning = false);
inline constexpr int kJournalParameters = 13;
// `received_at_ms` is the server's receive time (nullopt: the row was made
// where it is stored); `first` the row's first parameter.
void bind_journal_row(Statement& st, const JournalRow& row, std::optional<std::int64_t> received_at_ms, int first = 1);

// A random (version 4) UUID from libsodium's CSPRNG, lower-case hex.
std::string make_uuid_v4();

}  // namespace speedmeet::store
