#include "device_registry.hpp"

#include "domain/input_error.hpp"
#include "protocol/messages.hpp"
#include "protocol/protocol_error.hpp"
#include "protocol/setup_code.hpp"
#include "store/database.hpp"
#include "store/transaction.hpp"
#include "tokens.hpp"

namespace speedmeet::server {

std::string DeviceRegistry::add(const std::string& name, std::int64_t now_ms) {
  if (!protocol::is_device_name(name))
    throw InputError(name, 0, "", "not a device name: use 1 to 64 letters, digits, '.', '_' or '-'");
  const std::string token = make_device_token();
  const auto hash = hash_token(token);
  store::Transaction tx(db_);
  auto existing = db_.prepare("SELECT revoked_at IS NULL FROM devices WHERE name = ?");
  existing.bind(1, name);
  if (existing.step()) {
    if (existing.integer(0) == 1)
      throw InputError(name, 0, "", "already enrolled; revoke it first to issue a new token");
    db_.prepare("UPDATE devices SET token_hash = ?, revoked_at = NULL, created_at = ? WHERE name = ?")
        .bind_blob(1, hash)
        .bind(2, now_ms)
        .bind(3, name)
        .run();
  } else {
    db_.prepare("INSERT INTO devices (name, token_hash, created_at) VALUES (?, ?, ?)")
        .bind(1, name)
        .bind_blob(2, hash)
        .bind(3, now_ms)
        .run();
  }
  tx.commit();
  return token;
}

std::string DeviceRegistry::issue_enrolment_secret(const std::string& name, std::int64_t now_ms,
                                                   std::int64_t valid_ms) {
  if (!protocol::is_device_name(name))
    throw InputError(name, 0, "", "not a device name: use 1 to 64 letters, digits, '.', '_' or '-'");
  const std::string secret = make_enrolment_secret();
  store::Transaction tx(db_);
  auto active = db_.prepare("SELECT 1 FROM devices WHERE name = ? AND revoked_at IS NULL");
  active.bind(1, name);
  if (active.step())
    throw InputError(name, 0, "", "already enrolled; revoke it first, or give its kiosk a new token with device rotate");
  db_.prepare("DELETE FROM enrolment_secrets WHERE device = ? AND used_at IS NULL").bind(1, name).run();
  db_.prepare("INSERT INTO enrolment_secrets (secret_hash, device, created_at, expires_at) VALUES (?, ?, ?, ?)")
      .bind_blob(1, hash_token(secret))
      .bind(2, name)
      .bind(3, now_ms)
      .bind(4, now_ms + valid_ms)
      .run();
  tx.commit();
  return secret;
}

Enrolled DeviceRegistry::enrol_with_secret(std::string_view secret, std::int64_t now_ms) {
  const auto unknown = [] {
    return protocol::ProtocolError(403, "secret_unknown",
                                   "this setup code is not known here: it was replaced by a newer one, or made for "
                                   "another server");
  };
  if (!protocol::looks_like_enrolment_secret(secret)) throw unknown();
  const auto hash = hash_token(secret);
  store::Transaction tx(db_);
  auto st = db_.prepare("SELECT device, expires_at, used_at IS NOT NULL, secret_hash FROM enrolment_secrets "
                        "WHERE secret_hash = ?");
  st.bind_blob(1, hash);
  if (!st.step() || !same_hash(st.blob(3), hash)) throw unknown();
  const std::string device = st.text(0);
  if (st.integer(2) == 1)
    throw protocol::ProtocolError(403, "secret_used", "this setup code was already used; make a new one");
  if (now_ms >= st.int64(1))
    throw protocol::ProtocolError(403, "secret_expired", "this setup code has expired; make a new one");
  auto active = db_.prepare("SELECT 1 FROM devices WHERE name = ? AND revoked_at IS NULL");
  active.bind(1, device);
  if (active.step())
    throw protocol::ProtocolError(409, "device_active",
                                  "a kiosk is already enrolled as " + device + "; revoke it, then make a new code");
  db_.prepare("UPDATE enrolment_secrets SET used_at = ? WHERE secret_hash = ?").bind(1, now_ms).bind_blob(2, hash).run();
  const std::string token = make_device_token();
  db_.prepare("INSERT INTO devices (name, token_hash, created_at) VALUES (?, ?, ?) "
              "ON CONFLICT (name) DO UPDATE SET token_hash = excluded.token_hash, revoked_at = NULL, "
              "created_at = excluded.created_at")
      .bind(1, device)
      .bind_blob(2, hash_token(token))
      .bind(3, now_ms)
      .run();
  tx.commit();
  return {device, token};
}

std::string DeviceRegistry::rotate(const std::string& name) {
  const std::string token = make_device_token();
  store::Transaction tx(db_);
  auto st = db_.prepare("SELECT revoked_at IS NULL FROM devices WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) throw InputError(name, 0, "", "no such device; see speedmeet device list");
  if (st.integer(0) != 1)
    throw InputError(name, 0, "", "is revoked; enrol it again with speedmeet device add");
  db_.prepare("UPDATE devices SET token_hash = ? WHERE name = ?").bind_blob(1, hash_token(token)).bind(2, name).run();
  tx.commit();
  return token;
}

std::vector<DeviceInfo> DeviceRegistry::list() {
  std::vector<DeviceInfo> out;
  auto st = db_.prepare(
      "SELECT name, created_at, revoked_at, last_seen_at, rows_received, "
      "(SELECT count(*) FROM device_conflicts c WHERE c.device = d.name), "
      "(SELECT max(seen_at) FROM device_conflicts c WHERE c.device = d.name), clock_offset_ms, clock_rtt_ms, "
      "clock_reported_at FROM devices d ORDER BY name");
  while (st.step()) {
    DeviceInfo d;
    d.name = st.text(0);
    d.created_at_ms = st.int64(1);
    if (!st.is_null(2)) d.revoked_at_ms = st.int64(2);
    if (!st.is_null(3)) d.last_seen_at_ms = st.int64(3);
    d.rows_received = st.int64(4);
    d.seq_conflicts = st.int64(5);
    if (!st.is_null(6)) d.last_conflict_at_ms = st.int64(6);
    if (!st.is_null(7)) d.clock_offset_ms = st.int64(7);
    if (!st.is_null(8)) d.clock_rtt_ms = st.int64(8);
    if (!st.is_null(9)) d.clock_reported_at_ms = st.int64(9);
    out.push_back(std::move(d));
  }
  return out;
}

bool DeviceRegistry::revoke(const std::string& name, std::int64_t now_ms) {
  store::Transaction tx(db_);
  auto st = db_.prepare("SELECT revoked_at IS NULL FROM devices WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) throw InputError(name, 0, "", "no such device; see speedmeet device list");
  const bool active = st.integer(0) == 1;
  if (active) db_.prepare("UPDATE devices SET revoked_at = ? WHERE name = ?").bind(1, now_ms).bind(2, name).run();
  tx.commit();
  return active;
}

std::optional<std::string> DeviceRegistry::authenticate(std::string_view token) {
  if (!looks_like_token(token)) return std::nullopt;
  const auto hash = hash_token(token);
  // The hash is the lookup key (a token has 256 bits of entropy, so the index
  // reveals nothing); the stored hash is still compared in constant time.
  auto st = db_.prepare("SELECT name, token_hash FROM devices WHERE token_hash = ? AND revoked_at IS NULL");
  st.bind_blob(1, hash);
  if (!st.step() || !same_hash(st.blob(1), hash)) return std::nullopt;
  return st.text(0);
}

void DeviceRegistry::record_seen(const std::string& name, std::int64_t now_ms) {
  db_.prepare("UPDATE devices SET last_seen_at = ? WHERE name = ?").bind(1, now_ms).bind(2, name).run();
}

void DeviceRegistry::record_clock(const std::string& name, std::int64_t offset_ms, std::int64_t rtt_ms,
                                  std::int64_t now_ms) {
  db_.prepare("UPDATE devices SET clock_offset_ms = ?, clock_rtt_ms = ?, clock_reported_at = ? WHERE name = ?")
      .bind(1, offset_ms)
      .bind(2, rtt_ms)
      .bind(3, now_ms)
      .bind(4, name)
      .run();
}

std::optional<DeviceCredentials> DeviceRegistry::credentials(const std::string& name) {
  auto st = db_.prepare("SELECT token_hash, revoked_at IS NOT NULL FROM devices WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return DeviceCredentials{st.blob(0), st.integer(1) == 1};
}

void DeviceRegistry::record_seq_conflicts(const std::string& name, const std::vector<SeqConflict>& rows,
                                          std::int64_t now_ms) {
  auto st = db_.prepare("INSERT OR IGNORE INTO device_conflicts (device, seq, uuid, seen_at) VALUES (?, ?, ?, ?)");
  for (const auto& r : rows) st.bind(1, name).bind(2, r.seq).bind(3, r.uuid).bind(4, now_ms).run();
}

std::vector<std::pair<std::string, std::int64_t>> DeviceRegistry::shared_names() {
  std::vector<std::pair<std::string, std::int64_t>> out;
  auto st = db_.prepare("SELECT device, count(*) FROM device_conflicts GROUP BY device ORDER BY device");
  while (st.step()) out.emplace_back(st.text(0), st.int64(1));
  return out;
}

}  // namespace speedmeet::server
