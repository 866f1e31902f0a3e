// speedmeet snapshot / import-journal: sync by USB stick.
#include <iostream>

#include "cli/args.hpp"
#include "commands.hpp"
#include "organizer/event_database.hpp"
#include "protocol/bundles.hpp"
#include "server/server_bundles.hpp"

namespace speedmeet::cli {

int run_snapshot(const CommandArgs& argv) {
  const Args args(argv, {"--out"});
  if (args.positional().size() != 1) throw UsageError("snapshot needs exactly one database path");
  const std::string out = args.required("--out");
  auto db = organizer::open_event_database(args.positional()[0]);
  const auto s = server::write_snapshot_bundle(db, out);
  std::cout << out << ": snapshot of \"" << s.event.id << "\" with " << s.participants.size() << " participants, "
            << s.meetings.size() << " meetings, " << s.journal.size() << " journal rows (cursor " << s.cursor
            << "), signed with event key " << protocol::key_fingerprint(s.event.public_key_hex)
            << "…\nLoad it on a kiosk with speedmeet-kiosk --snapshot " << out << "\n";
  return 0;
}

int run_import_journal(const CommandArgs& argv) {
  const Args args(argv, {});
  if (args.positional().size() != 2) throw UsageError("import-journal needs a database and a journal file");
  auto db = organizer::open_event_database(args.positional()[0]);
  const auto s = server::import_journal_bundle(db, args.positional()[1]);
  std::cout << args.positional()[1] << " (kiosk \"" << s.device << "\", signature verified): " << s.stored
            << " rows stored, " << s.duplicate << " already held\n";
  return 0;
}

}  // namespace speedmeet::cli
