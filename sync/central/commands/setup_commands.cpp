// init, import, show: setting up the event before the day.
#include <iostream>

#include "cli/args.hpp"
#include "commands.hpp"
#include "organizer/csv.hpp"
#include "organizer/event_config.hpp"
#include "organizer/event_database.hpp"
#include "organizer/importer.hpp"
#include "organizer/summary.hpp"

namespace speedmeet::cli {
int run_init(const CommandArgs& argv) {
  const Args args(argv, {"--event"});
  if (args.positional().size() != 1) throw UsageError("init needs exactly one database path");
  const std::string& db_path = args.positional()[0];
  const Event event = organizer::load_event_config(args.required("--event"));
  organizer::create_event_database(db_path, event);
  std::cout << "Created " << db_path << " for \"" << event.name << "\": " << event.round_count() << " rounds, "
            << event.table_count() << " tables, signing key generated.\n";
  return 0;
}

int run_import(const CommandArgs& argv) {
  const Args args(argv, {"--wishes", "--meetings"});
  const auto& pos = args.positional();
  const auto wishes = args.option("--wishes");
  const auto meetings = args.option("--meetings");
  const int sources = static_cast<int>(pos.size() > 1) + static_cast<int>(wishes.has_value()) +
                      static_cast<int>(meetings.has_value());
  if (pos.empty() || pos.size() > 2 || sources != 1)
    throw UsageError("import needs a database and one file: participants.csv, --wishes FILE or --meetings FILE");

  auto db = organizer::open_event_database(pos[0]);
  if (wishes) {
    const auto r = organizer::import_wishes(db, organizer::read_csv_file(*wishes));
    std::cout << *wishes << ": " << r.added << " wishes added, " << r.updated << " updated, " << r.unchanged
              << " unchanged\n";
  } else if (meetings) {
    const auto r = organizer::import_meetings(db, organizer::read_csv_file(*meetings));
    std::cout << *meetings << ": schedule of " << r.added << " meetings imported (replacing " << r.removed << ")\n";
  } else {
    const auto r = organizer::import_participants(db, organizer::read_csv_file(pos[1]));
    for (const auto& warning : r.warnings) std::cerr << "speedmeet import: warning: " << warning << '\n';
    std::cout << pos[1] << ": " << r.added << " participants added, " << r.updated << " updated, " << r.unchanged
              << " unchanged\n";
  }
  return 0;
}

int run_show(const CommandArgs& argv) {
  const Args args(argv, {});
  if (args.positional().size() != 1) throw UsageError("show needs exactly one database path");
  auto db = organizer::open_event_database(args.positional()[0]);
  std::cout << organizer::format_summary(db);
  return 0;
}


}  // namespace speedmeet::cli
