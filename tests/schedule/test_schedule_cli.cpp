// `speedmeet schedule` and `speedmeet rematch` through the real binary, on
// the demo event and variants of it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "domain/validation.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/journal.hpp"
#include "store/transaction.hpp"
#include "scheduling/central_schedule.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::test;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The demo event, optionally with another round count; no schedule yet.
std::string build_demo_db(const TempDir& dir, int rounds, const std::string& participants) {
  std::string toml = read_file(source_path("config/demo/event.toml"));
  toml = std::regex_replace(toml, std::regex("\nrounds = 8"), "\nrounds = " + std::to_string(rounds));
  const std::string db = dir.file("central.db");
  require_ok(run_speedmeet({"init", db, "--event", dir.write("event.toml", toml)}));
  require_ok(run_speedmeet(
      {"import", db, participants.empty() ? source_path("config/demo/participants.csv") : participants}));
  require_ok(run_speedmeet({"import", db, "--wishes", source_path("config/demo/wishes.csv")}));
  return db;
}

// Built once per round count with the real binary, then copied: each
// process run costs a few fsyncs, and most tests start from the same event.
std::string demo_db(const TempDir& dir, int rounds = 8, const std::string& participants = "") {
  if (!participants.empty()) return build_demo_db(dir, rounds, participants);
  static TempDir cache;
  static std::map<int, std::string> built;
  auto it = built.find(rounds);
  if (it == built.end()) {
    const std::string path = cache.file("demo-" + std::to_string(rounds) + ".db");
    std::filesystem::copy_file(build_demo_db(dir, rounds, ""), path);
    it = built.emplace(rounds, path).first;
  }
  const std::string db = dir.file("central.db");
  std::filesystem::copy_file(it->second, db, std::filesystem::copy_options::overwrite_existing);
  return db;
}

struct Stored {
  Event event;
  std::vector<Meeting> meetings;
  std::map<std::string, int> by_origin;
  std::vector<Participant> roster;
};

Stored stored(const std::string& path) {
  store::Database db(path, store::OpenMode::read_only);
  store::EventStore events(db);
  Stored s{*events.load_event(), events.meetings(), {}, {}};
  auto st = db.prepare("SELECT origin, count(*) FROM meetings GROUP BY origin");
  while (st.step()) s.by_origin[st.text(0)] = st.integer(1);
  for (auto& r : events.participants()) s.roster.push_back(r.participant);
  return s;
}

// The schedule as stored, origin included: what schedule and rematch write.
std::string schedule_dump(const std::string& path) {
  store::Database db(path, store::OpenMode::read_only);
  auto st = db.prepare("SELECT id, round, table_no, a, b, origin FROM meetings ORDER BY id");
  std::string out;
  while (st.step())
    for (int c = 0; c < 6; ++c) out += st.text(c) + (c == 5 ? "\n" : "|");
  return out;
}

void require_valid(const Stored& s) {
  const auto problems = validate_schedule(s.meetings, s.event.round_count(), s.event.table_count());
  INFO((problems.empty() ? "" : problems.front().message));
  REQUIRE(problems.empty());
  for (const Meeting& m : s.meetings) {
    CHECK(m.a[0] != 'S');  // staff never meet
    CHECK(m.b[0] != 'S');
  }
}

}  // namespace

TEST_CASE("schedule fill on the demo: the event's 8 rounds, optimal weight, summary and a valid schedule") {
  TempDir dir;
  const std::string db = demo_db(dir);
  const auto r = run_speedmeet({"schedule", db, "--mode", "fill"});
  require_ok(r);
  INFO(r.out);
  CHECK(contains(r.out, "Schedule (fill, seed 1): 128 meetings in 8 rounds (of the event's 8)."));
  CHECK(contains(r.out, "E = 148 among 48 participants, companies × project holders (bipartite)"));
  CHECK(contains(r.out, "Δ = 12 (C10); T = 16 tables"));
  CHECK(contains(r.out, "max(12, ⌈148/16⌉ = 10) = 12 rounds"));
  CHECK(contains(r.out, "must 53/53"));
  CHECK(contains(r.out, "the best possible in 8 rounds"));
  CHECK(contains(r.out, "Idle tables   0 0 0 0 0 0 0 0"));
  CHECK(contains(r.out, "Validation    no problems"));
  CHECK(contains(r.out, "Wrote 128 meetings"));
  const Stored s = stored(db);
  require_valid(s);
  CHECK(s.meetings.size() == 128);
  CHECK(s.by_origin == std::map<std::string, int>{{"schedule", 128}});
}

TEST_CASE("a schedule needing more rounds than the event has is refused and changes nothing") {
  TempDir dir;
  const std::string db = demo_db(dir);
  require_ok(run_speedmeet({"import", db, "--meetings", source_path("config/demo/meetings.csv")}));
  const std::string before = schedule_dump(db);
  const auto min = run_speedmeet({"schedule", db, "--mode", "min-rounds"});
  CHECK(min.exit_code == 2);
  CHECK(contains(min.err, "min-rounds needs 12 rounds for all 148 meetings"));
  CHECK(contains(min.err, "the event has 8; nothing was changed"));
  const auto all = run_speedmeet({"schedule", db, "--mode", "all-pairs"});
  CHECK(all.exit_code == 2);
  CHECK(contains(all.err, "all-pairs needs 32 rounds for 512 meetings"));
  CHECK(schedule_dump(db) == before);
  CHECK(stored(db).by_origin == std::map<std::string, int>{{"import", 128}});
}

TEST_CASE("min-rounds on a 12-round demo reaches the bound and holds every wish") {
  TempDir dir;
  const std::string db = demo_db(dir, 12);
  const auto r = run_speedmeet({"schedule", db, "--mode", "min-rounds"});
  require_ok(r);
  INFO(r.out);
  CHECK(contains(r.out, "148 meetings in 12 rounds = the lower bound"));
  CHECK(contains(r.out, "must 53/53 · want 87/87 · nice 46/46"));
  const Stored s = stored(db);
  require_valid(s);
  CHECK(s.meetings.size() == 148);
}

TEST_CASE("all-pairs with fixed tables on a 32-round demo: rotation, byes listed, companies never move") {
  TempDir dir;
  const std::string db = demo_db(dir, 32);
  const auto r = run_speedmeet({"schedule", db, "--mode", "all-pairs", "--fixed-tables"});
  require_ok(r);
  INFO(r.out);
  CHECK(contains(r.out, "512 meetings in 32 rounds = the lower bound"));
  CHECK(contains(r.out, "Byes"));
  CHECK(contains(r.out, "round 1 (16): P17"));
  const Stored s = stored(db);
  require_valid(s);
  std::map<std::string, std::set<int>> tables_of;
  std::set<std::pair<std::string, std::string>> pairs;
  for (const Meeting& m : s.meetings) {
    tables_of[m.a].insert(m.table);
    pairs.insert({m.a, m.b});
  }
  CHECK(pairs.size() == 16 * 32);
  for (const auto& [company, tables] : tables_of) {
    CHECK(company[0] == 'C');
    CHECK(tables == std::set<int>{std::stoi(company.substr(1))});
  }
}

TEST_CASE("--rounds uses only the first R rounds; more than the event has is refused") {
  TempDir dir;
  const std::string db = demo_db(dir);
  const auto six = run_speedmeet({"schedule", db, "--mode", "fill", "--rounds", "6"});
  require_ok(six);
  CHECK(contains(six.out, "96 meetings in 6 rounds (of the event's 8)"));
  CHECK(contains(six.out, "rounds 7-8 of the event stay empty"));
  for (const Meeting& m : stored(db).meetings) CHECK(m.round <= 6);
  const std::string before = schedule_dump(db);
  const auto nine = run_speedmeet({"schedule", db, "--mode", "fill", "--rounds", "9"});
  CHECK(nine.exit_code == 2);
  CHECK(contains(nine.err, "--rounds 9 is outside the event's rounds 1-8"));
  const auto with_min = run_speedmeet({"schedule", db, "--mode", "min-rounds", "--rounds", "5"});
  CHECK(with_min.exit_code == 2);
  CHECK(schedule_dump(db) == before);
}

TEST_CASE("bad usage exits 2 with the usage line") {
  TempDir dir;
  const std::string db = demo_db(dir);
  for (const auto& args : std::vector<std::vector<std::string>>{{"schedule", db},
                                                                {"schedule", db, "--mode", "fastest"},
                                                                {"schedule", db, "--mode", "fill", "--seed", "x"},
                                                                {"rematch", db},
                                                                {"rematch", db, "--round", "two"}}) {
    const auto r = run_speedmeet(args);
    INFO(args.back() << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "usage: speedmeet"));
  }
  const auto missing = run_speedmeet({"schedule", dir.file("nope.db"), "--mode", "fill"});
  CHECK(missing.exit_code == 2);
  const auto round = run_speedmeet({"rematch", db, "--round", "9"});
  CHECK(round.exit_code == 2);
  CHECK(contains(round.err, "round 9 is outside the event's rounds 1-8"));
}

TEST_CASE("another seed gives another schedule of the same quality") {
  TempDir dir;
  const std::string db = demo_db(dir);
  const auto one = run_speedmeet({"schedule", db, "--mode", "fill", "--seed", "1"});
  require_ok(one);
  const auto first = stored(db).meetings;
  const auto two = run_speedmeet({"schedule", db, "--mode", "fill", "--seed", "2"});
  require_ok(two);
  CHECK(stored(db).meetings != first);
  auto weight_line = [](const std::string& out) { return out.substr(out.find("Wish weight")); };
  CHECK(weight_line(one.out).substr(0, 40) == weight_line(two.out).substr(0, 40));
  const auto again = run_speedmeet({"schedule", db, "--mode", "fill", "--seed", "1"});
  require_ok(again);
  std::vector<Meeting> replay = stored(db).meetings;
  for (Meeting& m : replay) m.id = 0;
  std::vector<Meeting> original = first;
  for (Meeting& m : original) m.id = 0;
  CHECK(replay == original);  // same seed, same schedule
}

TEST_CASE("arrives/leaves from participants.csv are respected") {
  TempDir dir;
  // C10 (the busiest) arrives in round 3; P05 leaves after round 4.
  std::string csv;
  std::istringstream lines(read_file(source_path("config/demo/participants.csv")));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("id,", 0) == 0) csv += line + ",arrives,leaves\n";
    else if (line.rfind("C10,", 0) == 0) csv += line + ",3,\n";
    else if (line.rfind("P05,", 0) == 0) csv += line + ",,4\n";
    else csv += line + ",,\n";
  }
  const std::string db = demo_db(dir, 12, dir.write("participants.csv", csv));
  const auto r = run_speedmeet({"schedule", db, "--mode", "fill"});
  require_ok(r);
  const Stored s = stored(db);
  require_valid(s);
  int c10 = 0;
  for (const Meeting& m : s.meetings) {
    if (m.involves("C10")) {
      CHECK(m.round >= 3);
      ++c10;
    }
    if (m.involves("P05")) CHECK(m.round <= 4);
  }
  CHECK(c10 == 10);  // 12 wished, 10 rounds present
  const auto min = run_speedmeet({"schedule", db, "--mode", "min-rounds"});
  CHECK(min.exit_code == 2);
  CHECK(contains(min.err, "C10 has 12 meetings to hold but attends only rounds 3-12"));
}

// ---- rematch ---------------------------------------------------------------

namespace {

struct Scans {
  store::Database db;
  store::Journal journal;
  explicit Scans(const std::string& path) : db(relaxed(path)), journal(db, "kiosk-entrance") {}
  // The test's own writes need no power-cut safety: skip the fsync per row.
  static store::Database relaxed(const std::string& path) {
    store::Database db(path, store::OpenMode::read_write);
    db.exec("PRAGMA synchronous = OFF");
    return db;
  }
  void entrance(const std::string& who) {
    JournalRow e;
    e.kind = JournalKind::entrance;
    e.participant = who;
    e.outcome = "welcome";
    e.device_time_ms = 1;
    journal.append(e);
  }
  void meeting(const std::string& who, std::int64_t meeting_id) {
    JournalRow e;
    e.kind = JournalKind::meeting;
    e.participant = who;
    e.meeting_id = meeting_id;
    e.outcome = "next";
    e.device_time_ms = 2;
    journal.append(e);
  }
};

const Meeting& meeting_at(const std::vector<Meeting>& all, int round, int table) {
  for (const Meeting& m : all)
    if (m.round == round && m.table == table) return m;
  throw std::logic_error("no meeting there");
}

// Everyone arrives and checks in for round 2, except the absent.
void round_two_attendance(const std::string& db, const std::set<std::string>& absent) {
  const auto meetings = stored(db).meetings;
  Scans scans(db);
  for (const Meeting& m : meetings)
    if (m.round == 2)
      for (const std::string& who : {m.a, m.b})
        if (!absent.contains(who)) {
          scans.entrance(who);
          scans.meeting(who, m.id);
        }
}

}  // namespace

TEST_CASE("rematch pairs stood-up attendees at freed tables, once") {
  TempDir dir;
  const std::string db = demo_db(dir);
  require_ok(run_speedmeet({"schedule", db, "--mode", "fill"}));
  const auto before = stored(db).meetings;
  const Meeting t1 = meeting_at(before, 2, 1);
  const Meeting t2 = meeting_at(before, 2, 2);
  const Meeting t3 = meeting_at(before, 2, 3);
  // Absent: t1's project holder, t2's company, t3's project holder. C at
  // t1 and t3 and the project holder at t2 stand by: one pair at most.
  round_two_attendance(db, {t1.b, t2.a, t3.b});

  const auto r = run_speedmeet({"rematch", db, "--round", "2"});
  require_ok(r);
  INFO(r.out);
  CHECK(contains(r.out, "Round 2: 3 standing by"));
  const Stored s = stored(db);
  require_valid(s);
  std::vector<Meeting> added;
  for (const Meeting& m : s.meetings)
    if (std::find(before.begin(), before.end(), m) == before.end()) added.push_back(m);
  // t2's project holder has a company to meet unless both already met/are scheduled.
  REQUIRE(!added.empty());
  std::set<std::pair<std::string, std::string>> earlier;
  for (const Meeting& m : before) earlier.insert(std::minmax(m.a, m.b));
  std::set<std::string> seated;
  for (const Meeting& m : added) {
    CHECK(m.round == 2);
    CHECK(!earlier.contains(std::minmax(m.a, m.b)));  // never a pair that met or will meet
    CHECK(seated.insert(m.a).second);
    CHECK(seated.insert(m.b).second);
    CHECK((m.table == 1 || m.table == 2 || m.table == 3));
    CHECK(m.a[0] == 'C');  // the company hosts
  }
  CHECK(s.by_origin.at("rematch") == static_cast<int>(added.size()));
  CHECK(s.meetings.size() == before.size() - 2 * added.size() + added.size());

  // Running it again changes nothing for those already re-matched.
  const std::string after_first = schedule_dump(db);
  const auto again = run_speedmeet({"rematch", db, "--round", "2"});
  require_ok(again);
  INFO(again.out);
  CHECK(contains(again.out, "0 new meetings"));
  CHECK(schedule_dump(db) == after_first);
}

TEST_CASE("a late arrival within the grace period keeps the original meeting") {
  TempDir dir;
  const std::string db = demo_db(dir);
  require_ok(run_speedmeet({"schedule", db, "--mode", "fill"}));
  const auto before = stored(db).meetings;
  const Meeting t1 = meeting_at(before, 2, 1);
  // Everybody but t1's project holder is there on time...
  round_two_attendance(db, {t1.b});
  // ...and t1's project holder comes late but checks in before the grace
  // period ends: the journal has both check-ins when the re-match runs.
  {
    Scans late(db);
    late.entrance(t1.b);
    late.meeting(t1.b, t1.id);
  }
  const auto r = run_speedmeet({"rematch", db, "--round", "2"});
  require_ok(r);
  CHECK(contains(r.out, "nobody is standing by; the schedule is unchanged"));
  CHECK(stored(db).meetings == before);
}

TEST_CASE("a lone stood-up attendee stays at their table, the meeting kept") {
  TempDir dir;
  const std::string db = demo_db(dir);
  require_ok(run_speedmeet({"schedule", db, "--mode", "fill"}));
  const auto before = stored(db).meetings;
  const Meeting t1 = meeting_at(before, 2, 1);
  round_two_attendance(db, {t1.b});
  const auto r = run_speedmeet({"rematch", db, "--round", "2"});
  require_ok(r);
  CHECK(contains(r.out, "1 standing by, 0 new meetings"));
  CHECK(contains(r.out, "no new partner for " + t1.a));
  CHECK(stored(db).meetings == before);
}

TEST_CASE("rematch_round, the server's entry point, runs inside the caller's transaction") {
  TempDir dir;
  const std::string path = demo_db(dir);
  require_ok(run_speedmeet({"schedule", path, "--mode", "fill"}));
  const auto before = stored(path).meetings;
  const Meeting t1 = meeting_at(before, 2, 1);
  auto have_met = [&](const std::string& a, const std::string& b) {
    return std::any_of(before.begin(), before.end(),
                       [&](const Meeting& m) { return std::minmax(m.a, m.b) == std::minmax(a, b); });
  };
  // A table whose project holder has never met (nor will meet) t1's company.
  int other = 2;
  while (other <= 16 && have_met(t1.a, meeting_at(before, 2, other).b)) ++other;
  REQUIRE(other <= 16);
  const Meeting t3 = meeting_at(before, 2, other);
  round_two_attendance(path, {t1.b, t3.a});  // C at t1 and P at t3 stand by

  store::Database db(path, store::OpenMode::read_write);
  schedule::RematchOutcome out;
  {
    store::Transaction tx(db);  // as the server's rematch hook holds one
    out = schedule::rematch_round(db, 2);
    tx.commit();
  }
  CHECK(out.round == 2);
  REQUIRE(out.standby.size() == 2);
  REQUIRE(out.added.size() == 1);
  CHECK(out.added[0].id > 0);
  CHECK(out.added[0].a == t1.a);
  CHECK(out.added[0].b == t3.b);
  CHECK(out.added[0].table == 1);  // the company keeps its table
  CHECK(out.replaced.size() == 2);
  CHECK(out.unpaired.empty());
  CHECK(stored(path).by_origin.at("rematch") == 1);
  CHECK_THROWS_AS(schedule::rematch_round(db, 0), schedule::ScheduleError);
}
