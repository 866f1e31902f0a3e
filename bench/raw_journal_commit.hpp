#pragma once
// The floor the journal benchmarks compare against: one journal row
// inserted durably by a bare prepared sqlite3 statement, BEGIN IMMEDIATE /
// COMMIT around each, with the kiosk's pragmas (WAL, synchronous=FULL) and
// nothing else — no sequence lookup, no wrapper.
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>


namespace speedmeet::bench {

class RawJournalCommit {
 public:
  // `path` must already hold the schema (store::migrate).
  explicit RawJournalCommit(const std::string& path) {
    check(sqlite3_open(path.c_str(), &db_));
    check(sqlite3_exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr, nullptr));
    check(sqlite3_prepare_v2(db_,
                             "INSERT INTO journal (uuid, device, seq, device_time, kind, participant_id, outcome) "
                             "VALUES (?, 'bench-raw', ?, ?, 'entrance', ?, 'welcome')",
                             -1, &insert_, nullptr));
  }
  ~RawJournalCommit() {
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
  }
  RawJournalCommit(const RawJournalCommit&) = delete;
  RawJournalCommit& operator=(const RawJournalCommit&) = delete;

  // Row `i` (seq i + 1) for `participant`, in its own durable transaction.
  void commit(int i, const std::string& uuid, const std::string& participant) {
    check(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr));
    sqlite3_bind_text(insert_, 1, uuid.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(insert_, 2, i + 1);
    sqlite3_bind_int64(insert_, 3, 1'800'000'000'000 + i);
    sqlite3_bind_text(insert_, 4, participant.c_str(), -1, SQLITE_TRANSIENT);
    check(sqlite3_step(insert_));
    sqlite3_reset(insert_);
    check(sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr));
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
      std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db_));
      std::exit(1);
    }
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
};

}  // namespace speedmeet::bench
