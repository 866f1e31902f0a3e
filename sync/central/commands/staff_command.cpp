// speedmeet staff add|list|remove|passwd: the staff console's accounts.
// Passwords come from stdin (one line) or, on a terminal, from a prompt
// that does not echo: never from the command line, where `ps` and shell
// histories would show them.
#include <unistd.h>

#include <iostream>
#include <optional>
#include <string>

#include "cli/args.hpp"
#include "commands.hpp"
#include "no_echo.hpp"
#include "console/audit.hpp"
#include "console/staff_accounts.hpp"
#include "domain/input_error.hpp"
#include "organizer/event_database.hpp"
#include "server/log.hpp"

namespace speedmeet::cli {
namespace {

std::optional<std::string> read_line() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string prompt(const std::string& text) {
  std::cerr << text << std::flush;
  std::optional<std::string> line;
  {
    const NoEcho quiet;
    line = read_line();
  }
  std::cerr << "\n";
  if (!line) throw UsageError("no password given");
  return *line;
}

// The new password: asked twice on a terminal, else stdin's first line.
std::string read_new_password(const std::string& name) {
  if (!isatty(STDIN_FILENO)) {
    const auto line = read_line();
    if (!line) throw UsageError("staff: give the password on stdin (one line) or run on a terminal");
    return *line;
  }
  const std::string first = prompt("Password for " + name + ": ");
  if (prompt("Again: ") != first) throw UsageError("the two passwords differ; nothing changed");
  return first;
}

void audit(store::Database& db, const std::string& action, const std::string& subject, const std::string& detail) {
  console::append_audit(db, {server::unix_ms_now(), "cli", "", action, subject, detail});
}

void list_staff(console::StaffAccounts& accounts, const std::string& db_path) {
  const auto all = accounts.list();
  if (all.empty()) std::cout << "No staff accounts; add one with speedmeet staff add " << db_path << " NAME --role admin\n";
  for (const auto& a : all)
    std::cout << a.name << "\t" << console::to_string(a.role) << "\tsince " << server::format_utc_ms(a.created_at_ms)
              << "\n";
}

}  // namespace

int run_staff(const CommandArgs& argv) {
  const Args args(argv, {"--role"});
  const auto& pos = args.positional();
  if (pos.empty()) throw UsageError("staff needs add, list, remove or passwd");
  const std::string& action = pos[0];
  const bool named = action == "add" || action == "remove" || action == "passwd";
  if (!named && action != "list") throw UsageError("unknown staff action \"" + action + "\"");
  if (pos.size() != (named ? 3u : 2u))
    throw UsageError(named ? "staff " + action + " needs a database and an account name" : "staff list needs a database");
  if (action != "add" && args.option("--role")) throw UsageError("--role goes with staff add");
  std::optional<console::Role> role;
  if (action == "add") {
    role = console::parse_role(args.option("--role").value_or(""));
    if (!role) throw UsageError("staff add needs --role host, desk or admin");
    if (!console::valid_staff_name(pos[2]))
      throw UsageError("\"" + pos[2] + "\" is not a staff name (1-64 of A-Z a-z 0-9 . _ - @)");
  }
  auto db = organizer::open_event_database(pos[1]);
  console::StaffAccounts accounts(db);
  if (action == "list") {
    list_staff(accounts, pos[1]);
    return 0;
  }
  const std::string& name = pos[2];
  if (action == "remove") {
    accounts.remove(name);
    audit(db, "staff_remove", name, "");
    std::cout << "Staff account \"" << name << "\" removed; its sessions are closed.\n";
    return 0;
  }
  if (action == "passwd" && !accounts.find(name)) throw InputError(pos[1], 0, "NAME", "no staff account named \"" + name + "\"");
  const std::string password = read_new_password(name);
  if (action == "add") {
    accounts.add(name, *role, password, server::unix_ms_now());
    audit(db, "staff_add", name, std::string(console::to_string(*role)));
    std::cout << "Staff account \"" << name << "\" added with role " << console::to_string(*role) << ".\n";
  } else {
    accounts.set_password(name, password, server::unix_ms_now());
    audit(db, "staff_passwd", name, "");
    std::cout << "Password of \"" << name << "\" changed; its sessions are closed.\n";
  }
  return 0;
}

}  // namespace speedmeet::cli
