#include "self_check.hpp"

#include <sys/statvfs.h>

#include <filesystem>

#include "store/database.hpp"

namespace speedmeet::kiosk {

SelfCheckInputs self_check_inputs(const KioskConfig& config, const std::string& database_path) {
  SelfCheckInputs in;
  in.camera_device = config.camera.device;
  in.scanner_device = config.scanner.enabled ? config.scanner.device : std::string{};
  in.data_dir = config.data_dir;
  in.min_free_bytes = static_cast<std::uint64_t>(config.selfcheck.min_free_mb) * 1024 * 1024;
  in.database_path = database_path;
  in.require_server = config.selfcheck.require_server;
  return in;
}

std::optional<std::uint64_t> free_bytes(const std::string& path) {
  struct statvfs s {};
  if (statvfs(path.c_str(), &s) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(s.f_bavail) * s.f_frsize;
}

std::string database_check(const std::string& database_path) {
  try {
    // Its own read-only connection: the check never takes the writer's lock.
    store::Database db(database_path, store::OpenMode::read_only);
    auto st = db.prepare("PRAGMA quick_check(1)");
    if (!st.step()) return "quick_check gave no answer";
    return st.text(0);
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::optional<KioskCore::Fault> run_self_check(const SelfCheckInputs& in, ServerReachable server) {
  std::error_code ec;
  if (!in.camera_device.empty() && !std::filesystem::exists(in.camera_device, ec))
    return KioskCore::Fault{"E-CAM", "no camera at " + in.camera_device};
  if (!in.scanner_device.empty() && !std::filesystem::exists(in.scanner_device, ec))
    return KioskCore::Fault{"E-CAM", "no scanner at " + in.scanner_device};
  const auto free = free_bytes(in.data_dir);
  if (!free || *free < in.min_free_bytes)
    return KioskCore::Fault{"E-DISK", free ? "only " + std::to_string(*free / (1024 * 1024)) + " MB free in " +
                                                 in.data_dir
                                           : "cannot read the free space of " + in.data_dir};
  if (const std::string db = database_check(in.database_path); db != "ok")
    return KioskCore::Fault{"E-DB", "the database " + in.database_path + " is damaged: " + db.substr(0, 200)};
  if (in.require_server && server && !*server) return KioskCore::Fault{"E-NET", "the server cannot be reached"};
  return std::nullopt;
}

}  // namespace speedmeet::kiosk
