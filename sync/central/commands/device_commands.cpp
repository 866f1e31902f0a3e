// speedmeet device add|list|revoke: kiosk enrolment.
#include <iostream>

#include "cli/args.hpp"
#include "commands.hpp"
#include "domain/clock_offset.hpp"
#include "files/private_file.hpp"
#include "organizer/event_database.hpp"
#include "server/device_registry.hpp"
#include "server/log.hpp"

namespace speedmeet::cli {
namespace {

std::string when(const std::optional<std::int64_t>& ms) { return ms ? server::format_utc_ms(*ms) : "never"; }

// The kiosk's clock as it last reported it: server minus kiosk, so a kiosk
// two hours fast shows "clock offset -2:00:00".
std::string clock_of(const server::DeviceInfo& d) {
  if (!d.clock_offset_ms) return "clock offset not reported";
  return "clock offset " + format_clock_offset(*d.clock_offset_ms) + " (round trip " +
         std::to_string(d.clock_rtt_ms.value_or(0)) + " ms, reported " + when(d.clock_reported_at_ms) + ")";
}

// One line per kiosk; a name two kiosks use says so, loudly, with what to do.
void list_devices(server::DeviceRegistry& registry, const std::string& db_path) {
  const auto devices = registry.list();
  if (devices.empty()) std::cout << "No kiosks enrolled; add one with speedmeet device add " << db_path << " NAME\n";
  for (const auto& d : devices) {
    std::cout << d.name << "\t" << (d.revoked_at_ms ? "revoked" : "active") << "\tlast seen " << when(d.last_seen_at_ms)
              << "\t" << d.rows_received << " rows received\t" << clock_of(d);
    if (d.seq_conflicts > 0)
      std::cout << "\tWARNING: SHARED NAME: " << d.seq_conflicts << " rows refused (seq_conflict, last "
                << when(d.last_conflict_at_ms) << "): two kiosks use the name \"" << d.name
                << "\"; give each kiosk its own name";
    std::cout << "\n";
  }
}

// Prints the token once, or writes it to `file`, private (0600).
void hand_out_token(const std::string& name, const std::string& token, files::AtomicFile* file) {
  if (file) {
    file->write(token + "\n");
    file->commit();
    std::cerr << "Enrolled kiosk \"" << name << "\". Its token is in " << file->path()
              << " (readable only by you): copy it to the kiosk as its token_file, keeping it private "
              << "(a lost token: revoke the kiosk and add it again).\n";
    return;
  }
  std::cerr << "Enrolled kiosk \"" << name << "\". Its token follows; it is shown only now, so put it in the "
            << "kiosk's configuration (a lost token: revoke the kiosk and add it again).\n";
  std::cout << token << "\n";
}

}  // namespace

int run_device(const CommandArgs& argv) {
  const Args args(argv, {"--out"});
  const auto& pos = args.positional();
  if (pos.empty()) throw UsageError("device needs add, list or revoke");
  const std::string& action = pos[0];
  const bool named = action == "add" || action == "revoke";
  if (!named && action != "list") throw UsageError("unknown device action \"" + action + "\"");
  if (pos.size() != (named ? 3u : 2u))
    throw UsageError(named ? "device " + action + " needs a database and a device name" : "device list needs a database");
  const auto out = args.option("--out");
  if (out && action != "add") throw UsageError("--out goes with device add (the token file)");
  auto db = organizer::open_event_database(pos[1]);
  server::DeviceRegistry registry(db);
  if (action == "add") {
    // The token file is started before the kiosk is enrolled: a folder that
    // cannot take it fails the command before a token exists that nobody has.
    std::optional<files::AtomicFile> file;
    if (out) file.emplace(*out);
    hand_out_token(pos[2], registry.add(pos[2], server::unix_ms_now()), file ? &*file : nullptr);
  } else if (action == "revoke") {
    const bool was_active = registry.revoke(pos[2], server::unix_ms_now());
    std::cout << "Kiosk \"" << pos[2] << "\" " << (was_active ? "revoked" : "was already revoked")
              << ": its token no longer works.\n";
  } else {
    list_devices(registry, pos[1]);
  }
  return 0;
}


}  // namespace speedmeet::cli
