#include "staff_accounts.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "domain/input_error.hpp"
#include "store/database.hpp"
#include "store/transaction.hpp"

namespace speedmeet::console {
namespace {

constexpr std::size_t kMinPassword = 10;
constexpr std::size_t kMaxPassword = 1024;

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

StaffAccount read_account(store::Statement& st) {
  StaffAccount a;
  a.name = st.text(0);
  a.role = parse_role(st.text(1)).value_or(Role::host);
  a.created_at_ms = st.int64(2);
  a.changed_at_ms = st.int64(3);
  return a;
}

// A hash no password matches in practice, checked when the name is unknown
// so that a login attempt costs the same either way.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("speedmeet-no-such-account-" + std::to_string(randombytes_random()));
  return hash;
}

void end_sessions(store::Database& db, const std::string& name) {
  db.prepare("DELETE FROM staff_sessions WHERE staff_name = ?").bind(1, name).run();
}

}  // namespace

std::string_view to_string(Role role) {
  switch (role) {
    case Role::host: return "host";
    case Role::desk: return "desk";
    case Role::admin: return "admin";
  }
  return "host";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "host") return Role::host;
  if (text == "desk") return Role::desk;
  if (text == "admin") return Role::admin;
  return std::nullopt;
}

bool valid_staff_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || c == '@';
  });
}

std::string password_problem(std::string_view password) {
  if (password.size() < kMinPassword) return "the password is shorter than 10 characters";
  if (password.size() > kMaxPassword) return "the password is longer than 1,024 bytes";
  if (password.find('\0') != std::string_view::npos) return "the password holds a NUL byte";
  return "";
}

std::string hash_password(std::string_view password) {
  init_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password (Argon2id needs 64 MiB)");
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  init_sodium();
  const std::string& checked = hash.empty() ? dummy_hash() : hash;
  const bool match = crypto_pwhash_str_verify(checked.c_str(), password.data(), password.size()) == 0;
  return match && !hash.empty();
}

void StaffAccounts::add(const std::string& name, Role role, std::string_view password, std::int64_t now_ms) {
  if (!valid_staff_name(name))
    throw InputError(db_.path(), 0, "NAME", "\"" + name + "\" is not a staff name (1-64 of A-Z a-z 0-9 . _ - @)");
  if (const auto problem = password_problem(password); !problem.empty()) throw InputError(db_.path(), 0, "password", problem);
  const std::string hash = hash_password(password);  // before the transaction: it takes ~0.1 s
  store::Transaction tx(db_);
  if (find(name)) throw InputError(db_.path(), 0, "NAME", "a staff account named \"" + name + "\" exists already");
  db_.prepare("INSERT INTO staff (name, role, password_hash, created_at, changed_at) VALUES (?, ?, ?, ?, ?)")
      .bind(1, name)
      .bind(2, to_string(role))
      .bind(3, hash)
      .bind(4, now_ms)
      .bind(5, now_ms)
      .run();
  tx.commit();
}

std::vector<StaffAccount> StaffAccounts::list() {
  std::vector<StaffAccount> out;
  auto st = db_.prepare("SELECT name, role, created_at, changed_at FROM staff ORDER BY name");
  while (st.step()) out.push_back(read_account(st));
  return out;
}

std::optional<StaffAccount> StaffAccounts::find(const std::string& name) {
  auto st = db_.prepare("SELECT name, role, created_at, changed_at FROM staff WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return read_account(st);
}

void StaffAccounts::remove(const std::string& name) {
  store::Transaction tx(db_);
  if (!find(name)) throw InputError(db_.path(), 0, "NAME", "no staff account named \"" + name + "\"");
  end_sessions(db_, name);
  db_.prepare("DELETE FROM staff WHERE name = ?").bind(1, name).run();
  tx.commit();
}

void StaffAccounts::set_password(const std::string& name, std::string_view password, std::int64_t now_ms) {
  if (const auto problem = password_problem(password); !problem.empty()) throw InputError(db_.path(), 0, "password", problem);
  const std::string hash = hash_password(password);
  store::Transaction tx(db_);
  if (!find(name)) throw InputError(db_.path(), 0, "NAME", "no staff account named \"" + name + "\"");
  end_sessions(db_, name);
  db_.prepare("UPDATE staff SET password_hash = ?, changed_at = ? WHERE name = ?")
      .bind(1, hash)
      .bind(2, now_ms)
      .bind(3, name)
      .run();
  tx.commit();
}

std::optional<StaffAccount> StaffAccounts::check_login(const std::string& name, std::string_view password) {
  std::string hash;
  std::optional<StaffAccount> account;
  if (valid_staff_name(name) && password.size() <= kMaxPassword) {
    auto st = db_.prepare("SELECT name, role, created_at, changed_at, password_hash FROM staff WHERE name = ?");
    st.bind(1, name);
    if (st.step()) {
      account = read_account(st);
      hash = st.text(4);
    }
  }
  if (!verify_password(hash, password.size() <= kMaxPassword ? password : std::string_view{})) return std::nullopt;
  return account;
}

}  // namespace speedmeet::console
