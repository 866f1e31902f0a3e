#include "database.hpp"

#include <sqlite3.h>

#include "files/private_file.hpp"
#include "store_error.hpp"

namespace speedmeet::store {

bool StoreError::is_unique_violation() const {
  return code_ == SQLITE_CONSTRAINT_UNIQUE || code_ == SQLITE_CONSTRAINT_PRIMARYKEY;
}

void Database::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

namespace {

// Names SQLite reads as something other than a file of that name.
bool is_plain_file_name(const std::string& path) {
  return !path.empty() && path != ":memory:" && path.rfind("file:", 0) != 0;
}

// A database holds the event's secret key, e-mail addresses, device token
// hashes: 0600 whatever the umask. SQLite creates a new file 0644 minus the
// umask, and its -wal and -shm with the main file's mode; so the main file is
// made here first, 0600, and an existing one (made by an older speedmeet)
// loses group and other permissions, with the -wal and -shm left by a crash.
void prepare_private_file(const std::string& path, OpenMode mode) {
  if (!is_plain_file_name(path) || mode == OpenMode::read_only) return;
  try {
    if (mode == OpenMode::read_write_create) files::create_private_file_if_missing(path);
  } catch (const files::FileError& e) {
    throw StoreError(e.what(), SQLITE_CANTOPEN);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) files::make_private(path + suffix);
}

}  // namespace

Database::Database(const std::string& path, OpenMode mode) : path_(path) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case OpenMode::read_write_create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case OpenMode::read_write: flags |= SQLITE_OPEN_READWRITE; break;
    case OpenMode::read_only: flags |= SQLITE_OPEN_READONLY; break;
  }
  prepare_private_file(path, mode);
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK)
    throw StoreError("cannot open database " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)), rc);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  if (mode != OpenMode::read_only) exec("PRAGMA journal_mode=WAL");
  // FULL: a committed check-in survives a power cut, not just a crash.
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA foreign_keys=ON");
}

void Database::exec(const std::string& sql) {
  // Constant SQL only (DDL, pragmas, BEGIN/COMMIT): values always go through
  // prepare() and bind(). sqlite3_exec runs every statement of a script.
  char* message = nullptr;
  const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw StoreError("database error in " + path_ + ": " + text, rc);
  }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_.get(), sql); }

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }

int Database::changes() const { return sqlite3_changes(db_.get()); }

}  // namespace speedmeet::store
