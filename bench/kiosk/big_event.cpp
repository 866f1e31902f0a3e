#include "big_event.hpp"
#include "sample_names.hpp"

#include <filesystem>

#include "organizer/csv.hpp"
#include "organizer/event_config.hpp"
#include "organizer/event_database.hpp"
#include "organizer/importer.hpp"
#include "print/badge_issue.hpp"
#include "store/event_store.hpp"
#include "store/journal.hpp"
#include "store/transaction.hpp"

namespace speedmeet::bench {
namespace fs = std::filesystem;
namespace {

constexpr int kTables = 500;
constexpr int kRounds = 8;

const char* const kLang[] = {"fr", "en", "de"};

std::string id_of(char role, int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%05d", role, i);
  return buf;
}

std::string event_toml() {
  return "id = \"bench-10k\"\n"
         "name = \"Greater Region Digital Matchmaking\"\n"
         "venue = \"Luxexpo The Box, Luxembourg-Kirchberg\"\n"
         "timezone = \"Europe/Luxembourg\"\n"
         "tables = " + std::to_string(kTables) + "\n"
         "start = 2026-11-27T14:00:00\n"
         "rounds = " + std::to_string(kRounds) + "\n"
         "round_minutes = 12\nbreak_minutes = 3\nlanguage = \"en\"\n";
}

}  // namespace

std::string fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

BigEvent build_big_event(const std::string& dir, int participants, int badges) {
  BigEvent out;
  fs::create_directories(dir);
  out.database = (fs::path(dir) / "kiosk.db").string();
  for (const char* s : {"", "-wal", "-shm"}) fs::remove(out.database + s);
  organizer::create_event_database(out.database, organizer::parse_event_config(event_toml(), "bench/event.toml"));
  auto db = organizer::open_event_database(out.database);

  // Half companies, half project holders; 20 staff.
  const int half = (participants - 20) / 2;
  std::string csv = "id,name,organization,role,language,email,badge_code\n";
  auto person = [&](const std::string& id, int i, const char* role) {
    csv += id + "," + kFirstNames[i % 20] + " " + kLastNames[(i / 20 + i) % 18] + "," + kOrganizations[i % 10] + " " + std::to_string(i % 97) +
           "," + role + "," + kLang[i % 3] + ",,\n";
  };
  for (int i = 0; i < half; ++i) person(id_of('C', i), i, "company");
  for (int i = 0; i < half; ++i) person(id_of('P', i), i + 7, "project");
  for (int i = 0; i < participants - 2 * half; ++i) person(id_of('S', i), i + 3, "staff");
  organizer::import_participants(db, organizer::parse_csv(csv, "bench/participants.csv"));
  out.participants = participants;

  // Round r, table t: company (t + 500·r) meets project (t·7 + r) mod 500 + 500·r:
  // nobody twice in a round.
  std::string meetings = "round,table,a,b\n";
  for (int r = 1; r <= kRounds; ++r)
    for (int t = 1; t <= kTables; ++t) {
      const int c = (t - 1) + kTables * (r - 1);
      const int p = ((t - 1) * 7 + r) % kTables + kTables * (r - 1);
      meetings += std::to_string(r) + "," + std::to_string(t) + "," + id_of('C', c % half) + "," + id_of('P', p % half) + "\n";
      ++out.meetings;
    }
  organizer::import_meetings(db, organizer::parse_csv(meetings, "bench/meetings.csv"));

  // 8,000 entrance check-ins from earlier in the day, in one transaction (setup only).
  {
    store::Transaction tx(db);
    auto insert = db.prepare(
        "INSERT INTO journal (uuid, device, seq, device_time, kind, participant_id, outcome) "
        "VALUES (?, 'bench-door-2', ?, ?, 'entrance', ?, 'welcome')");
    const int arrived = participants * 4 / 5;
    for (int i = 0; i < arrived; ++i) {
      insert.bind(1, store::make_uuid_v4());
      insert.bind(2, static_cast<std::int64_t>(i + 1));
      insert.bind(3, std::int64_t{1'800'000'000'000} + i);
      insert.bind(4, i % 2 ? id_of('P', (i / 2) % half) : id_of('C', (i / 2) % half));
      insert.step();
      insert.reset();
    }
    tx.commit();
    out.journal_rows = arrived;
  }
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");

  // Badges of participants with meetings in round 1 (companies 0..499), then others.
  store::EventStore events(db);
  const auto key = print::read_signing_key(db);
  const auto event = *events.load_event();
  for (int i = 0; i < badges; ++i) {
    const auto record = events.find_participant(id_of(i % 2 ? 'P' : 'C', (i / 2 * 3) % kTables));
    if (record) out.badges.push_back(print::badge_text(key, event, *record));
  }
  return out;
}

}  // namespace speedmeet::bench
