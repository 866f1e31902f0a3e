#include "sessions.hpp"

#include <sodium.h>

#include "server/tokens.hpp"
#include "store/database.hpp"

namespace speedmeet::console {
namespace {

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

bool looks_like_session(std::string_view value) {
  if (value.size() != 68 || value.substr(0, 4) != "sms_") return false;
  return value.substr(4).find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

NewSession SessionStore::open(const StaffAccount& account, const std::string& address, std::int64_t now_ms) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  db_.prepare("DELETE FROM staff_sessions WHERE expires_at <= ?").bind(1, now_ms).run();
  NewSession out;
  out.cookie_value = "sms_" + random_hex(32);
  out.session = {account.name, account.role, random_hex(32), now_ms + kSessionLifetimeMs};
  db_.prepare(
         "INSERT INTO staff_sessions (token_hash, staff_name, csrf, created_at, expires_at, address) "
         "VALUES (?, ?, ?, ?, ?, ?)")
      .bind_blob(1, server::hash_token(out.cookie_value))
      .bind(2, account.name)
      .bind(3, out.session.csrf)
      .bind(4, now_ms)
      .bind(5, out.session.expires_at_ms)
      .bind(6, address)
      .run();
  return out;
}

std::optional<Session> SessionStore::find(std::string_view cookie_value, std::int64_t now_ms) {
  if (!looks_like_session(cookie_value)) return std::nullopt;
  // The hash is the key: a lookup by it reveals nothing a timing could use.
  auto st = db_.prepare(
      "SELECT s.staff_name, a.role, s.csrf, s.expires_at FROM staff_sessions s JOIN staff a ON a.name = s.staff_name "
      "WHERE s.token_hash = ? AND s.expires_at > ?");
  st.bind_blob(1, server::hash_token(cookie_value)).bind(2, now_ms);
  if (!st.step()) return std::nullopt;
  const auto role = parse_role(st.text(1));
  if (!role) return std::nullopt;
  return Session{st.text(0), *role, st.text(2), st.int64(3)};
}

void SessionStore::close(std::string_view cookie_value) {
  if (!looks_like_session(cookie_value)) return;
  db_.prepare("DELETE FROM staff_sessions WHERE token_hash = ?").bind_blob(1, server::hash_token(cookie_value)).run();
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto end = header.find(';');
    std::string_view pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return "";
}

}  // namespace speedmeet::console
