#include <catch2/catch.hpp>

#include "app/kiosk_config.hpp"
#include "domain/input_error.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;

TEST_CASE("the documented example config loads") {
  const KioskConfig c = load_kiosk_config(test::source_path("config/kiosk.toml"));
  CHECK(c.device_name == "entrance-1");
  CHECK(c.mode == KioskMode::entrance);
  CHECK(c.camera.device == "/dev/video0");
  CHECK(c.camera.width == 1280);
  CHECK(c.scanner.max_gap_ms == 30);
  CHECK(c.server.url.rfind("http://", 0) == 0);
  CHECK(c.database_path() == "kiosk-data/kiosk.db");
}

TEST_CASE("an empty config means defaults") {
  const KioskConfig c = parse_kiosk_config("", "k.toml");
  CHECK(c.device_name == "kiosk");
  CHECK(c.camera.device.empty());
  CHECK(c.server.url.empty());
  CHECK(c.fullscreen);
}

TEST_CASE("bad kiosk configs name file, line and key") {
  struct Case { const char* text; const char* where; };
  const std::vector<Case> cases = {
      {"mode = \"lobby\"\n", "k.toml:1: field \"mode\""},
      {"language = \"lb\"\n", "k.toml:1: field \"language\""},
      {"device = \"door 1\"\n", "k.toml:1: field \"device\""},
      {"\n[camera]\nwidth = 99999\n", "k.toml:3: field \"camera.width\""},
      {"[server]\nurl = \"ftp://x\"\ntoken_file = \"t\"\n", "k.toml:2: field \"server.url\""},
      {"[server]\nurl = \"http://x\"\n", "field \"server.token_file\""},
      {"[branding]\nprimary = \"blue\"\n", "k.toml:2: field \"branding.primary\""},
      {"[scanner]\nterminator = \"space\"\n", "k.toml:2: field \"scanner.terminator\""},
      {"fulscreen = true\n", "k.toml:1: field \"fulscreen\": unknown key"},
      {"camera = 3\n", "k.toml:1: field \"camera\""},
      {"device = \"x\n", "k.toml:1"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK_THROWS_WITH(parse_kiosk_config(c.text, "k.toml"), Catch::Contains(c.where));
  }
}
