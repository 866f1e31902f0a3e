#pragma once
// RAII owner of one SQLite connection, opened with the pragmas every
// speedmeet database uses: WAL, synchronous=FULL, foreign keys on.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "statement.hpp"

struct sqlite3;

namespace speedmeet::store {

enum class OpenMode { read_write_create, read_write, read_only };

class Database {
 public:
  explicit Database(const std::string& path, OpenMode mode = OpenMode::read_write_create);

  // Runs constant SQL with no parameters (DDL, pragmas, scripts).
  void exec(const std::string& sql);
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  int changes() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_.get(); }

 private:
  struct Closer { void operator()(sqlite3* db) const; };
  std::string path_;
  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace speedmeet::store
