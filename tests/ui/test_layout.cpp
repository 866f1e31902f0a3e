// Screen layouts with a fake font: the rules every screen keeps at every
// window size, and what each screen says.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "fake_measurer.hpp"
#include "sample_screens.hpp"
#include "screen_checks.hpp"
#include "ui/layout.hpp"
#include "ui/strings.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;
using namespace speedmeet::ui;
using ui::test::FakeMeasurer;
using ui::test::joined;
using ui::test::with_tag;

namespace {

const Size kSizes[] = {{800, 480}, {1280, 800}, {1920, 1080}, {1024, 768}, {3840, 2160}, {480, 800}, {1080, 1920}};

DisplayList lay(const Screen& screen, const ScreenContext& context, Size size = {1920, 1080}, const Theme& theme = {}) {
  FakeMeasurer m;
  return layout_screen(screen, context, size, m, theme);
}

samples::Sample sample(const std::string& name, bool long_names = false) { return samples::find(name, long_names); }

const RectItem* largest_rect_of(const DisplayList& list, Color c) {
  const RectItem* best = nullptr;
  for (const RectItem& r : list.rects)
    if (r.color == c && (!best || r.rect.w * r.rect.h > best->rect.w * best->rect.h)) best = &r;
  return best;
}

}  // namespace

TEST_CASE("every screen keeps its text inside its boxes, legible and apart, at every size") {
  for (bool long_names : {false, true}) {
    for (const auto& s : samples::all(long_names)) {
      for (Size size : kSizes) {
        FakeMeasurer m;
        const DisplayList list = layout_screen(s.screen, s.context, size, m, Theme{});
        INFO(s.name << (long_names ? " (60-character names)" : "") << " at " << size.w << "x" << size.h);
        const auto problems = ui::test::check_screen(list, m);
        for (const auto& p : problems) UNSCOPED_INFO(p);
        REQUIRE(problems.empty());
        REQUIRE(list.size == size);
        REQUIRE_FALSE(list.texts.empty());
      }
    }
  }
}

TEST_CASE("countdowns and first names") {
  REQUIRE(format_countdown(Seconds{432}) == "07:12");
  REQUIRE(format_countdown(Seconds{0}) == "00:00");
  REQUIRE(format_countdown(Seconds{-5}) == "00:00");
  REQUIRE(format_countdown(Seconds{3599}) == "59:59");
  REQUIRE(format_countdown(Seconds{3600 + 7 * 60 + 12}) == "1:07:12");
  REQUIRE(format_countdown(Seconds{27 * 3600}) == "27:00:00");
  REQUIRE(first_name("Ana Schmidt") == "Ana");
  REQUIRE(first_name("  Élodie Marchand") == "Élodie");
  REQUIRE(first_name("Madonna") == "Madonna");
  REQUIRE(first_name("").empty());
}

TEST_CASE("the idle screen says the phase and 'scan your badge' in its language, the two others smaller") {
  const auto base = sample("idle");
  const std::pair<Phase, std::string> phases[] = {
      {{Phase::Kind::in_round, 3, samples::local(14, 44)}, "Round 3 of 8\u00A0— ends in 07:12"},
      {{Phase::Kind::between_rounds, 4, samples::local(14, 38, 58)}, "Break\u00A0— round 4 starts in 02:10"},
      {{Phase::Kind::before_event, 1, samples::local(14, 40, 48)}, "Starts in 04:00"},
      {{Phase::Kind::after_event, 0, {}}, "The meetings are over"}};
  for (const auto& [phase, expected] : phases) {
    const DisplayList list = lay(IdleScreen{phase, 8, Language::en}, base.context);
    REQUIRE(joined(list, "phase") == expected);
  }
  const std::pair<Language, std::string> others[] = {{Language::fr, "Scan your badge   ·   Scannen Sie Ihren Badge"},
                                                     {Language::en, "Scannez votre badge   ·   Scannen Sie Ihren Badge"},
                                                     {Language::de, "Scannez votre badge   ·   Scan your badge"}};
  for (const auto& [lang, rest] : others) {
    const DisplayList list = lay(IdleScreen{{Phase::Kind::in_round, 3, samples::local(14, 44)}, 8, lang}, base.context);
    REQUIRE(joined(list, "scan-badge") == text(Text::scan_badge, lang));
    REQUIRE(joined(list, "scan-badge-other") == rest);
    REQUIRE(with_tag(list, "scan-badge")[0]->px * 10 > with_tag(list, "scan-badge-other")[0]->px * 18);
    REQUIRE(joined(list, "title") == base.context.event_name);
    REQUIRE(joined(list, "clock") == "14:36");
  }
}

TEST_CASE("the idle screen's sync indicator: online, offline with pending rows, nothing when disabled") {
  auto s = sample("idle");
  s.context.sync.state = SyncIndicator::State::online;
  REQUIRE(joined(lay(s.screen, s.context), "sync") == "\u25CF Online");
  s.context.sync.state = SyncIndicator::State::offline;
  s.context.sync.pending_uploads = 12;
  REQUIRE(joined(lay(s.screen, s.context), "sync") == "\u25CF Offline\u00A0— 12 pending");
  s.context.sync.state = SyncIndicator::State::disabled;
  REQUIRE(with_tag(lay(s.screen, s.context), "sync").empty());
}

TEST_CASE("a result screen makes the table number its biggest text, in the outcome's colour") {
  const Theme theme;
  for (const auto& s : samples::all()) {
    const auto* r = std::get_if<ResultScreen>(&s.screen);
    if (!r) continue;
    INFO(s.name);
    for (Size size : kSizes) {
      const DisplayList list = lay(s.screen, s.context, size);
      const Swatch& tone = tone_swatch(theme, tone_of(r->decision.outcome));
      const RectItem* panel = largest_rect_of(list, tone.fill);
      REQUIRE(panel);
      REQUIRE(panel->rect.w * panel->rect.h >= size.w * size.h / 5);
      const auto numbers = with_tag(list, "table-number");
      const bool has_table = r->decision.meeting && (r->decision.outcome == Outcome::welcome ||
                                                     r->decision.outcome == Outcome::next || r->decision.outcome == Outcome::late);
      REQUIRE(numbers.size() == (has_table ? 1u : 0u));
      if (!has_table) continue;
      REQUIRE(numbers[0]->text == std::to_string(r->decision.meeting->table));
      REQUIRE(numbers[0]->color == tone.on_fill);
      REQUIRE(panel->rect.contains(ui::test::ink_of(*numbers[0])));
      for (const TextItem& t : list.texts)
        if (&t != numbers[0]) REQUIRE(t.px < numbers[0]->px);
    }
  }
}

TEST_CASE("result screens say who, where, with whom and when") {
  auto s = sample("result-next-partner-waiting");
  DisplayList list = lay(s.screen, s.context);
  REQUIRE(joined(list, "participant-name") == "Ana Schmidt");
  REQUIRE(joined(list, "headline") == "Marc is waiting at table\u00A07");
  REQUIRE(joined(list, "partner-name") == "Marc Weber");
  REQUIRE(joined(list, "partner-organization") == "Lux Robotics");
  REQUIRE(joined(list, "when") == "14:48 · in 03:30");
  REQUIRE(with_tag(list, "following").size() == 2);
  REQUIRE(with_tag(list, "following")[0]->text == "15:04  ·  Table\u00A03  ·  Jean Dupont (Acme Fintech)");

  s = sample("result-welcome");
  list = lay(s.screen, s.context);
  REQUIRE(joined(list, "headline") == "Welcome, Ana!");
  REQUIRE(joined(list, "caption") == "Your next meeting");

  s = sample("result-welcome-partner-waiting-fr");
  list = lay(s.screen, s.context);
  REQUIRE(joined(list, "headline") == "Bienvenue, Camille\u00A0!");
  REQUIRE(joined(list, "caption") == "Jürgen vous attend à la table\u00A014");
  REQUIRE(joined(list, "when") == "14:48 · dans 03:30");
  REQUIRE(joined(list, "table-word") == "Table");

  s = sample("result-next-de");
  list = lay(s.screen, s.context);
  REQUIRE(joined(list, "table-word") == "Tisch");
  REQUIRE(joined(list, "table-label") == "Salle Europe");
  REQUIRE(joined(list, "headline") == "Ihr nächstes Gespräch");

  s = sample("result-late");
  list = lay(s.screen, s.context);
  REQUIRE(joined(list, "headline") == "Round already running\u00A0— go now to table\u00A07");
  REQUIRE(joined(list, "when") == "Started 14:32 · ends in 07:12");

  s = sample("result-done");
  list = lay(s.screen, s.context);
  REQUIRE(joined(list, "headline") == "Plus de rendez-vous aujourd’hui\u00A0— merci\u00A0!");
  REQUIRE(with_tag(list, "table-number").empty());

  s = sample("result-staff");
  REQUIRE(joined(lay(s.screen, s.context), "headline") == "Staff panel");
}

TEST_CASE("a refused badge says why and what to do, in the kiosk's language") {
  const std::pair<Reason, std::pair<Text, Text>> reasons[] = {
      {Reason::unreadable, {Text::rejected_unreadable_title, Text::rejected_unreadable}},
      {Reason::malformed, {Text::rejected_invalid_title, Text::rejected_invalid}},
      {Reason::bad_signature, {Text::rejected_invalid_title, Text::rejected_invalid}},
      {Reason::other_event, {Text::rejected_other_event_title, Text::rejected_other_event}},
      {Reason::revoked, {Text::rejected_revoked_title, Text::rejected_revoked}},
      {Reason::unknown, {Text::rejected_unknown_title, Text::rejected_unknown}}};
  const auto context = sample("idle").context;
  for (const auto& [reason, texts] : reasons) {
    for (Language lang : {Language::fr, Language::en, Language::de}) {
      Decision d;
      d.outcome = Outcome::rejected;
      d.reason = reason;
      for (Size size : {Size{800, 480}, Size{1920, 1080}}) {
        const DisplayList list = lay(ResultScreen{d, lang}, context, size);
        INFO(to_string(reason) << " " << to_string(lang) << " " << size.w);
        REQUIRE(joined(list, "headline") == text(texts.first, lang));
        REQUIRE(joined(list, "action") == text(texts.second, lang));
        REQUIRE(with_tag(list, "table-number").empty());
      }
    }
  }
}

TEST_CASE("the staff panel shows sync health, counters, the selected action and the exit confirmation") {
  auto s = sample("staff");
  DisplayList list = lay(s.screen, s.context);
  REQUIRE(joined(list, "title") == "Staff panel\u00A0— Nadia Haddad");
  REQUIRE(joined(list, "action-selected") == "\u25B6 Host board");
  REQUIRE(joined(list, "action") == "Sync now Check someone in Confirm the time Exit");
  REQUIRE(with_tag(list, "exit-confirm").empty());
  REQUIRE(joined(list, "message") == "Sync requested");
  const std::string values = joined(list, "value");
  for (const char* v : {"kiosk-entrance-1", "https://sync.matchmaking.lu", "14:35  (1\u00A0min ago)", "214", "467", "9", "690", "none"})
    REQUIRE(values.find(v) != std::string::npos);

  s = sample("staff-exit-armed-fr");
  list = lay(s.screen, s.context);
  REQUIRE(joined(list, "exit-confirm") == "Scannez un badge équipe pour confirmer la sortie");
  REQUIRE(joined(list, "action-selected") == "\u25B6 Quitter");
  const auto errors = with_tag(list, "value");
  const bool error_shown = std::any_of(errors.begin(), errors.end(), [](const TextItem* t) {
    return t->text.find("Could not reach") != std::string::npos && t->color == Theme{}.error_text;
  });
  REQUIRE(error_shown);
  REQUIRE(joined(list, "value").find("37") != std::string::npos);

  s = sample("staff-sync-disabled-de");
  list = lay(s.screen, s.context);
  REQUIRE(joined(list, "value").find("Deaktiviert (kein Server)") != std::string::npos);
  REQUIRE(joined(list, "value").find("nie") != std::string::npos);
}

TEST_CASE("the staff panel's search shows what was typed, each person found with id and state, the selection and the keys") {
  auto s = sample("staff-search");
  DisplayList list = lay(s.screen, s.context);
  REQUIRE(joined(list, "title") == "Check someone in\u00A0— Nadia Haddad");
  REQUIRE(joined(list, "search-query") == "mar");
  REQUIRE(with_tag(list, "search-prompt").empty());
  REQUIRE(with_tag(list, "match-name").size() == 6);
  REQUIRE(joined(list, "match-name") == "Élodie Marchand Mara Klein Marc Weber Marco Rossi Tomás García Inès Benali");
  REQUIRE(joined(list, "match-id") == "P14 P30 C01 P22 C12 P05");
  REQUIRE(joined(list, "match-venue").find("Not arrived yet At the venue") == 0);
  REQUIRE(joined(list, "match-round") ==
          "Not checked in for round\u00A03 Not checked in for round\u00A04 Checked in for round\u00A03 "
          "Not checked in for round\u00A03 No meeting ahead Checked in for round\u00A03");
  REQUIRE(joined(list, "search-message") == "and 2 more\u00A0— type more to narrow it down");
  REQUIRE(joined(list, "keys") == "↑\u00A0↓ choose · Enter: check in · Esc: back");
  // One pointer, on the selected row (the third), whose ring is the accent.
  const auto pointer = with_tag(list, "match-pointer");
  REQUIRE(pointer.size() == 1);
  const auto names = with_tag(list, "match-name");
  CHECK(pointer[0]->box.y <= names[2]->box.y);
  CHECK(pointer[0]->box.bottom() >= names[2]->box.bottom());
  // Names look alike: one size for every row.
  for (const TextItem* t : names) CHECK(t->px == names[0]->px);

  // Nothing typed yet: the prompt; nothing found: says so, no list.
  auto search = std::get<StaffSearchScreen>(s.screen);
  search.query.clear();
  search.matches.clear();
  search.more = 0;
  search.language = Language::fr;
  list = lay(search, s.context);
  REQUIRE(joined(list, "search-prompt") == "Tapez un nom, une organisation ou l’identifiant du badge (P07)");
  REQUIRE(with_tag(list, "search-message").empty());
  search.query = "xyz";
  search.language = Language::de;
  list = lay(search, s.context);
  REQUIRE(joined(list, "search-message") == "Niemand passt zu „xyz“");
  REQUIRE(with_tag(list, "match-name").empty());
}

TEST_CASE("a check-in made by hand says by whom under the result; a scan says nothing of the kind") {
  const auto s = sample("result-welcome-manual-de");
  DisplayList list = lay(s.screen, s.context);
  REQUIRE(joined(list, "subtitle") == "Manueller Check-in durch Nadia Haddad");
  REQUIRE(joined(list, "title") == "Luxembourg Digital Matchmaking 2026");
  REQUIRE(joined(list, "headline") == "Willkommen, Lukas!");
  // The rest is the scan's screen: the same texts in the same boxes.
  auto scanned = std::get<ResultScreen>(s.screen);
  scanned.checked_in_by.clear();
  const DisplayList scan_list = lay(scanned, s.context);
  CHECK(with_tag(scan_list, "subtitle").empty());
  for (const char* tag : {"headline", "partner-name", "when", "following", "table-number"}) {
    INFO(tag);
    REQUIRE(with_tag(list, tag).size() == with_tag(scan_list, tag).size());
    for (std::size_t i = 0; i < with_tag(list, tag).size(); ++i) CHECK(*with_tag(list, tag)[i] == *with_tag(scan_list, tag)[i]);
  }
}

TEST_CASE("the host board shows every table with both people, totals, legend and standby list") {
  auto s = sample("board");
  const Board& board = std::get<BoardScreen>(s.screen).board;
  DisplayList list = lay(s.screen, s.context);
  const auto numbers = with_tag(list, "board-table-number");
  REQUIRE(numbers.size() == 16);
  std::set<int> columns;
  for (const TextItem* t : numbers) columns.insert(t->box.x);
  REQUIRE(columns.size() == 4);  // 4×4 at 1920×1080
  REQUIRE(with_tag(list, "seat-name").size() == 2 * 15u);  // one idle table
  REQUIRE(with_tag(list, "person-state").size() == 2 * 15u);
  REQUIRE(joined(list, "total") == "Complete  10 Waiting  3 Empty  1 No-show  1 Free  1");
  REQUIRE(joined(list, "at-venue") == "At the venue: 29");
  REQUIRE(joined(list, "standby-name") == board.standby.at(0).name);
  REQUIRE(joined(list, "legend") == "Legend At the table At the venue Not arrived yet");
  REQUIRE(joined(list, "legend-glyph") == "\u25CF \u25D0 \u25CB");
  // Names on a board share one size.
  std::set<int> sizes;
  for (const TextItem* t : with_tag(list, "seat-name")) sizes.insert(t->px);
  REQUIRE(sizes.size() == 1);

  s = sample("board-60-tables");
  list = lay(s.screen, s.context);
  REQUIRE(with_tag(list, "board-table-number").size() == 60);
  REQUIRE(joined(lay(s.screen, s.context, {800, 480}), "board-table-number").find("60") != std::string::npos);

  s = sample("board-no-round-de");
  list = lay(s.screen, s.context);
  REQUIRE(joined(list, "board-empty") == "Keine Runde anzuzeigen");
  REQUIRE(joined(list, "at-venue") == "Vor Ort: 58");
}

TEST_CASE("out of order says so in three languages and gives staff the problem") {
  const auto s = sample("out-of-order");
  const DisplayList list = lay(s.screen, s.context);
  REQUIRE(joined(list, "out-of-order") == "Hors service Out of order Außer Betrieb");
  REQUIRE(joined(list, "problem") ==
          "For staff: cannot record check-ins\u00A0— The local database is read-only (disk full?): /var/lib/speedmeet/kiosk.db");
  REQUIRE(with_tag(list, "problem")[0]->px < with_tag(list, "out-of-order")[0]->px / 2);
}

TEST_CASE("a kiosk with no token asks for its setup code in three languages, and says why one was refused") {
  const auto waiting = sample("kiosk-setup-code");
  const DisplayList list = lay(waiting.screen, waiting.context);
  REQUIRE(joined(list, "setup-title") == "Scannez le code d’installation Scan the setup code Einrichtungscode scannen");
  REQUIRE(with_tag(list, "refusal").empty());
  const auto refused = sample("kiosk-setup-code-refused");
  const DisplayList said = lay(refused.screen, refused.context);
  REQUIRE(joined(said, "refusal") ==
          "Code refused: This setup code was already used: make a new one with speedmeet device add --qr.");
  auto enrolling = waiting;
  std::get<kiosk::SetupCodeScreen>(enrolling.screen).state = kiosk::SetupCodeScreen::State::enrolling;
  std::get<kiosk::SetupCodeScreen>(enrolling.screen).language = Language::de;
  REQUIRE(joined(lay(enrolling.screen, enrolling.context), "enrolling") == "Anmeldung beim Server…");
}

TEST_CASE("the out-of-order staff line is in the kiosk's language") {
  auto s = sample("out-of-order");
  auto& screen = std::get<kiosk::OutOfOrderScreen>(s.screen);
  screen.language = Language::de;
  REQUIRE(joined(lay(s.screen, s.context), "problem").rfind("Für Mitarbeiter: Speichern nicht möglich", 0) == 0);
  screen.language = Language::fr;
  REQUIRE(joined(lay(s.screen, s.context), "problem").rfind("Pour l’équipe\u00A0: enregistrement impossible", 0) == 0);
}

TEST_CASE("the idle screen's sync indicator speaks the language of the moment") {
  auto s = sample("idle-break-de");  // offline, 12 pending
  REQUIRE(joined(lay(s.screen, s.context), "sync") == "\u25CF Offline\u00A0— 12 ausstehend");
  std::get<kiosk::IdleScreen>(s.screen).language = Language::fr;
  REQUIRE(joined(lay(s.screen, s.context), "sync") == "\u25CF Hors ligne\u00A0— 12 en attente");
  s = sample("idle");  // online, English
  REQUIRE(joined(lay(s.screen, s.context), "sync") == "\u25CF Online");
  std::get<kiosk::IdleScreen>(s.screen).language = Language::fr;
  REQUIRE(joined(lay(s.screen, s.context), "sync") == "\u25CF En ligne");
}

TEST_CASE("a branding accent too dark for text is not used for text") {
  Theme theme;
  theme.accent = {{0x20, 0x20, 0x60}, {0xFF, 0xFF, 0xFF}};
  for (const char* name : {"idle", "result-welcome", "staff"}) {
    const auto s = sample(name);
    FakeMeasurer m;
    const DisplayList list = layout_screen(s.screen, s.context, {1280, 800}, m, theme);
    const auto problems = ui::test::check_screen(list, m);
    for (const auto& p : problems) UNSCOPED_INFO(p);
    REQUIRE(problems.empty());
  }
  REQUIRE(accent_text(theme) == theme.text);
  REQUIRE(accent_text(Theme{}) == Theme{}.accent.fill);
}

TEST_CASE("an unknown time zone shows UTC instead of failing") {
  auto s = sample("idle");
  s.context.timezone = "Mars/Olympus_Mons";
  REQUIRE(joined(lay(s.screen, s.context), "clock") == "13:36");
}

TEST_CASE("a theme logo sits in the idle screen's top bar, left of the event name") {
  auto s = sample("idle");
  Theme theme;
  theme.logo_path = "/somewhere/logo.png";
  const DisplayList list = lay(s.screen, s.context, {1280, 800}, theme);
  REQUIRE(list.images.size() == 1);
  REQUIRE(list.images[0].path == theme.logo_path);
  REQUIRE(list.images[0].box.right() <= with_tag(list, "title")[0]->box.x);
  REQUIRE(list.images[0].box.bottom() <= with_tag(list, "phase")[0]->box.y);
}

TEST_CASE("degenerate windows do not crash the layout") {
  for (const auto& s : samples::all(true))
    for (Size size : {Size{0, 0}, Size{1, 1}, Size{50, 30}, Size{8000, 100}}) {
      const DisplayList list = lay(s.screen, s.context, size);
      REQUIRE(list.size.w >= 1);
    }
}

TEST_CASE("a layout measures each text a bounded number of times") {
  const auto s = sample("board-60-tables", true);
  FakeMeasurer m;
  layout_screen(s.screen, s.context, {1920, 1080}, m, Theme{});
  REQUIRE(m.calls < 20000);
}
