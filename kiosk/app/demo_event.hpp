#pragma once
// The demo event (config/demo), made at build time by the central program
// and embedded in the kiosk: a snapshot the demo kiosk loads as if from a USB
// stick, every participant's signed badge code, and the printable badges.
#include <optional>
#include <string>
#include <string_view>

namespace speedmeet::store { class Database; }

namespace speedmeet::kiosk {

struct DemoData {
  std::string_view snapshot;    // a `speedmeet snapshot` bundle
  std::string_view codes;       // ID<TAB>CODE lines, as `speedmeet badges --codes` writes them
  std::string_view badges_pdf;  // A4, 8 badges a page
};
const DemoData& embedded_demo();

struct DemoPaths {
  std::string database;    // the demo kiosk's own database
  std::string badges_pdf;  // printable badges
};

// Sets the demo kiosk up in `dir`: its database loaded from the embedded
// snapshot, and the badges PDF. Reused when already there: a restarted demo
// keeps its check-ins.
DemoPaths prepare_demo(const std::string& dir);

// Demo only: a participant id typed on the keyboard (or read from a QR code
// that holds one) becomes that participant's badge code, as if their badge
// had been scanned.
std::optional<std::string> demo_badge_for(const std::string& typed);

}  // namespace speedmeet::kiosk
