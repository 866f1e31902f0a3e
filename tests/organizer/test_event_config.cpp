#include <catch2/catch.hpp>

#include "domain/local_time.hpp"
#include "organizer/event_config.hpp"
#include "domain/input_error.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::organizer;

TEST_CASE("the demo event.toml loads with UTC rounds") {
  const Event e = load_event_config(test::source_path("config/demo/event.toml"));
  CHECK(e.id == "dsm-lux-2026");
  CHECK(e.table_count() == 16);
  CHECK(e.round_count() == 8);
  CHECK(e.tables[0].label == "Alzette");
  const LocalTimeZone zone(e.timezone);
  CHECK(zone.format_iso_local(e.rounds[0].starts_at) == "2026-11-27T14:00:00");
  CHECK(zone.format_hhmm(e.rounds[7].starts_at) == "15:45");
  // 14:00 in Luxembourg in November is 13:00 UTC.
  CHECK(to_unix(e.rounds[0].starts_at) % 86400 == 13 * 3600);
  CHECK(e.checkin_window == Minutes{5});
  CHECK(e.grace == Minutes{3});
}

TEST_CASE("optional keys have defaults and limits") {
  const std::string base =
      "id = \"e\"\nname = \"N\"\nvenue = \"V\"\ntimezone = \"UTC\"\ntables = 2\n"
      "start = 2026-01-01T10:00:00\nrounds = 1\nround_minutes = 10\nbreak_minutes = 0\n";
  const Event e = parse_event_config(base + "grace_minutes = 7\nlanguage = \"de\"\n", "e.toml");
  CHECK(e.grace == Minutes{7});
  CHECK(e.default_language == Language::de);
  CHECK(e.tables[1].label.empty());
  CHECK_THROWS_WITH(parse_event_config(base + "grace_minutes = 99\n", "e.toml"), Catch::Contains("e.toml:10"));
}
