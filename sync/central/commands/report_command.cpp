// speedmeet report: CSV reports after (or during) the session.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "cli/args.hpp"
#include "commands.hpp"
#include "console/audit.hpp"
#include "domain/input_error.hpp"
#include "domain/local_time.hpp"
#include "mail/outbox.hpp"
#include "organizer/event_database.hpp"
#include "reports/reports.hpp"

namespace speedmeet::cli {
namespace {

// --at TIME in the venue's time (or with an offset); by default the end of
// the event, or now if it is not over: figures never depend on when, or on
// which machine, the report is run after the day.
Instant report_time(const std::optional<std::string>& at, const protocol::Snapshot& data) {
  const auto now = std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now());
  if (!at) return reports::default_report_time(data, now);
  try {
    return parse_date_time(*at, LocalTimeZone(data.event.timezone));
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--at: ") + e.what());
  }
}

}  // namespace

int run_report(const CommandArgs& argv) {
  const Args args(argv, {"--out", "--at"});
  if (args.positional().size() != 1) throw UsageError("report needs exactly one database path");
  const std::string dir = args.required("--out");
  auto db = organizer::open_event_database(args.positional()[0]);
  const reports::ReportData data = reports::load_report_data(db);
  const Instant as_of = report_time(args.option("--at"), data.snapshot);
  const reports::Report report = reports::build_report(data.snapshot, data.devices, as_of);
  reports::write_report(report, dir);
  // Who was mailed their badge, and what the mail server said (speedmeet mail).
  mail::write_outbox_csv(db, (std::filesystem::path(dir) / "mail.csv").string());
  // What staff did in the console: logins, revokes, reissues, walk-ins.
  console::write_audit_csv(db, (std::filesystem::path(dir) / "audit.csv").string());
  const LocalTimeZone zone(data.snapshot.event.timezone);
  std::cout << "As of " << zone.format_iso_local(as_of) << zone.format_offset(as_of) << "\n" << report.summary.text()
            << "Wrote";
  for (const auto& f : reports::report_files()) std::cout << " " << f;
  std::cout << " mail.csv audit.csv";
  std::cout << " to " << dir << "\n";
  return 0;
}

}  // namespace speedmeet::cli
