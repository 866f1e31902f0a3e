#pragma once
// The console's append-only audit (staff_audit): who did what, when, from
// which address. Triggers refuse any UPDATE or DELETE of a written entry.
#include <cstdint>
#include <string>
#include <vector>

namespace speedmeet::store { class Database; }

namespace speedmeet::console {

struct AuditEntry {
  std::int64_t at_ms = 0;
  std::string staff;    // the account, or "cli" for the staff command
  std::string address;  // the browser's IP address; "" from the command line
  std::string action;   // login, login_failed, logout, badge_revoke, ...
  std::string subject;  // what it acted on: a participant id, a device or account name
  std::string detail;
};

void append_audit(store::Database& db, const AuditEntry& entry);
// The newest `limit` entries, newest first.
std::vector<AuditEntry> read_audit(store::Database& db, int limit);
// audit.csv beside the reports: every entry, oldest first (a private file,
// complete or absent).
void write_audit_csv(store::Database& db, const std::string& path);

}  // namespace speedmeet::console
