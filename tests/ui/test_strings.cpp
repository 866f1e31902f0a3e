// The strings table: complete in three languages, same fields everywhere,
// real accents.
#include <catch2/catch.hpp>

#include <set>

#include "fake_measurer.hpp"
#include "ui/strings.hpp"

using namespace speedmeet;
using namespace speedmeet::ui;

namespace {

std::set<std::string> fields_of(std::string_view pattern) {
  std::set<std::string> out;
  for (std::size_t i = pattern.find('{'); i != std::string_view::npos; i = pattern.find('{', i + 1)) {
    const std::size_t close = pattern.find('}', i);
    REQUIRE(close != std::string_view::npos);
    out.emplace(pattern.substr(i + 1, close - i - 1));
  }
  return out;
}

constexpr Language kLanguages[] = {Language::fr, Language::en, Language::de};

}  // namespace

TEST_CASE("every string exists in French, English and German, as clean UTF-8 with the same fields") {
  for (int k = 0; k < static_cast<int>(Text::count_); ++k) {
    const auto key = static_cast<Text>(k);
    INFO("text #" << k);
    const auto fields = fields_of(text(key, Language::en));
    for (Language l : kLanguages) {
      const std::string_view s = text(key, l);
      INFO(s);
      REQUIRE_FALSE(s.empty());
      REQUIRE(test::valid_utf8(s));
      REQUIRE(s.front() != ' ');
      REQUIRE(s.back() != ' ');
      REQUIRE(s.find("  ") == std::string_view::npos);
      REQUIRE(fields_of(s) == fields);
    }
  }
}

TEST_CASE("the languages are really translated, accents included") {
  REQUIRE(text(Text::scan_badge, Language::fr) == "Scannez votre badge");
  REQUIRE(text(Text::scan_badge, Language::de) == "Scannen Sie Ihren Badge");
  REQUIRE(text(Text::out_of_order, Language::de) == "Außer Betrieb");
  REQUIRE(say(Text::done, Language::fr) == "Plus de rendez-vous aujourd’hui\u00A0— merci\u00A0!");
  REQUIRE(say(Text::rejected_invalid, Language::fr).find("n’est pas valide") != std::string::npos);
  REQUIRE(say(Text::your_next_meeting, Language::de) == "Ihr nächstes Gespräch");
  REQUIRE(say(Text::rejected_unreadable, Language::en) == "Hold the badge still, 20\u00A0cm from the camera");
  int differing = 0;
  for (int k = 0; k < static_cast<int>(Text::count_); ++k)
    differing += text(static_cast<Text>(k), Language::fr) != text(static_cast<Text>(k), Language::en);
  REQUIRE(differing > static_cast<int>(Text::count_) * 3 / 4);
}

TEST_CASE("fill replaces named fields and leaves unknown ones visible") {
  REQUIRE(fill("Table {table} at {time}", {{"table", "7"}, {"time", "14:24"}}) == "Table 7 at 14:24");
  REQUIRE(fill("{a}{a}", {{"a", "x"}}) == "xx");
  REQUIRE(fill("{missing} ok", {}) == "{missing} ok");
  REQUIRE(fill("no fields", {{"a", "x"}}) == "no fields");
  REQUIRE(fill("open { only", {}) == "open { only");
  REQUIRE(say(Text::partner_waiting, Language::en, {{"name", "Marc"}, {"table", "7"}}) == "Marc is waiting at table\u00A07");
  REQUIRE(say(Text::idle_round_ends_in, Language::de, {{"round", "3"}, {"rounds", "8"}, {"countdown", "07:12"}}) ==
          "Runde 3 von 8\u00A0— endet in 07:12");
}
