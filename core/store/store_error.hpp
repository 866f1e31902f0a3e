#pragma once
#include <stdexcept>
#include <string>

namespace speedmeet::store {

// A SQLite call failed; what() carries SQLite's own message and the SQL's purpose.
class StoreError : public std::runtime_error {
 public:
  StoreError(const std::string& what, int sqlite_code) : std::runtime_error(what), code_(sqlite_code) {}
  int sqlite_code() const { return code_; }
  bool is_unique_violation() const;  // a UNIQUE or PRIMARY KEY constraint refused the row

 private:
  int code_;
};

}  // namespace speedmeet::store
