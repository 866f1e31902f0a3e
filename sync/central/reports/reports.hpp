#pragma once
// `speedmeet report`: the report model (report_model.hpp) of the central
// database as of an instant, written as CSV files, one writer per file.
#include <string>
#include <vector>

#include "report_model.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::reports {

// What the central database holds, as the report needs it (one read).
struct ReportData {
  protocol::Snapshot snapshot;  // event, roster, schedule with replaced meetings, whole journal
  std::vector<server::DeviceInfo> devices;
};
ReportData load_report_data(store::Database& db);

// The files a report folder holds, in the order they are written.
std::vector<std::string> report_files();

// Writes every file of `report` into `dir` (created if needed).
void write_report(const Report& report, const std::string& dir);

// The three above in one: the central database's report as of `as_of`,
// written into `dir`; returns its summary.
Summary write_reports(store::Database& db, const std::string& dir, Instant as_of);

}  // namespace speedmeet::reports
