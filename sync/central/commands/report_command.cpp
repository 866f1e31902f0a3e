// speedmeet report: CSV reports after (or during) the session.
#include <chrono>
#include <iostream>

#include "cli/args.hpp"
#include "commands.hpp"
#include "files/private_file.hpp"
#include "organizer/event_database.hpp"
#include "reports/reports.hpp"

namespace speedmeet::cli {

int run_report(const CommandArgs& argv) {
  const Args args(argv, {"--out"});
  if (args.positional().size() != 1) throw UsageError("report needs exactly one database path");
  const std::string dir = args.required("--out");
  auto db = organizer::open_event_database(args.positional()[0]);
  // Reports name people and what they did: a folder made here is 0700 (an
  // existing one keeps its mode), and every file in it 0600 (CsvFile).
  files::create_private_folders(dir);
  const auto now = std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now());
  const auto summary = server::write_reports(db, dir, now);
  std::cout << summary.text() << "Wrote";
  for (const auto& f : summary.files) std::cout << " " << f;
  std::cout << " to " << dir << "\n";
  return 0;
}

}  // namespace speedmeet::cli
