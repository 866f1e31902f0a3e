#pragma once
// Real `speedmeet-kiosk --headless` processes enrolled on a central
// database, for the tests that play a day with a real `speedmeet serve`.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace speedmeet::test {

// One enrolled kiosk: its own data folder and kiosk.toml naming the server.
struct KioskSetup {
  std::string name, config, data, token;
};
KioskSetup make_kiosk(const TempDir& dir, const std::string& central, const std::string& name, int port);

struct KioskRun {
  const KioskSetup* kiosk;
  std::string script;  // the script's text
  std::string clock;   // --clock; empty: none (give --device-clock in extra)
  std::vector<std::string> extra = {};
};

// Runs the kiosks at once (each has its own data folder); returns their
// output in the same order.
std::vector<ProcessResult> run_kiosks(const TempDir& dir, const std::vector<KioskRun>& runs);

// The JSON lines a headless kiosk printed (REQUIREs a clean exit).
std::vector<nlohmann::json> json_lines(const ProcessResult& r);

// A participant's badge as printed now: signed with the event's key, at the
// current serial (or their external code).
std::string badge_of(const std::string& central, const std::string& participant);

// The cells of a CSV line without quoted commas, line end removed.
std::vector<std::string> csv_fields(std::string line);

}  // namespace speedmeet::test
