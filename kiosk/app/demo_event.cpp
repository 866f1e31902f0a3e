#include "demo_event.hpp"

#include <filesystem>

#include "organizer/csv.hpp"
#include "organizer/event_config.hpp"
#include "organizer/event_database.hpp"
#include "organizer/importer.hpp"
#include "print/badge_issue.hpp"
#include "print/badge_sheet.hpp"
#include "store/event_store.hpp"

namespace speedmeet::kiosk {
namespace {

const std::string& demo_file(const std::string& name) {
  for (const auto& f : embedded_demo_files())
    if (f.name == name) return f.content;
  throw std::logic_error("demo file missing from the build: " + name);
}

void write_badges(store::Database& db, const std::string& pdf) {
  store::EventStore events(db);
  const auto key = print::read_signing_key(db);
  const auto faces = print::badge_faces(key, *events.load_event(), events.participants());
  print::write_badge_sheets(pdf, faces, print::SheetLayout::a4_8);
}

}  // namespace

DemoPaths prepare_demo(const std::string& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  DemoPaths paths{(fs::path(dir) / "demo.db").string(), (fs::path(dir) / "badges.pdf").string()};
  if (!fs::exists(paths.database)) {
    // Built under a temporary name: an interrupted first start leaves nothing half-made.
    const std::string building = paths.database + ".building";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(building + suffix);
    organizer::create_event_database(building, organizer::parse_event_config(demo_file("event.toml"), "demo/event.toml"));
    {
      auto db = organizer::open_event_database(building);
      organizer::import_participants(db, organizer::parse_csv(demo_file("participants.csv"), "demo/participants.csv"));
      organizer::import_wishes(db, organizer::parse_csv(demo_file("wishes.csv"), "demo/wishes.csv"));
      organizer::import_meetings(db, organizer::parse_csv(demo_file("meetings.csv"), "demo/meetings.csv"));
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    fs::rename(building, paths.database);
  }
  if (!fs::exists(paths.badges_pdf)) {
    auto db = organizer::open_event_database(paths.database);
    write_badges(db, paths.badges_pdf + ".part");
    fs::rename(paths.badges_pdf + ".part", paths.badges_pdf);
  }
  return paths;
}

std::optional<std::string> demo_badge_for(store::Database& central, const std::string& typed) {
  store::EventStore events(central);
  const auto record = events.find_participant(typed);
  if (!record) return std::nullopt;
  return print::badge_text(print::read_signing_key(central), *events.load_event(), *record);
}

}  // namespace speedmeet::kiosk
