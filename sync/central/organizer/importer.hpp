#pragma once
// CSV imports into the central database. Each import is one transaction: on
// the first bad row an InputError names file, line and field, and nothing of
// the file is kept.
#include <string>
#include <string_view>
#include <vector>

#include "csv.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::organizer {

struct ImportResult {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  int removed = 0;  // meetings: the schedule rows it replaced
  // "file:line: field "name": ..." for what was imported changed: a line
  // break inside a name or organization folded to one space.
  std::vector<std::string> warnings;
};

// A spreadsheet cell's line breaks (Alt+Enter; LF, CRLF or CR), with the
// spaces around them, as one space; none at either end. Other text as is.
std::string fold_line_breaks(std::string_view text);

ImportResult import_participants(store::Database& db, const CsvTable& csv);
ImportResult import_wishes(store::Database& db, const CsvTable& csv);
// A schedule made elsewhere; replaces the whole schedule.
ImportResult import_meetings(store::Database& db, const CsvTable& csv);

}  // namespace speedmeet::organizer
