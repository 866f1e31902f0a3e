#pragma once
// The kiosk's self-check (docs/CHECKIN.md, "Self-check"): at start and
// every minute, what the kiosk needs to check people in. A failure is a
// short code staff can read out on the phone, and one sentence:
//
//   E-CAM   the camera (or the scanner's input device) named in kiosk.toml is missing
//   E-DISK  less free space in the data folder than [selfcheck] min_free_mb
//   E-DB    the kiosk database fails SQLite's quick_check, or cannot be opened
//   E-NET   the server is unreachable, when [selfcheck] require_server is set
//
// The probes read the real things (the device path, statvfs, the database
// file, the sync thread's status); tests point them at files of their own.
#include <cstdint>
#include <optional>
#include <string>

#include "checkin/kiosk_core.hpp"
#include "kiosk_config.hpp"

namespace speedmeet::kiosk {

struct SelfCheckInputs {
  std::string camera_device;   // empty: no camera to check
  std::string scanner_device;  // empty: not checked
  std::string data_dir;        // free space is measured here
  std::uint64_t min_free_bytes = 0;
  std::string database_path;
  bool require_server = false;
};
SelfCheckInputs self_check_inputs(const KioskConfig& config, const std::string& database_path);

// The server as the sync thread last saw it: nullopt when no server is configured.
using ServerReachable = std::optional<bool>;

// The first failure, in the order above; nullopt when all is well.
std::optional<KioskCore::Fault> run_self_check(const SelfCheckInputs& inputs, ServerReachable server);

// Free bytes for an unprivileged user in the file system holding `path`
// (statvfs); nullopt when it cannot be read.
std::optional<std::uint64_t> free_bytes(const std::string& path);
// "ok", or SQLite's first complaint (quick_check, or why the file cannot be opened).
std::string database_check(const std::string& database_path);

}  // namespace speedmeet::kiosk
