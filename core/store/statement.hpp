#pragma once
// RAII prepared statement. All SQL with values goes through bind(): there is
// no string-built SQL in speedmeet.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace speedmeet::store {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view{text}); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view{text}); }
  Statement& bind_blob(int index, const std::vector<unsigned char>& bytes);
  Statement& bind_null(int index);
  Statement& bind_text_or_null(int index, std::string_view text);  // empty text -> NULL

  // Steps once; true while a row is available.
  bool step();
  // Steps a statement that returns no rows.
  void run();
  void reset();

  std::int64_t int64(int column) const;
  int integer(int column) const { return static_cast<int>(int64(column)); }
  double real(int column) const;
  std::string text(int column) const;  // NULL -> ""
  std::vector<unsigned char> blob(int column) const;
  bool is_null(int column) const;
  int column_count() const;

 private:
  struct Finalizer { void operator()(sqlite3_stmt* s) const; };
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  [[noreturn]] void fail(int rc, std::string_view action) const;
};

}  // namespace speedmeet::store
