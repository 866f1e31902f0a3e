#pragma once
// A headless kiosk with no token (kiosk_enrolment.hpp): the script's scans
// and images are offered as setup codes until one enrols the kiosk; the
// rest of the script then runs against the event (headless_runner.hpp).
#include <vector>

#include "headless_runner.hpp"
#include "headless_script.hpp"
#include "kiosk_config.hpp"
#include "service_notifier.hpp"

namespace speedmeet::kiosk {

struct SetupOutcome {
  bool enrolled = false;
  std::size_t next_action = 0;  // the first action not played yet
  int screenshots = 0;          // written so far
};

// Plays `actions` on the "scan the setup code" screen: scan and image
// actions are codes, the others do nothing here. Prints one JSON line per
// code: {"setup": "enrolled", "device": NAME} or {"setup": "refused",
// "message": SENTENCE}. Writes a screenshot per screen change.
SetupOutcome run_setup_headless(const KioskConfig& config, const std::vector<ScriptAction>& actions,
                                const HeadlessOptions& options, ServiceNotifier& notifier);

}  // namespace speedmeet::kiosk
