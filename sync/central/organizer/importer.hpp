#pragma once
// CSV imports into the central database. Each import is one transaction: on
// the first bad row an InputError names file, line and field, and nothing of
// the file is kept.
#include "csv.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::organizer {

struct ImportResult {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  int removed = 0;  // meetings: the schedule rows it replaced
};

ImportResult import_participants(store::Database& db, const CsvTable& csv);
ImportResult import_wishes(store::Database& db, const CsvTable& csv);
// A schedule made elsewhere; replaces the whole schedule.
ImportResult import_meetings(store::Database& db, const CsvTable& csv);

}  // namespace speedmeet::organizer
