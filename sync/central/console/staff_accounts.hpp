#pragma once
// Staff console accounts (the staff table): names, roles and Argon2id
// password hashes (libsodium crypto_pwhash_str, INTERACTIVE limits: 2 passes
// over 64 MiB, see docs/CONSOLE.md for the measured cost). Passwords never
// leave this file in clear and are never logged.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace speedmeet::store { class Database; }

namespace speedmeet::console {

// What each role may do; a higher role may do everything a lower one may.
enum class Role { host = 1, desk = 2, admin = 3 };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
inline bool allows(Role held, Role needed) { return static_cast<int>(held) >= static_cast<int>(needed); }

struct StaffAccount {
  std::string name;
  Role role = Role::host;
  std::int64_t created_at_ms = 0;
  std::int64_t changed_at_ms = 0;
};

// 1-64 of A-Z a-z 0-9 . _ - @ (an e-mail address works as a name).
bool valid_staff_name(std::string_view name);
// Passwords: 10-1,024 bytes. Returns the sentence saying why not, or "".
std::string password_problem(std::string_view password);

// Argon2id hash of `password` in crypto_pwhash_str's text form.
std::string hash_password(std::string_view password);
// Constant work whether or not `hash` is empty (then it checks against a
// dummy hash, so an unknown name costs as much as a wrong password).
bool verify_password(const std::string& hash, std::string_view password);

class StaffAccounts {
 public:
  explicit StaffAccounts(store::Database& db) : db_(db) {}

  // Throws InputError for a bad name, a taken name or a weak password.
  void add(const std::string& name, Role role, std::string_view password, std::int64_t now_ms);
  std::vector<StaffAccount> list();
  std::optional<StaffAccount> find(const std::string& name);
  // Each throws InputError for an unknown name. Both end the account's sessions.
  void remove(const std::string& name);
  void set_password(const std::string& name, std::string_view password, std::int64_t now_ms);
  // The account when NAME exists and PASSWORD is its password.
  std::optional<StaffAccount> check_login(const std::string& name, std::string_view password);

 private:
  store::Database& db_;
};

}  // namespace speedmeet::console
