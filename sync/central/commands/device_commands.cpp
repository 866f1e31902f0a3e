// speedmeet device add|list|revoke: kiosk enrolment.
#include <iostream>

#include "cli/args.hpp"
#include "commands.hpp"
#include "organizer/event_database.hpp"
#include "server/device_registry.hpp"
#include "server/log.hpp"

namespace speedmeet::cli {
namespace {

std::string when(const std::optional<std::int64_t>& ms) { return ms ? server::format_utc_ms(*ms) : "never"; }

}  // namespace

int run_device(const CommandArgs& argv) {
  const Args args(argv, {});
  const auto& pos = args.positional();
  if (pos.empty()) throw UsageError("device needs add, list or revoke");
  const std::string& action = pos[0];
  const bool named = action == "add" || action == "revoke";
  if (!named && action != "list") throw UsageError("unknown device action \"" + action + "\"");
  if (pos.size() != (named ? 3u : 2u))
    throw UsageError(named ? "device " + action + " needs a database and a device name" : "device list needs a database");
  auto db = organizer::open_event_database(pos[1]);
  server::DeviceRegistry registry(db);
  if (action == "add") {
    const std::string token = registry.add(pos[2], server::unix_ms_now());
    std::cerr << "Enrolled kiosk \"" << pos[2] << "\". Its token follows; it is shown only now, so put it in the "
              << "kiosk's configuration (a lost token: revoke the kiosk and add it again).\n";
    std::cout << token << "\n";
  } else if (action == "revoke") {
    const bool was_active = registry.revoke(pos[2], server::unix_ms_now());
    std::cout << "Kiosk \"" << pos[2] << "\" " << (was_active ? "revoked" : "was already revoked")
              << ": its token no longer works.\n";
  } else {
    const auto devices = registry.list();
    if (devices.empty()) std::cout << "No kiosks enrolled; add one with speedmeet device add " << pos[1] << " NAME\n";
    for (const auto& d : devices)
      std::cout << d.name << "\t" << (d.revoked_at_ms ? "revoked" : "active") << "\tlast seen " << when(d.last_seen_at_ms)
                << "\t" << d.rows_received << " rows received\n";
  }
  return 0;
}


}  // namespace speedmeet::cli
