#include "statement.hpp"

#include <sqlite3.h>

#include "store_error.hpp"

namespace speedmeet::store {

void Statement::Finalizer::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  stmt_.reset(raw);
  if (rc != SQLITE_OK) fail(rc, "prepare");
}

void Statement::fail(int rc, std::string_view action) const {
  const char* sql = stmt_ ? sqlite3_sql(stmt_.get()) : nullptr;
  throw StoreError(std::string("database ") + std::string(action) + " failed: " + sqlite3_errmsg(db_) +
                       (sql ? std::string(" [") + std::string(sql).substr(0, 80) + "]" : std::string{}),
                   rc);
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (int rc = sqlite3_bind_int64(stmt_.get(), index, value); rc != SQLITE_OK) fail(rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (int rc = sqlite3_bind_double(stmt_.get(), index, value); rc != SQLITE_OK) fail(rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (int rc = sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      rc != SQLITE_OK)
    fail(rc, "bind");
  return *this;
}

Statement& Statement::bind_blob(int index, const std::vector<unsigned char>& bytes) {
  if (int rc = sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT); rc != SQLITE_OK)
    fail(rc, "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (int rc = sqlite3_bind_null(stmt_.get(), index); rc != SQLITE_OK) fail(rc, "bind");
  return *this;
}

Statement& Statement::bind_text_or_null(int index, std::string_view text) {
  return text.empty() ? bind_null(index) : bind(index, text);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const int code = rc;
  sqlite3_reset(stmt_.get());
  fail(code, "step");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_.get(), column); }

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_.get(), column);
  const int n = sqlite3_column_bytes(stmt_.get(), column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string{};
}

std::vector<unsigned char> Statement::blob(int column) const {
  const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_.get(), column));
  const int n = sqlite3_column_bytes(stmt_.get(), column);
  return p ? std::vector<unsigned char>(p, p + n) : std::vector<unsigned char>{};
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL; }
int Statement::column_count() const { return sqlite3_column_count(stmt_.get()); }

}  // namespace speedmeet::store
