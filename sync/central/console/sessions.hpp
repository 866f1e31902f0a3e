#pragma once
// Console sessions (staff_sessions): a random cookie value shown once to the
// browser, of which the database keeps only a BLAKE2b hash, and a CSRF token
// the page repeats on every state-changing request. Sessions end at logout,
// when they expire (12 hours after login: one event day), or when their
// account's password changes or the account is removed.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "staff_accounts.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::console {

inline constexpr std::int64_t kSessionLifetimeMs = 12LL * 3600 * 1000;
inline constexpr const char* kSessionCookie = "sm_session";

struct Session {
  std::string staff;
  Role role = Role::host;
  std::string csrf;
  std::int64_t expires_at_ms = 0;
};

struct NewSession {
  std::string cookie_value;  // "sms_" + 64 hex digits; given to the browser only
  Session session;
};

class SessionStore {
 public:
  explicit SessionStore(store::Database& db) : db_(db) {}

  // Also forgets every expired session.
  NewSession open(const StaffAccount& account, const std::string& address, std::int64_t now_ms);
  // The live session behind a cookie value, with its account's current role.
  std::optional<Session> find(std::string_view cookie_value, std::int64_t now_ms);
  void close(std::string_view cookie_value);

 private:
  store::Database& db_;
};

// True when `a` and `b` are equal, in time that depends only on their sizes.
bool same_secret(std::string_view a, std::string_view b);

// The value of cookie NAME in a Cookie header ("a=1; sm_session=..."), or "".
std::string cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace speedmeet::console
