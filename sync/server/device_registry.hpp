#pragma once
// Enrolled kiosks (the devices table of the central database).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace speedmeet::store { class Database; }

namespace speedmeet::server {

struct DeviceInfo {
  std::string name;
  std::int64_t created_at_ms = 0;
  std::optional<std::int64_t> revoked_at_ms;
  std::optional<std::int64_t> last_seen_at_ms;
  std::int64_t rows_received = 0;
};

class DeviceRegistry {
 public:
  explicit DeviceRegistry(store::Database& db) : db_(db) {}

  // Enrols NAME and returns its token, the only time it exists in clear.
  // A revoked name may be enrolled again (new token); an active one may not.
  // Throws InputError for a bad or taken name.
  std::string add(const std::string& name, std::int64_t now_ms);
  std::vector<DeviceInfo> list();
  // Throws InputError when NAME is unknown; returns false if already revoked.
  bool revoke(const std::string& name, std::int64_t now_ms);
  // The device name behind an active token, or nothing.
  std::optional<std::string> authenticate(std::string_view token);
  void record_seen(const std::string& name, std::int64_t now_ms);

 private:
  store::Database& db_;
};

}  // namespace speedmeet::server
