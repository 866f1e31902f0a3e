#pragma once
// The demo event (config/demo, embedded in the program): a ready central
// database with its signing key, the printable badges, and a kiosk that
// runs on it with no server and no camera.
#include <optional>
#include <string>
#include <vector>

namespace speedmeet::store { class Database; }

namespace speedmeet::kiosk {

struct DemoFile {
  std::string name;
  std::string content;
};
const std::vector<DemoFile>& embedded_demo_files();

struct DemoPaths {
  std::string database;    // central database, used by the demo kiosk directly
  std::string badges_pdf;  // printable badges (A4, 8 per page)
};

// Creates the demo event in `dir` (reused when it is already there: a
// restarted demo keeps its check-ins).
DemoPaths prepare_demo(const std::string& dir);

// Demo only: a participant id typed on the keyboard becomes that
// participant's current badge code, as if their badge had been scanned.
std::optional<std::string> demo_badge_for(store::Database& central, const std::string& typed);

}  // namespace speedmeet::kiosk
