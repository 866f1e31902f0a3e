#include "audit.hpp"

#include "reports/csv_writer.hpp"
#include "server/log.hpp"
#include "store/database.hpp"

namespace speedmeet::console {

void append_audit(store::Database& db, const AuditEntry& entry) {
  db.prepare("INSERT INTO staff_audit (at, staff, address, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, entry.at_ms)
      .bind(2, entry.staff)
      .bind(3, entry.address)
      .bind(4, entry.action)
      .bind(5, entry.subject)
      .bind(6, entry.detail)
      .run();
}

std::vector<AuditEntry> read_audit(store::Database& db, int limit) {
  std::vector<AuditEntry> out;
  auto st = db.prepare(
      "SELECT at, staff, address, action, subject, detail FROM staff_audit ORDER BY id DESC LIMIT ?");
  st.bind(1, limit);
  while (st.step()) out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  return out;
}

void write_audit_csv(store::Database& db, const std::string& path) {
  server::CsvFile csv(path, {"at", "staff", "address", "action", "subject", "detail"});
  auto st = db.prepare("SELECT at, staff, address, action, subject, detail FROM staff_audit ORDER BY id");
  while (st.step())
    csv.row({server::format_utc_ms(st.int64(0)), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  csv.close();
}

}  // namespace speedmeet::console
