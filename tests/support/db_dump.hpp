#pragma once
// A logical dump of a SQLite file (schema, user_version and every row of
// every table, in primary-key order), like sqlite3's .dump: two dumps are
// equal when the databases hold the same data.
#include <string>

namespace speedmeet::test {

std::string dump_database(const std::string& path);
std::string integrity_check(const std::string& path);  // "ok" when sound

}  // namespace speedmeet::test
