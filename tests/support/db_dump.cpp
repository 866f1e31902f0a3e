#include "db_dump.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace speedmeet::test {
namespace {

struct Db {
  sqlite3* db = nullptr;
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path);
  }
  ~Db() { sqlite3_close(db); }

  // Every row of a query, columns joined by '|', rows by '\n'.
  std::string rows(const std::string& sql) const {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("dump query failed: ") + sqlite3_errmsg(db));
    std::string out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        if (c) out += '|';
        if (sqlite3_column_type(st, c) == SQLITE_NULL) { out += "NULL"; continue; }
        const auto* t = sqlite3_column_blob(st, c);
        out.append(static_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
      }
      out += '\n';
    }
    sqlite3_finalize(st);
    return out;
  }
};

}  // namespace

std::string dump_database(const std::string& path) {
  const Db db(path);
  std::string out = "user_version " + db.rows("PRAGMA user_version");
  out += db.rows("SELECT type, name, sql FROM sqlite_master ORDER BY type, name");
  std::vector<std::string> tables;
  {
    const std::string names = db.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    std::size_t start = 0;
    for (std::size_t nl; (nl = names.find('\n', start)) != std::string::npos; start = nl + 1)
      tables.push_back(names.substr(start, nl - start));
  }
  for (const auto& t : tables) {
    // Table names come from sqlite_master of a test database, quoted. Rows
    // are sorted as text: the dump must not depend on storage order.
    const std::string rows = db.rows("SELECT * FROM \"" + t + "\"");
    std::vector<std::string> lines;
    std::size_t from = 0;
    for (std::size_t nl; (nl = rows.find('\n', from)) != std::string::npos; from = nl + 1)
      lines.push_back(rows.substr(from, nl - from + 1));
    std::sort(lines.begin(), lines.end());
    out += "-- " + t + "\n";
    for (const auto& line : lines) out += line;
  }
  return out;
}

std::string integrity_check(const std::string& path) {
  const Db db(path);
  std::string r = db.rows("PRAGMA integrity_check");
  if (!r.empty() && r.back() == '\n') r.pop_back();
  return r;
}

}  // namespace speedmeet::test
