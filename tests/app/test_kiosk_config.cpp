#include <catch2/catch.hpp>

#include <filesystem>

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
  // Its relative paths live next to it, in config/.
  CHECK(c.database_path() == test::source_path("config/kiosk-data/kiosk.db"));
  CHECK(c.server.token_file == test::source_path("config/kiosk-data/token"));
}

TEST_CASE("an empty config means defaults") {
  const KioskConfig c = parse_kiosk_config("", "k.toml");
  CHECK(c.device_name == "kiosk");
  CHECK(c.data_dir == "kiosk-data");  // no folder in the file's name: the current directory
  CHECK(c.camera.device.empty());
  CHECK(c.server.url.empty());
  CHECK(c.fullscreen);
}

namespace {

// Runs in `folder` while it lives: paths given relative to the current directory.
class WorkingDirectory {
 public:
  explicit WorkingDirectory(const std::filesystem::path& folder) : previous_(std::filesystem::current_path()) {
    std::filesystem::current_path(folder);
  }
  ~WorkingDirectory() { std::filesystem::current_path(previous_); }
  WorkingDirectory(const WorkingDirectory&) = delete;
  WorkingDirectory& operator=(const WorkingDirectory&) = delete;

 private:
  std::filesystem::path previous_;
};

}  // namespace

TEST_CASE("paths in kiosk.toml are relative to the file's folder, whatever the current directory") {
  const test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "etc");
  const std::string toml =
      "data = \"data\"\n[camera]\ndevice = \"/dev/video2\"\n"
      "[server]\nurl = \"https://sync.example\"\ntoken_file = \"../secrets/token\"\nca_file = \"/etc/ssl/venue.pem\"\n"
      "[branding]\nlogo = \"./logo.png\"\n";
  const std::string file = dir.write("etc/kiosk.toml", toml);
  const std::string etc = (dir.path() / "etc").string();

  const KioskConfig c = load_kiosk_config(file);  // from the build folder: not where the file is
  CHECK(c.data_dir == etc + "/data");
  CHECK(c.database_path() == etc + "/data/kiosk.db");
  CHECK(c.server.token_file == dir.path().string() + "/secrets/token");
  CHECK(c.branding.logo == etc + "/logo.png");
  CHECK(c.server.ca_file == "/etc/ssl/venue.pem");  // absolute paths as they are
  CHECK(c.camera.device == "/dev/video2");

  {  // The file named relative to the current directory: relative to it, through the file's folder.
    const WorkingDirectory in(dir.path());
    const KioskConfig relative = load_kiosk_config("etc/kiosk.toml");
    CHECK(relative.data_dir == "etc/data");
    CHECK(relative.server.token_file == "secrets/token");
    const WorkingDirectory deeper(dir.path() / "etc");
    CHECK(load_kiosk_config("kiosk.toml").data_dir == "data");
  }

  // The default data folder is next to the file too.
  const KioskConfig defaults = load_kiosk_config(dir.write("etc/bare.toml", "device = \"bare\"\n"));
  CHECK(defaults.data_dir == etc + "/kiosk-data");
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
