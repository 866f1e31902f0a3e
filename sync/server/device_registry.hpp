#pragma once
// Enrolled kiosks (the devices table of the central database).
#include <cstdint>
#include <optional>
#include <utility>
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
  // Rows refused because this device name already had a row with their
  // seq: a second kiosk uses the name. Non-zero means staff must act.
  std::int64_t seq_conflicts = 0;
  std::optional<std::int64_t> last_conflict_at_ms;
  // The kiosk's clock offset to the server (server minus kiosk) and that
  // measurement's round trip, as it last reported them, and when.
  std::optional<std::int64_t> clock_offset_ms;
  std::optional<std::int64_t> clock_rtt_ms;
  std::optional<std::int64_t> clock_reported_at_ms;
};

// A row refused as seq_conflict.
struct SeqConflict {
  std::int64_t seq = 0;
  std::string uuid;
};

// What a journal bundle's MAC is checked with (the token itself is never kept).
struct DeviceCredentials {
  std::vector<unsigned char> token_hash;
  bool revoked = false;
};

// A device enrolled by setup code: its name and token (the token's only
// appearance in clear).
struct Enrolled {
  std::string device;
  std::string token;
};

class DeviceRegistry {
 public:
  explicit DeviceRegistry(store::Database& db) : db_(db) {}

  // Enrols NAME and returns its token, the only time it exists in clear.
  // A revoked name may be enrolled again (new token); an active one may not.
  // Throws InputError for a bad or taken name.
  std::string add(const std::string& name, std::int64_t now_ms);
  std::vector<DeviceInfo> list();
  // A one-time enrolment secret for NAME, valid for `valid_ms` from now
  // (speedmeet device add --qr). Unused secrets made earlier for NAME stop
  // working: the newest setup code is the one that counts. Throws
  // InputError for a bad name or one that is already active.
  std::string issue_enrolment_secret(const std::string& name, std::int64_t now_ms, std::int64_t valid_ms);
  // Uses SECRET once, in one transaction: marks it used and enrols its
  // device with a new token. Throws protocol::ProtocolError 403
  // secret_unknown / secret_used / secret_expired, 409 device_active.
  Enrolled enrol_with_secret(std::string_view secret, std::int64_t now_ms);
  // A new token for active NAME; the old one stops working with the commit.
  // Throws InputError for an unknown or revoked name.
  std::string rotate(const std::string& name);
  // Throws InputError when NAME is unknown; returns false if already revoked.
  bool revoke(const std::string& name, std::int64_t now_ms);
  // The device name behind an active token, or nothing.
  std::optional<std::string> authenticate(std::string_view token);
  void record_seen(const std::string& name, std::int64_t now_ms);
  void record_clock(const std::string& name, std::int64_t offset_ms, std::int64_t rtt_ms, std::int64_t now_ms);
  // The stored token hash of NAME, active or revoked; nothing when unknown.
  std::optional<DeviceCredentials> credentials(const std::string& name);
  // Remembers rows refused as seq_conflict (each once); list() counts them.
  void record_seq_conflicts(const std::string& name, const std::vector<SeqConflict>& rows, std::int64_t now_ms);
  // Device names with refused seq_conflict rows, and how many: for the
  // report's devices.csv and `device list`. Names need not be enrolled.
  std::vector<std::pair<std::string, std::int64_t>> shared_names();

 private:
  store::Database& db_;
};

}  // namespace speedmeet::server
