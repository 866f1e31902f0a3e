// speedmeet report's logic: entrance flags, meeting statuses, CSV safety.
#include <catch2/catch.hpp>

#include "reports/csv_writer.hpp"
#include "server/journal_ingest.hpp"
#include "reports/reports.hpp"
#include "store/event_store.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;

namespace {

protocol::JournalRow made(const std::string& device, std::int64_t seq, const std::string& kind,
                          const std::string& participant, std::int64_t time_ms, const std::string& outcome = "welcome",
                          std::optional<std::int64_t> meeting = std::nullopt) {
  protocol::JournalRow r;
  r.uuid = store::make_uuid_v4();
  r.device = device;
  r.seq = seq;
  r.kind = parse_journal_kind(kind).value();
  r.participant = participant;
  r.device_time_ms = time_ms;
  r.outcome = outcome;
  r.meeting_id = meeting;
  return r;
}

}  // namespace

TEST_CASE("the later entrance of one person from another kiosk is a double entry") {
  const std::vector rows = {made("k2", 1, "entrance", "C01", 2000), made("k1", 1, "entrance", "C01", 1000),
                            made("k1", 2, "entrance", "C01", 3000), made("k3", 1, "entrance", "P01", 500)};
  const auto flags = reports::flag_entrances(rows);
  CHECK(flags[0] == reports::EntranceFlag::double_entry);
  CHECK(flags[1] == reports::EntranceFlag::first);
  CHECK(flags[2] == reports::EntranceFlag::repeat);
  CHECK(flags[3] == reports::EntranceFlag::first);
}

TEST_CASE("csv cells are quoted and cannot run as formulas") {
  CHECK(server::csv_cell("plain") == "plain");
  CHECK(server::csv_cell("Schmit, Weber") == "\"Schmit, Weber\"");
  CHECK(server::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(server::csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(server::csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(server::csv_cell("-12") == "-12");
  CHECK(server::csv_cell("-cmd") == "'-cmd");
}

TEST_CASE("reports: attendance, meetings held or not, rejected scans, devices") {
  TempDir dir;
  const auto central = make_central_db(dir);
  enrol(central, "k1");
  enrol(central, "k2");
  store::Database db(central, store::OpenMode::read_write);
  const auto meetings = store::EventStore(db).meetings();
  const Meeting& m1 = meetings.at(0);  // round 1, table 1: C01 with P01
  const Meeting& m2 = meetings.at(1);  // round 1, table 2: C02 with P02
  std::vector<protocol::RowParse> rows;
  for (const auto& r :
       {made("k1", 1, "entrance", "C01", 1000), made("k2", 1, "entrance", "C01", 2000),
        made("k1", 2, "entrance", "P01", 1100), made("k1", 3, "meeting", m1.a, 3000, "next", m1.id),
        made("k2", 2, "meeting", m1.b, 3001, "late", m1.id), made("k2", 3, "meeting", m2.a, 3002, "next", m2.id),
        made("k2", 4, "scan", "", 4000, "rejected")})
    rows.push_back({r, r.uuid, ""});
  rows.back().row->reason = "bad_signature";
  rows.back().row->code = "=cmd|' /C calc'!A0";
  server::ingest_rows(db, rows, {std::nullopt, 5000});

  const Instant after_event = from_unix(1'900'000'000);
  const auto summary = reports::write_reports(db, dir.file("report"), after_event);
  CHECK(summary.participants == 48);  // staff are counted apart
  CHECK(summary.staff == 4);
  CHECK(summary.checked_in == 3);     // C02 arrived with a meeting check-in and no entrance row
  CHECK(summary.double_entries == 1);
  CHECK(summary.held == 1);
  CHECK(summary.one_side_only == 1);
  CHECK(summary.no_show == 126);
  CHECK(summary.rejected_scans == 1);
  CHECK(summary.devices == 2);
  CHECK(summary.text().find("1 double entries flagged") != std::string::npos);

  const std::string attendance = read_file(dir.file("report/attendance.csv"));
  CHECK(attendance.rfind("\xEF\xBB\xBFid,num,name,organization,role,checked_in", 0) == 0);
  // C01: first at k1 (device time 1 s after the epoch, shown in the event's zone), two entrances, double.
  CHECK(attendance.find("C01,1,Léa Muller,Banque Kirchberg S.A.,company,yes,1970-01-01T01:00:01+01:00,k1,2,yes,") !=
        std::string::npos);
  const std::string entrances = read_file(dir.file("report/entrances.csv"));
  CHECK(entrances.find(",k2,") != std::string::npos);
  CHECK(entrances.find("double_entry") != std::string::npos);
  const std::string meeting_csv = read_file(dir.file("report/meetings.csv"));
  CHECK(meeting_csv.find(",C01,Léa Muller,P01,") != std::string::npos);
  CHECK(meeting_csv.find("yes,yes,held") != std::string::npos);
  CHECK(meeting_csv.find("yes,no,one_side_only") != std::string::npos);
  const std::string rejected = read_file(dir.file("report/rejected_scans.csv"));
  CHECK(rejected.find("bad_signature,'=cmd|' /C calc'!A0") != std::string::npos);
  const std::string devices = read_file(dir.file("report/devices.csv"));
  CHECK(devices.find("k1,active,") != std::string::npos);
  CHECK(devices.find(",1,1,0,0\r\n") == std::string::npos);

  // Before the event, unplayed meetings are not no-shows.
  const auto early = reports::write_reports(db, dir.file("early"), from_unix(0));
  CHECK(early.no_show == 0);
  CHECK(early.held == 0);  // as of then, nobody had checked in yet
  CHECK(early.scheduled == 128);
}
