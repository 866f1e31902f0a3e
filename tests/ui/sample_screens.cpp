#include "sample_screens.hpp"

#include <stdexcept>

#include "domain/local_time.hpp"

namespace speedmeet::ui::samples {
namespace {

using namespace kiosk;
using namespace std::chrono;

constexpr int kRounds = 8;

Instant round_start(int r) { return local(14, 0) + minutes{16 * (r - 1)}; }
Instant round_end(int r) { return round_start(r) + minutes{12}; }

struct Names {
  bool long_names;
  std::string person(const std::string& n) const { return long_names ? sixty(n + " ") : n; }
  std::string org(const std::string& o) const { return long_names ? sixty(o + " ") : o; }
};

ScreenContext base_context() {
  ScreenContext c;
  c.event_name = "Luxembourg Digital Matchmaking 2026";
  c.venue = "European Convention Center · Luxembourg-Kirchberg";
  c.timezone = "Europe/Luxembourg";
  c.device_name = "kiosk-entrance-1";
  c.now = local(14, 36, 48);
  c.sync.state = SyncIndicator::State::online;
  c.sync.server = "https://sync.matchmaking.lu";
  c.sync.last_success = local(14, 35, 2);
  return c;
}

Participant person(const Names& n, const std::string& id, const std::string& name, const std::string& org, Language lang,
                   Role role = Role::project) {
  Participant p;
  p.id = id;
  p.name = n.person(name);
  p.organization = n.org(org);
  p.role = role;
  p.language = lang;
  return p;
}

MeetingView meeting(const Names& n, int round, int table, const std::string& partner, const std::string& org,
                    const std::string& label = {}) {
  MeetingView m;
  m.meeting_id = round * 100 + table;
  m.round = round;
  m.table = table;
  m.table_label = label;
  m.starts_at = round_start(round);
  m.ends_at = round_end(round);
  m.partner_id = std::string(1, 'C').append(std::to_string(table));
  m.partner_name = n.person(partner);
  m.partner_organization = n.org(org);
  return m;
}

Sample result(const std::string& name, Decision d, Language lang, Instant now) {
  ScreenContext c = base_context();
  c.now = now;
  return {name, ResultScreen{std::move(d), lang}, c};
}

Decision attendee(const Names& n, Outcome outcome, Language lang, const MeetingView& m, bool waiting) {
  Decision d;
  d.outcome = outcome;
  d.participant = person(n, "P07", "Ana Schmidt", "Nordlicht Analytics", lang);
  d.meeting = m;
  d.following = {meeting(n, m.round + 1, 3, "Jean Dupont", "Acme Fintech"),
                 meeting(n, m.round + 3, 12, "Sofia Rossi", "GreenGrid Energy")};
  d.partner_waiting = waiting;
  return d;
}

Sample idle(const std::string& name, Phase phase, Language lang, Instant now, SyncIndicator::State sync, int pending = 0) {
  ScreenContext c = base_context();
  c.now = now;
  c.sync.state = sync;
  c.sync.pending_uploads = pending;
  return {name, IdleScreen{phase, kRounds, lang}, c};
}

BoardSeat seat(const Names& n, const std::string& id, const std::string& name, const std::string& org, PersonState s) {
  return {id, n.person(name), n.org(org), s};
}

const char* const kFirst[] = {"Marc", "Ana", "Jean", "Sofia", "Lukas", "Élodie", "Jürgen", "Camille", "Noah", "Léa",
                              "Tomás", "Inès", "Pieter", "Zoë", "Mateo", "Hélène"};
const char* const kLast[] = {"Weber", "Schmidt", "Dupont", "Rossi", "Becker", "Marchand", "Müller", "Lefèvre",
                             "Hoffmann", "Moreau", "García", "Benali", "de Vries", "Klein", "Silva", "Faber"};
const char* const kOrgs[] = {"Lux Robotics", "Nordlicht Analytics", "Acme Fintech", "GreenGrid Energy", "Banque du Nord",
                             "MediScan", "Café Numérique", "Straßenbahn AG", "Quantum Loop", "AgriSense"};

std::string name_of(int i) { return std::string(kFirst[i % 16]) + " " + kLast[(i * 7 + 3) % 16]; }
std::string org_of(int i) { return kOrgs[(i * 3 + 1) % 10]; }

Board board(const Names& n, int tables, bool running) {
  Board b;
  b.round = running ? 3 : 4;
  b.running = running;
  b.past_grace = running;
  b.starts_at = round_start(b.round);
  b.ends_at = round_end(b.round);
  // A mix of every table state, as a floor host sees during a round.
  const TableState cycle[] = {TableState::complete, TableState::complete, TableState::waiting, TableState::complete,
                              TableState::no_show,  TableState::complete, TableState::empty,   TableState::complete,
                              TableState::idle,     TableState::complete, TableState::waiting, TableState::complete};
  for (int t = 1; t <= tables; ++t) {
    BoardTable bt;
    bt.table = t;
    bt.label = t == 1 ? "Salle Europe" : t == 2 ? "Stage" : "";
    bt.meeting_id = 300 + t;
    bt.state = cycle[(t - 1) % 12];
    if (!running && bt.state == TableState::no_show) bt.state = TableState::empty;
    const auto a_state = bt.state == TableState::complete || bt.state == TableState::waiting || bt.state == TableState::no_show
                             ? PersonState::checked_in
                             : PersonState::not_arrived;
    const auto b_state = bt.state == TableState::complete ? PersonState::checked_in
                         : bt.state == TableState::empty   ? PersonState::at_venue
                                                           : PersonState::not_arrived;
    if (bt.state != TableState::idle) {
      bt.a = seat(n, std::string(1, 'C').append(std::to_string(t)), name_of(2 * t), org_of(2 * t), a_state);
      bt.b = seat(n, std::string(1, 'P').append(std::to_string(t)), name_of(2 * t + 1), org_of(2 * t + 1), b_state);
    }
    switch (bt.state) {
      case TableState::complete: ++b.complete; break;
      case TableState::waiting: ++b.waiting; break;
      case TableState::empty: ++b.empty; break;
      case TableState::no_show: ++b.no_show; break;
      case TableState::idle: ++b.idle; break;
    }
    if (bt.state == TableState::no_show) b.standby.push_back({bt.a.participant_id, bt.a.name, bt.a.organization, t});
    b.tables.push_back(std::move(bt));
  }
  b.at_venue = tables * 2 - b.empty - b.idle * 2;
  return b;
}

Sample board_sample(const std::string& name, Board b, Language lang, Instant now) {
  ScreenContext c = base_context();
  c.now = now;
  return {name, BoardScreen{std::move(b), lang}, c};
}

}  // namespace

Instant local(int hour, int minute, int second) {
  static const LocalTimeZone zone("Europe/Luxembourg");
  return zone.to_utc(LocalSeconds{sys_days{year{2026} / November / 27}.time_since_epoch() + hours{hour} + minutes{minute} +
                                  seconds{second}});
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string sixty(const std::string& seed) {
  static const std::string filler = "Éléonore-Bérénice Müller-Łukasiewicz Ørsted Château-Dürrenmatt ";
  std::string out;
  std::size_t i = 0;
  const std::string source = seed + filler + filler;
  while (code_points(out) < 60) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(source[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    out += source.substr(i, len);
    i += len;
  }
  return out;
}

std::vector<Sample> all(bool long_names) {
  const Names n{long_names};
  std::vector<Sample> out;

  // Idle, in every phase and language, with every sync state.
  out.push_back(idle("idle", {Phase::Kind::in_round, 3, round_end(3)}, Language::en, local(14, 36, 48),
                     SyncIndicator::State::online));
  out.push_back(idle("idle-before-fr", {Phase::Kind::before_event, 1, round_start(1)}, Language::fr, local(13, 56),
                     SyncIndicator::State::disabled));
  out.push_back(idle("idle-break-de", {Phase::Kind::between_rounds, 4, round_start(4)}, Language::de, local(14, 45, 50),
                     SyncIndicator::State::offline, 12));
  out.push_back(idle("idle-over-en", {Phase::Kind::after_event, 0, {}}, Language::en, local(16, 10),
                     SyncIndicator::State::online));

  // Results, by outcome.
  const Instant before_r4 = local(14, 44, 30);
  const MeetingView r4 = meeting(n, 4, 7, "Marc Weber", "Lux Robotics");
  out.push_back(result("result-welcome", attendee(n, Outcome::welcome, Language::en, r4, false), Language::en, before_r4));
  {
    Decision d = attendee(n, Outcome::welcome, Language::fr, meeting(n, 4, 14, "Jürgen Müller", "Müller & Söhne GmbH"), true);
    d.participant = person(n, "P11", "Camille Lefèvre", "Café Numérique", Language::fr);
    out.push_back(result("result-welcome-partner-waiting-fr", d, Language::fr, before_r4));
  }
  {
    Decision d;
    d.outcome = Outcome::welcome;
    d.participant = person(n, "P20", "Lukas Becker", "Straßenbahn AG", Language::de);
    out.push_back(result("result-welcome-no-meeting-de", d, Language::de, before_r4));
  }
  {
    Decision d = attendee(n, Outcome::next, Language::de, meeting(n, 4, 12, "Élodie Marchand", "Banque du Nord", "Salle Europe"), false);
    d.participant = person(n, "P20", "Lukas Becker", "Straßenbahn AG", Language::de);
    out.push_back(result("result-next-de", d, Language::de, before_r4));
  }
  out.push_back(result("result-next-partner-waiting", attendee(n, Outcome::next, Language::en, r4, true), Language::en, before_r4));
  {
    Decision d = attendee(n, Outcome::late, Language::en, meeting(n, 3, 7, "Marc Weber", "Lux Robotics"), true);
    out.push_back(result("result-late", d, Language::en, local(14, 36, 48)));
  }
  {
    // Round 3, 4 min in: the planned partner did not come; the server paired
    // this attendee with another stood-up one at a freed table.
    MeetingView m = meeting(n, 3, 9, "Sophie Wagner", "Datalux S.à r.l.");
    m.rematch = true;
    Decision d = attendee(n, Outcome::next, Language::fr, m, false);
    d.participant = person(n, "P11", "Camille Lefèvre", "Café Numérique", Language::fr);
    d.meeting_checkin = true;
    out.push_back(result("result-rematch-fr", d, Language::fr, local(14, 34)));
  }
  {
    Decision d;
    d.outcome = Outcome::done;
    d.participant = person(n, "P11", "Camille Lefèvre", "Café Numérique", Language::fr);
    out.push_back(result("result-done", d, Language::fr, local(16, 5)));
  }
  const std::pair<Reason, Language> reasons[] = {{Reason::unreadable, Language::fr}, {Reason::malformed, Language::de},
                                                 {Reason::bad_signature, Language::en}, {Reason::other_event, Language::de},
                                                 {Reason::revoked, Language::en}, {Reason::unknown, Language::fr}};
  for (auto [reason, lang] : reasons) {
    Decision d;
    d.outcome = Outcome::rejected;
    d.reason = reason;
    if (reason == Reason::revoked) d.participant = person(n, "P07", "Ana Schmidt", "Nordlicht Analytics", Language::en);
    out.push_back(result("result-rejected-" + std::string(to_string(reason)), d, lang, local(14, 36, 48)));
  }
  {
    Decision d;
    d.outcome = Outcome::staff;
    d.participant = person(n, "S02", "Nadia Haddad", "Organizing team", Language::en, Role::staff);
    out.push_back(result("result-staff", d, Language::en, local(14, 36, 48)));
  }
  {
    // Checked in by hand on the staff panel: the result says by whom.
    Decision d = attendee(n, Outcome::welcome, Language::de, meeting(n, 4, 12, "Élodie Marchand", "Banque du Nord"), false);
    d.participant = person(n, "P20", "Lukas Becker", "Straßenbahn AG", Language::de);
    d.meeting_checkin = true;
    Sample manual = result("result-welcome-manual-de", d, Language::de, before_r4);
    std::get<ResultScreen>(manual.screen).checked_in_by = n.person("Nadia Haddad");
    out.push_back(std::move(manual));
  }
  {
    Decision d;
    d.outcome = Outcome::ignored;
    d.participant = person(n, "P07", "Ana Schmidt", "Nordlicht Analytics", Language::en);
    out.push_back(result("result-ignored", d, Language::en, local(14, 36, 48)));
  }

  // Staff panel: healthy; exit armed while offline with an error; sync disabled.
  {
    StaffScreen s;
    s.selected = StaffScreen::Action::host_board;
    s.staff_name = n.person("Nadia Haddad");
    s.entrance_checkins = 214;
    s.meeting_checkins = 467;
    s.rejected_scans = 9;
    s.journal_rows = 690;
    s.message = StaffMessage::sync_requested;
    s.clock = ClockState{ClockTrust::synced, -340, 12, ""};
    out.push_back({"staff", s, base_context()});
    ScreenContext c = base_context();
    c.sync.state = SyncIndicator::State::offline;
    c.sync.pending_uploads = 37;
    c.sync.last_success = local(14, 2, 11);
    c.sync.last_error = "Could not reach https://sync.matchmaking.lu: connection timed out after 10 s";
    s.selected = StaffScreen::Action::exit;
    s.exit_armed = true;
    s.language = Language::fr;
    s.message = StaffMessage::none;
    s.clock = ClockState{};
    out.push_back({"staff-exit-armed-fr", s, c});
    c = base_context();
    c.sync = {};
    s.selected = StaffScreen::Action::sync_now;
    s.exit_armed = false;
    s.language = Language::de;
    s.message = StaffMessage::offline_only;
    out.push_back({"staff-sync-disabled-de", s, c});
    // A kiosk whose clock was never confirmed: staff confirm the time.
    s.selected = StaffScreen::Action::confirm_time;
    s.language = Language::en;
    s.message = StaffMessage::time_confirmed;
    s.clock = ClockState{ClockTrust::staff, 0, 0, n.person("Nadia Haddad")};
    out.push_back({"staff-time-confirmed", s, c});
  }
  {
    // "Check someone in": "mar" typed, six of eight matches shown in the
    // order the search gives (name word starts, then organizations), the
    // third selected; round 3 is running.
    StaffSearchScreen search;
    search.query = "mar";
    search.staff_name = n.person("Nadia Haddad");
    search.selected = 2;
    search.more = 2;
    auto found = [&](const std::string& id, const std::string& name, const std::string& org, bool at_venue,
                     std::optional<int> round, bool present) {
      search.matches.push_back({id, n.person(name), n.org(org), at_venue, round, present});
    };
    found("P14", "Élodie Marchand", "Banque du Nord", false, 3, false);
    found("P30", "Mara Klein", "AgriSense", true, 4, false);
    found("C01", "Marc Weber", "Lux Robotics", true, 3, true);
    found("P22", "Marco Rossi", "Quantum Loop", true, 3, false);
    found("C12", "Tomás García", "Marine Data Systems", false, std::nullopt, false);
    found("P05", "Inès Benali", "Smart Mobility Lab", true, 3, true);
    out.push_back({"staff-search", search, base_context()});
  }

  // Host board: 16 tables with every state and a standby list; 60 tables;
  // before a round; after the event.
  out.push_back(board_sample("board", board(n, 16, true), Language::en, local(14, 36, 48)));
  out.push_back(board_sample("board-60-tables", board(n, 60, true), Language::en, local(14, 36, 48)));
  out.push_back(board_sample("board-upcoming-fr", board(n, 24, false), Language::fr, local(14, 45, 50)));
  {
    Board b;
    b.at_venue = 58;
    out.push_back(board_sample("board-no-round-de", b, Language::de, local(16, 10)));
  }

  out.push_back({"out-of-order",
                 OutOfOrderScreen{"The local database is read-only (disk full?): /var/lib/speedmeet/kiosk.db"}, base_context()});

  // A kiosk with no token: it knows no event yet.
  ScreenContext unenrolled = base_context();
  unenrolled.event_name.clear();
  unenrolled.venue.clear();
  out.push_back({"kiosk-setup-code", SetupCodeScreen{}, unenrolled});
  out.push_back({"kiosk-setup-code-refused",
                 SetupCodeScreen{SetupCodeScreen::State::refused,
                                 "This setup code was already used: make a new one with speedmeet device add --qr.",
                                 Language::en},
                 unenrolled});
  out.push_back({"out-of-order-code",
                 OutOfOrderScreen{"only 12 MB free in /var/lib/speedmeet-kiosk", Language::en, "E-DISK"}, base_context()});
  {
    // A Raspberry Pi booted without network: its clock reads 1970.
    ScreenContext c = base_context();
    c.now = Instant{Seconds{12 * 60 + 7}};
    out.push_back({"clock-not-set", ClockNotSetScreen{Language::en}, c});
  }
  return out;
}

std::vector<Sample> names() {
  const Names n{false};
  const Instant before_r4 = local(14, 44, 30);
  const std::string arabic = "محمد بن عبد الله العتيبي", arabic_org = "شركة الرياض للتقنية (Riyadh Tech)";
  const std::string hebrew = "נועה כהן-לוי", hebrew_org = "טכנולוגיות ירושלים בע״מ";
  const std::string emoji = "Zoë Kieffer 🚀", emoji_org = "Café ☕ Labs ★ ✓";
  const std::string long_name = "Maximiliane Alexandra Wolfeschlegelsteinhausen-Bergerdorffer";
  const std::string long_org = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaf";
  const auto with = [&](Outcome outcome, const std::string& name, const std::string& org, const MeetingView& m,
                        std::vector<MeetingView> following) {
    Decision d;
    d.outcome = outcome;
    d.participant = person(n, "C01", name, org, Language::en, Role::company);
    d.meeting = m;
    d.following = std::move(following);
    d.partner_waiting = true;
    return d;
  };
  std::vector<Sample> out;
  out.push_back(result("kiosk-names-arabic",
                       with(Outcome::welcome, arabic, arabic_org, meeting(n, 4, 7, hebrew, hebrew_org),
                            {meeting(n, 5, 3, emoji, emoji_org), meeting(n, 7, 12, long_name, long_org)}),
                       Language::en, before_r4));
  out.push_back(result("kiosk-names-hebrew",
                       with(Outcome::next, hebrew, hebrew_org, meeting(n, 4, 7, arabic, arabic_org),
                            {meeting(n, 6, 2, "Ana Silva", "Lux Robotics")}),
                       Language::en, before_r4));
  out.push_back(result("kiosk-names-emoji",
                       with(Outcome::next, emoji, emoji_org, meeting(n, 4, 3, arabic, arabic_org),
                            {meeting(n, 5, 9, "Jean 😀 Dupont", "Acme ♥ Fintech")}),
                       Language::fr, before_r4));
  out.push_back(result("kiosk-names-long",
                       with(Outcome::next, long_name, long_org, meeting(n, 4, 12, long_name, long_org),
                            {meeting(n, 5, 9, arabic, arabic_org)}),
                       Language::de, before_r4));
  return out;
}

const Sample& find(const std::string& name, bool long_names) {
  static const std::vector<Sample> plain = all(false), long_ones = all(true);
  for (const Sample& s : long_names ? long_ones : plain)
    if (s.name == name) return s;
  throw std::invalid_argument("no sample screen named " + name);
}

}  // namespace speedmeet::ui::samples
