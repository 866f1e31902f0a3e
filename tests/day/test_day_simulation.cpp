// Whole event days as a property test. Each seed invents an event (20-80
// people, 4-8 rounds, random round, break, window and grace lengths), its
// schedule (the real scheduler), and a day: arrivals early, late or never,
// people who skip a round, double scans at two kiosks, kiosks that lose the
// network, a reissued badge. The day is driven in time order through the
// real parts: three kiosk cores on their own SQLite files, the real sync
// (the client's cycle onto the server's API), the server's re-match timer,
// `speedmeet rematch` run again by hand, and the report model. Invariants:
//
//  * nobody present in a round (as the server knew it when it re-matched) is
//    re-matched away from a partner who was present too;
//  * a re-matched pair is never split again;
//  * nobody is in two meetings of one round;
//  * every meeting's status in the report equals the truth recomputed, by
//    plain loops, from the central journal;
//  * the central journal is the union of the kiosks' journals;
//  * after the last sync, every kiosk, its host board and the report agree
//    on who was present where.
//
// A failing seed prints its event and the smallest list of actions (found by
// removing actions while the day still fails) that still breaks the
// invariant. SPEEDMEET_DAY_SEEDS=FIRST-LAST runs other seeds.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "app/local_database.hpp"
#include "checkin/board.hpp"
#include "client/kiosk_replica.hpp"
#include "client/sync_cycle.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"
#include "organizer/event_database.hpp"
#include "print/badge_issue.hpp"
#include "reports/reports.hpp"
#include "schedule/scheduler.hpp"
#include "scheduling/central_schedule.hpp"
#include "server/rematch.hpp"
#include "server/sync_api.hpp"
#include "store/event_store.hpp"
#include "store/schema.hpp"
#include "store/transaction.hpp"
#include "support/temp_dir.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace std::chrono_literals;

namespace {

constexpr int kKiosks = 3;

struct DayConfig {
  std::uint64_t seed = 0;
  int companies = 0, projects = 0, tables = 0, rounds = 0;
  Minutes round_length{0}, break_length{0}, window{0}, grace{0}, sync_every{0};
  Instant start = parse_date_time("2026-11-27T14:00", LocalTimeZone("Europe/Luxembourg"));
};

struct Action {
  enum class Type { scan, sync, outage, back_online, rematch_timer, rematch_by_hand, reissue };
  Type type = Type::scan;
  Instant at;
  int kiosk = 0;
  std::string person;
};

std::string hhmm(Instant t) { return LocalTimeZone("Europe/Luxembourg").format_iso_local(t).substr(11, 8); }

std::string describe(const Action& a) {
  std::ostringstream out;
  out << hhmm(a.at) << "  ";
  switch (a.type) {
    case Action::Type::scan: out << "kiosk " << a.kiosk << " scans " << a.person; break;
    case Action::Type::sync: out << "kiosk " << a.kiosk << " syncs"; break;
    case Action::Type::outage: out << "kiosk " << a.kiosk << " loses the network"; break;
    case Action::Type::back_online: out << "kiosk " << a.kiosk << " is back online"; break;
    case Action::Type::rematch_timer: out << "server re-match timer"; break;
    case Action::Type::rematch_by_hand: out << "speedmeet rematch --round " << a.kiosk; break;
    case Action::Type::reissue: out << "desk reissues " << a.person << "'s badge"; break;
  }
  return out.str();
}

std::string describe(const DayConfig& c) {
  std::ostringstream out;
  out << "seed " << c.seed << ": " << c.companies << " companies, " << c.projects << " project holders, " << c.tables
      << " tables, " << c.rounds << " rounds of " << c.round_length.count() << " min, breaks " << c.break_length.count()
      << " min, window " << c.window.count() << " min, grace " << c.grace.count() << " min, kiosks sync every "
      << c.sync_every.count() << " min";
  return out.str();
}

std::string id(char role, int n) { return std::string(1, role) + (n < 10 ? "0" : "") + std::to_string(n); }

Event make_event(const DayConfig& c) {
  Event e;
  e.id = "sim-day";
  e.name = "Simulated day";
  e.venue = "Kirchberg";
  e.timezone = "Europe/Luxembourg";
  e.plan = {c.start, c.rounds, c.round_length, c.break_length};
  e.rounds = compute_rounds(e.plan);
  for (int t = 1; t <= c.tables; ++t) e.tables.push_back({t, ""});
  e.checkin_window = c.window;
  e.grace = c.grace;
  return e;
}

Participant person(const std::string& who, const std::string& name, Role role) {
  Participant p;
  p.id = who;
  p.name = name;
  p.role = role;
  return p;
}

std::vector<Participant> make_people(const DayConfig& c) {
  std::vector<Participant> people;
  for (int i = 1; i <= c.companies; ++i) people.push_back(person(id('C', i), "Company " + std::to_string(i), Role::company));
  for (int i = 1; i <= c.projects; ++i) people.push_back(person(id('P', i), "Project " + std::to_string(i), Role::project));
  people.push_back(person("S01", "Staff", Role::staff));
  return people;
}

std::vector<Meeting> make_schedule(const DayConfig& c, std::mt19937_64& rng) {
  schedule::ScheduleRequest request;
  request.mode = schedule::Mode::fill;
  request.participants = make_people(c);
  for (int i = 1; i <= c.companies; ++i)
    for (int j = 1; j <= c.projects; ++j)
      if (rng() % 3 == 0) request.wishes.push_back({id('C', i), id('P', j), static_cast<int>(rng() % 3) + 1});
  request.event_rounds = c.rounds;
  request.tables = c.tables;
  request.seed = c.seed;
  return schedule::make_schedule(request).meetings;
}

DayConfig make_config(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<std::uint64_t>(hi - lo + 1)); };
  DayConfig c;
  c.seed = seed;
  const int people = pick(20, 80);
  c.companies = pick(people / 4, people / 2);
  c.projects = people - c.companies;
  c.tables = c.companies + pick(0, 2);
  c.rounds = pick(4, 8);
  c.round_length = Minutes{pick(6, 20)};
  c.break_length = Minutes{pick(0, 10)};
  c.window = Minutes{pick(1, 8)};
  c.grace = Minutes{pick(1, std::min(5, static_cast<int>(c.round_length.count()) - 1))};
  c.sync_every = Minutes{pick(3, 12)};
  return c;
}

// The day's actions, in time order.
std::vector<Action> make_actions(const DayConfig& c, const std::vector<Meeting>& schedule, std::mt19937_64& rng) {
  const Event event = make_event(c);
  const auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<std::uint64_t>(hi - lo + 1)); };
  const auto seconds = [&](Instant from, Instant to) {
    const auto span = (to - from).count();
    return from + Seconds{span <= 0 ? 0 : static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(span + 1))};
  };
  std::vector<Action> actions;
  const auto scan = [&](Instant at, const std::string& who) {
    const int kiosk = pick(0, kKiosks - 1);
    actions.push_back({Action::Type::scan, at, kiosk, who});
    if (rng() % 20 == 0)  // a double scan at another kiosk (two doors, a crowd)
      actions.push_back({Action::Type::scan, at + Seconds{pick(0, 60)}, (kiosk + 1) % kKiosks, who});
  };
  for (const Participant& p : make_people(c)) {
    if (p.role == Role::staff) {
      scan(seconds(c.start, event.rounds.back().ends_at), p.id);
      continue;
    }
    if (rng() % 10 == 0) continue;  // never comes
    const int arrives = pick(1, c.rounds);
    const Round& first = event.rounds[static_cast<std::size_t>(arrives - 1)];
    // Early (before the window) or during the round itself.
    scan(rng() % 3 ? first.starts_at - c.window - Minutes{pick(1, 30)} : seconds(first.starts_at, first.ends_at - 1s), p.id);
    for (const Meeting& m : schedule) {
      if (!m.involves(p.id) || m.round < arrives) continue;
      const Round& r = event.rounds[static_cast<std::size_t>(m.round - 1)];
      const int dice = pick(1, 20);
      if (dice <= 15) scan(seconds(r.starts_at - c.window, r.starts_at + c.window), p.id);  // in the window
      else if (dice <= 17) scan(seconds(r.starts_at + c.window, r.ends_at - 1s), p.id);     // late
      // else: skips this round
    }
  }
  const Instant day_start = c.start - c.window - 31min, day_end = event.rounds.back().ends_at + 5min;
  for (int k = 0; k < kKiosks; ++k) {
    for (Instant t = day_start + Seconds{pick(0, 59)}; t < day_end; t += c.sync_every)
      actions.push_back({Action::Type::sync, t, k, ""});
    if (rng() % 3 == 0) {  // an outage somewhere in the day
      const Instant down = seconds(day_start, day_end);
      actions.push_back({Action::Type::outage, down, k, ""});
      actions.push_back({Action::Type::back_online, down + Minutes{pick(5, 60)}, k, ""});
    }
  }
  for (const Round& r : event.rounds) {
    // The server's timer looks every 5 s: at most that late after the grace period.
    actions.push_back({Action::Type::rematch_timer, r.starts_at + c.grace + Seconds{pick(0, 5)}, 0, ""});
    if (rng() % 3 == 0)
      actions.push_back({Action::Type::rematch_by_hand, seconds(r.starts_at + c.grace, r.ends_at - 1s), r.number, ""});
  }
  if (rng() % 5 == 0 && c.projects > 0) actions.push_back({Action::Type::reissue, seconds(day_start, day_end), 0, id('P', pick(1, c.projects))});
  std::stable_sort(actions.begin(), actions.end(), [](const Action& a, const Action& b) { return a.at < b.at; });
  return actions;
}

// A failed invariant: the message says which and where.
struct Broken {
  std::string what;
};
void require(bool ok, const std::function<std::string()>& what) {
  if (!ok) throw Broken{what()};
}

// One kiosk: its own database, the real replica, recorder and core.
struct SimKiosk {
  std::string name, path, token;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<kiosk::JournalRecorder> recorder;
  std::unique_ptr<kiosk::KioskCore> core;
  bool online = true;

  void reload() {
    auto data = kiosk::load_kiosk_data(*db);
    auto presence = kiosk::load_presence(*db, *data);
    core->replace_data(std::move(data), std::move(presence));
  }
};

kiosk::KioskTime kiosk_time(Instant t) { return std::chrono::time_point_cast<std::chrono::milliseconds>(t); }

class SimDay {
 public:
  SimDay(const DayConfig& config, const std::vector<Meeting>& schedule, const test::TempDir& dir)
      : config_(config), event_(make_event(config)), central_(dir.file("central.db")) {
    organizer::create_event_database(central_, event_);
    {
      auto db = organizer::open_event_database(central_);
      store::Transaction tx(db);
      store::EventStore events(db);
      for (const Participant& p : make_people(config)) events.upsert_participant(p);
      events.replace_meetings(schedule, "schedule");
      tx.commit();
    }
    api_ = std::make_unique<server::SyncApi>(central_, protocol::Limits{}, 2);
    for (int k = 0; k < kKiosks; ++k) {
      SimKiosk kiosk;
      kiosk.name = "kiosk-" + std::to_string(k);
      kiosk.path = dir.file(kiosk.name + ".db");
      kiosk.token = test::enrol(central_, kiosk.name);
      kiosk.db = std::make_unique<store::Database>(kiosk.path);
      store::migrate(*kiosk.db);
      kiosk.db->exec("PRAGMA synchronous = OFF");  // the logic is under test here, not the disk
      sync(kiosk);
      kiosk.recorder = std::make_unique<kiosk::JournalRecorder>(*kiosk.db, kiosk.name);
      auto data = kiosk::load_kiosk_data(*kiosk.db);
      auto presence = kiosk::load_presence(*kiosk.db, *data);
      kiosk.core = std::make_unique<kiosk::KioskCore>(std::move(data), std::move(presence), *kiosk.recorder,
                                                      kiosk::KioskSettings{}, kiosk_time(config.start - 2h));
      kiosks_.push_back(std::move(kiosk));
    }
  }

  void run(const Action& a) {
    switch (a.type) {
      case Action::Type::scan: scan(kiosks_[static_cast<std::size_t>(a.kiosk)], a.person, a.at); break;
      case Action::Type::sync:
        if (kiosks_[static_cast<std::size_t>(a.kiosk)].online) sync(kiosks_[static_cast<std::size_t>(a.kiosk)]);
        break;
      case Action::Type::outage: kiosks_[static_cast<std::size_t>(a.kiosk)].online = false; break;
      case Action::Type::back_online: kiosks_[static_cast<std::size_t>(a.kiosk)].online = true; break;
      case Action::Type::rematch_timer: rematch(a.at, std::nullopt); break;
      case Action::Type::rematch_by_hand: rematch(a.at, a.kiosk); break;
      case Action::Type::reissue: {
        store::Database db(central_, store::OpenMode::read_write);
        print::reissue_badge(db, a.person);
        badges_.erase(a.person);
        break;
      }
    }
  }

  // After the day: every kiosk back, synced twice (each pulls what the others pushed).
  void finish() {
    for (int pass = 0; pass < 2; ++pass)
      for (SimKiosk& k : kiosks_) {
        k.online = true;
        sync(k);
      }
    check_journal_union();
    check_schedule();
    check_report_and_kiosks();
  }

 private:
  // The badge a person carries: issued once, again after a reissue.
  const std::string& badge(const std::string& person) {
    auto it = badges_.find(person);
    if (it == badges_.end()) {
      store::Database db(central_, store::OpenMode::read_write);
      store::EventStore events(db);
      it = badges_.emplace(person, print::badge_text(print::read_signing_key(db), event_, *events.find_participant(person)))
               .first;
    }
    return it->second;
  }

  void scan(SimKiosk& k, const std::string& person, Instant at) {
    const auto result = k.core->on_scan(badge(person), kiosk_time(at));
    require(result.recorded || result.decision.outcome == kiosk::Outcome::ignored,
            [&] { return k.name + " could not record " + person + "'s scan: " + result.error; });
  }

  // Like the kiosk's sync thread: the core reloads when the cycle brought news.
  void sync(SimKiosk& k) {
    test::ApiTransport transport(*api_, k.token);
    client::KioskReplica replica(*k.db);
    const auto result = client::run_sync_cycle(transport, replica, {});
    if (k.core && (result.took_snapshot || result.changes_applied > 0)) k.reload();
  }

  // The server's re-match (its timer, or a person by hand), with the
  // invariants checked against what the server knew at that moment.
  void rematch(Instant at, std::optional<int> by_hand) {
    store::Database db(central_, store::OpenMode::read_write);
    const presence::Presence before = schedule::read_presence(db);
    const std::vector<Meeting> was = store::EventStore(db).meetings();
    if (by_hand) {
      store::Transaction tx(db);
      schedule::rematch_round(db, *by_hand);
      tx.commit();
    } else {
      server::run_due_rematches(db, at, [](store::Database& d, int round, Instant) {
        return static_cast<int>(schedule::rematch_round(d, round).added.size());
      });
    }
    const std::vector<Meeting> now = store::EventStore(db).meetings();
    std::set<std::int64_t> still;
    for (const Meeting& m : now) still.insert(m.id);
    for (const Meeting& m : was) {
      if (still.contains(m.id)) continue;
      require(!m.rematch, [&] {
        return "the re-matched pair " + m.a + "-" + m.b + " (round " + std::to_string(m.round) + ") was split again";
      });
      require(!(before.checked_in(m, m.a) && before.checked_in(m, m.b)), [&] {
        return m.a + " and " + m.b + " were both present for their round-" + std::to_string(m.round) +
               " meeting, which a re-match replaced";
      });
    }
    for (const Meeting& m : now)
      if (m.rematch) rematched_.insert(m.id);
  }

  void check_journal_union() {
    std::set<std::string> kiosk_rows, central_rows;
    for (SimKiosk& k : kiosks_)
      for (const JournalRow& r : store::Journal(*k.db, k.name).all())
        if (r.device == k.name) kiosk_rows.insert(r.uuid);
    store::Database db(central_, store::OpenMode::read_write);
    for (const JournalRow& r : store::Journal(db, "central").all()) central_rows.insert(r.uuid);
    require(kiosk_rows == central_rows, [&] {
      return "the central journal holds " + std::to_string(central_rows.size()) + " rows, the kiosks made " +
             std::to_string(kiosk_rows.size());
    });
  }

  void check_schedule() {
    store::Database db(central_, store::OpenMode::read_write);
    const std::vector<Meeting> meetings = store::EventStore(db).meetings();
    const auto problems = validate_schedule(meetings, config_.rounds, config_.tables);
    require(problems.empty(), [&] { return "the schedule at the end of the day: " + problems.front().message; });
    std::set<std::int64_t> ids;
    for (const Meeting& m : meetings) ids.insert(m.id);
    for (const std::int64_t id : rematched_)
      require(ids.contains(id), [&] { return "re-matched meeting " + std::to_string(id) + " left the schedule"; });
  }

  // The truth, by plain loops over the central journal: was `who` checked in
  // for a meeting of `round` (any of theirs, replaced ones included)?
  static bool truly_present(const std::vector<JournalRow>& journal, const std::vector<protocol::MeetingInfo>& meetings,
                            const std::string& who, std::int64_t round) {
    for (const JournalRow& r : journal) {
      if (r.participant != who || r.outcome == "rejected" || !r.meeting_id) continue;
      for (const protocol::MeetingInfo& m : meetings)
        if (m.id == *r.meeting_id && m.round == round && (m.a == who || m.b == who)) return true;
    }
    return false;
  }

  void check_report_and_kiosks() {
    store::Database db(central_, store::OpenMode::read_write);
    const reports::ReportData data = reports::load_report_data(db);
    const Instant after = event_.rounds.back().ends_at + 1h;
    const reports::Report report = reports::build_report(data.snapshot, data.devices, after);
    const auto& journal = data.snapshot.journal;
    for (const reports::MeetingLine& line : report.meetings) {
      const auto& m = line.meeting;
      const bool a = truly_present(journal, data.snapshot.meetings, m.a, m.round);
      const bool b = truly_present(journal, data.snapshot.meetings, m.b, m.round);
      const auto truth = m.replaced ? presence::MeetingStatus::replaced
                         : a && b   ? presence::MeetingStatus::held
                         : a || b   ? presence::MeetingStatus::one_side_only
                                    : presence::MeetingStatus::no_show;
      require(line.status == truth && line.a_present == a && line.b_present == b, [&] {
        return "the report says meeting " + std::to_string(m.id) + " (" + m.a + "-" + m.b + ", round " +
               std::to_string(m.round) + ") is " + std::string(presence::to_string(line.status)) +
               ", the journal says " + std::string(presence::to_string(truth));
      });
    }
    const presence::Presence server = schedule::read_presence(db);
    std::map<std::int64_t, presence::MeetingStatus> status;
    for (const reports::MeetingLine& line : report.meetings) status[line.meeting.id] = line.status;
    const std::vector<Meeting> schedule = store::EventStore(db).meetings();
    for (SimKiosk& k : kiosks_) {
      const presence::Presence& mine = k.core->presence();
      for (const Participant& p : make_people(config_)) {
        require(mine.at_venue(p.id) == server.at_venue(p.id), [&] { return k.name + " and the server disagree on whether " + p.id + " came"; });
        for (int r = 1; r <= config_.rounds; ++r)
          require(mine.present_in_round(p.id, r) == server.present_in_round(p.id, r), [&] {
            return k.name + " and the server disagree on " + p.id + " in round " + std::to_string(r);
          });
      }
      // Its host board, shown after each round's grace period.
      for (const Round& r : event_.rounds) {
        const kiosk::Board board = kiosk::build_board(k.core->data(), mine, r.starts_at + config_.grace);
        for (const kiosk::BoardTable& t : board.tables) {
          if (t.meeting_id == 0) continue;
          const bool held = status.at(t.meeting_id) == presence::MeetingStatus::held;
          require((t.state == kiosk::TableState::complete) == held, [&] {
            return k.name + "'s board shows round " + std::to_string(r.number) + " table " + std::to_string(t.table) +
                   (held ? " not complete" : " complete") + "; the report says " +
                   std::string(presence::to_string(status.at(t.meeting_id)));
          });
        }
        std::set<std::string> on_board, standing_by;
        for (const auto& s : board.standby) on_board.insert(s.participant_id);
        for (const auto& s : presence::find_standby(r.number, schedule, server, {"S01"})) standing_by.insert(s.participant);
        require(on_board == standing_by, [&] {
          return k.name + "'s board and the server's re-match disagree on who stands by in round " + std::to_string(r.number);
        });
      }
    }
  }

  DayConfig config_;
  Event event_;
  std::string central_;
  std::unique_ptr<server::SyncApi> api_;
  std::vector<SimKiosk> kiosks_;
  std::set<std::int64_t> rematched_;
  std::map<std::string, std::string> badges_;
};

// The day with these actions: nullopt when every invariant holds.
// Days write thousands of rows: in memory when the machine has a tmpfs.
std::string scratch_base() {
  std::error_code ec;
  return std::filesystem::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
}

std::optional<std::string> play(const DayConfig& config, const std::vector<Meeting>& schedule,
                                const std::vector<Action>& actions) {
  test::TempDir dir(scratch_base());
  try {
    SimDay day(config, schedule, dir);
    for (std::size_t i = 0; i < actions.size(); ++i) {
      try {
        day.run(actions[i]);
      } catch (const Broken& b) {
        return "after \"" + describe(actions[i]) + "\": " + b.what;
      }
    }
    day.finish();
  } catch (const Broken& b) {
    return "at the end of the day: " + b.what;
  } catch (const std::exception& e) {
    return std::string("threw: ") + e.what();
  }
  return std::nullopt;
}

// Removes actions while the day still fails (chunks, then one by one), at
// most `budget` replays.
std::vector<Action> shrink(const DayConfig& config, const std::vector<Meeting>& schedule, std::vector<Action> actions,
                           int budget) {
  for (std::size_t chunk = std::max<std::size_t>(actions.size() / 2, 1); chunk >= 1 && budget > 0; chunk /= 2) {
    for (std::size_t at = 0; at < actions.size() && budget > 0;) {
      std::vector<Action> fewer = actions;
      fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(at),
                  fewer.begin() + static_cast<std::ptrdiff_t>(std::min(at + chunk, fewer.size())));
      --budget;
      if (play(config, schedule, fewer)) actions = std::move(fewer);
      else at += chunk;
    }
    if (chunk == 1) break;
  }
  return actions;
}

std::pair<std::uint64_t, std::uint64_t> seed_range() {
  if (const char* env = std::getenv("SPEEDMEET_DAY_SEEDS")) {
    const std::string text = env;
    const auto dash = text.find('-');
    if (dash != std::string::npos) return {std::stoull(text.substr(0, dash)), std::stoull(text.substr(dash + 1))};
    return {std::stoull(text), std::stoull(text)};
  }
  return {1, 200};
}

}  // namespace

TEST_CASE("whole event days, seeded: kiosks, re-match, board and report agree on who is where") {
  const auto [first, last] = seed_range();
  int days = 0, scans = 0, rematches = 0;
  for (std::uint64_t seed = first; seed <= last; ++seed) {
    const DayConfig config = make_config(seed);
    std::mt19937_64 rng(seed * 7919 + 1);
    const std::vector<Meeting> schedule = make_schedule(config, rng);
    const std::vector<Action> actions = make_actions(config, schedule, rng);
    for (const Action& a : actions) {
      scans += a.type == Action::Type::scan;
      rematches += a.type == Action::Type::rematch_timer || a.type == Action::Type::rematch_by_hand;
    }
    if (const auto failure = play(config, schedule, actions)) {
      const auto minimal = shrink(config, schedule, actions, 150);
      std::ostringstream repro;
      repro << describe(config) << "\n" << *failure << "\nminimal reproduction (" << minimal.size() << " of "
            << actions.size() << " actions, replay with SPEEDMEET_DAY_SEEDS=" << seed << "):\n";
      for (const Action& a : minimal) repro << "  " << describe(a) << "\n";
      if (const auto still = play(config, schedule, minimal)) repro << "which fails " << *still << "\n";
      FAIL(repro.str());
    }
    ++days;
  }
  CHECK(days == static_cast<int>(last - first + 1));
  INFO(days << " days, " << scans << " scans, " << rematches << " re-match runs");
  CHECK(scans > days * 20);
}
