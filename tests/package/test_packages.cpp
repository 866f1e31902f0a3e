// The Debian packages as a box receives them: cpack builds both from this
// build tree, dpkg-deb unpacks them, and the files, the maintainer scripts
// and the systemd units are checked; systemd-analyze verifies the units.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet::test;
namespace fs = std::filesystem;

namespace {

std::string architecture() {
  const auto r = run_process({"/usr/bin/dpkg", "--print-architecture"});
  require_ok(r);
  return r.out.substr(0, r.out.find('\n'));
}

std::string field(const std::string& deb, const std::string& name) {
  const auto r = run_process({"/usr/bin/dpkg-deb", "--field", deb, name});
  require_ok(r);
  return r.out;
}

bool executable(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111) == 0111;
}

// Both packages, made once for every section: cpack is the slow part.
struct Packages {
  TempDir dir;
  std::string central, kiosk;
  fs::path central_tree, kiosk_tree;

  Packages() {
    require_ok(run_process({"/usr/bin/cpack", "--config", SPEEDMEET_CPACK_CONFIG, "-B", dir.file("out")}));
    const std::string arch = architecture();
    central = dir.file("out/speedmeet_" SPEEDMEET_VERSION "_" + arch + ".deb");
    kiosk = dir.file("out/speedmeet-kiosk_" SPEEDMEET_VERSION "_" + arch + ".deb");
    REQUIRE(fs::exists(central));
    REQUIRE(fs::exists(kiosk));
    central_tree = dir.file("central");
    kiosk_tree = dir.file("kiosk");
    for (const auto& [deb, tree] : {std::pair{central, central_tree}, std::pair{kiosk, kiosk_tree}}) {
      require_ok(run_process({"/usr/bin/dpkg-deb", "-x", deb, tree.string()}));
      require_ok(run_process({"/usr/bin/dpkg-deb", "-e", deb, (tree / "DEBIAN").string()}));
    }
  }
};

Packages& packages() {
  static Packages p;
  return p;
}

}  // namespace

TEST_CASE("speedmeet: the central program and speedmeet-serve@.service") {
  const Packages& p = packages();
  CHECK(field(p.central, "Package") == "speedmeet\n");
  CHECK(field(p.central, "Depends").find("systemd") != std::string::npos);
  CHECK(field(p.central, "Depends").find("libsqlite3") != std::string::npos);  // from dpkg-shlibdeps
  CHECK(executable(p.central_tree / "usr/bin/speedmeet"));
  CHECK_FALSE(fs::exists(p.central_tree / "usr/bin/speedmeet-kiosk"));
  CHECK(fs::exists(p.central_tree / "usr/lib/sysusers.d/speedmeet.conf"));
  CHECK(executable(p.central_tree / "DEBIAN/postinst"));
  const std::string unit = read_file((p.central_tree / "lib/systemd/system/speedmeet-serve@.service").string());
  for (const char* line : {"ExecStart=/usr/bin/speedmeet serve /var/lib/speedmeet/%i.db", "User=speedmeet",
                           "StateDirectory=speedmeet", "ProtectSystem=strict", "NoNewPrivileges=yes",
                           "PrivateDevices=yes", "CapabilityBoundingSet=\n"})
    CHECK(unit.find(line) != std::string::npos);
  // The packaged program runs.
  const auto help = run_process({(p.central_tree / "usr/bin/speedmeet").string(), "help"});
  CHECK(help.out.find("speedmeet device add") != std::string::npos);
}

TEST_CASE("speedmeet-kiosk: the kiosk, its unit under cage with a watchdog, its user and its configuration") {
  const Packages& p = packages();
  CHECK(field(p.kiosk, "Package") == "speedmeet-kiosk\n");
  const std::string depends = field(p.kiosk, "Depends");
  CHECK(depends.find("cage") != std::string::npos);
  CHECK(depends.find("libsdl2") != std::string::npos);
  CHECK(depends.find("libsystemd0") != std::string::npos);
  CHECK(executable(p.kiosk_tree / "usr/bin/speedmeet-kiosk"));
  CHECK_FALSE(fs::exists(p.kiosk_tree / "usr/bin/speedmeet"));
  CHECK(fs::exists(p.kiosk_tree / "usr/share/speedmeet/assets/fonts/DejaVuSans.ttf"));
  const std::string users = read_file((p.kiosk_tree / "usr/lib/sysusers.d/speedmeet-kiosk.conf").string());
  for (const char* line : {"u speedmeet-kiosk", "m speedmeet-kiosk video", "m speedmeet-kiosk input"})
    CHECK(users.find(line) != std::string::npos);
  CHECK(read_file((p.kiosk_tree / "DEBIAN/conffiles").string()) == "/etc/speedmeet/kiosk.toml\n");
  CHECK(executable(p.kiosk_tree / "DEBIAN/postinst"));
  CHECK(read_file((p.kiosk_tree / "DEBIAN/postinst").string()).find("systemd-sysusers speedmeet-kiosk.conf") !=
        std::string::npos);
  const std::string config = read_file((p.kiosk_tree / "etc/speedmeet/kiosk.toml").string());
  CHECK(config.find("setup_code = true") != std::string::npos);
  CHECK(config.find("data = \"/var/lib/speedmeet-kiosk\"") != std::string::npos);

  const std::string unit = read_file((p.kiosk_tree / "lib/systemd/system/speedmeet-kiosk.service").string());
  for (const char* line :
       {"ExecStart=/usr/bin/cage -- /usr/bin/speedmeet-kiosk --config /etc/speedmeet/kiosk.toml", "Type=notify",
        "NotifyAccess=all", "WatchdogSec=", "Restart=always", "User=speedmeet-kiosk", "StateDirectory=speedmeet-kiosk",
        "ProtectSystem=strict", "NoNewPrivileges=yes", "ProtectHome=yes"})
    CHECK(unit.find(line) != std::string::npos);

  // The packaged kiosk finds its fonts where the package put them
  // (../share/speedmeet/assets beside the program), not in this source tree.
  TempDir run;
  const auto demo = run_process({(p.kiosk_tree / "usr/bin/speedmeet-kiosk").string(), "--demo", "--data",
                                 run.file("demo"), "--headless", "--script", run.write("s", "+1 scan P01\n"),
                                 "--size", "480x270", "--screenshots", run.file("shots")});
  INFO(demo.err);
  CHECK(demo.exit_code == 0);
  CHECK(demo.out.find("\"outcome\":\"welcome\"") != std::string::npos);
}

TEST_CASE("systemd-analyze verify accepts both units") {
  const Packages& p = packages();
  if (!fs::exists("/usr/bin/systemd-analyze")) {
    WARN("systemd-analyze is not installed (Debian package systemd, see scripts/deps): unit verification skipped");
    return;
  }
  // verify also checks that ExecStart's program exists: the copies name the
  // unpacked programs instead of /usr/bin (cage is the system's own).
  TempDir dir;
  const auto verify = [&](const fs::path& unit_file, const fs::path& tree, const std::string& as) {
    std::string unit = read_file(unit_file.string());
    const std::string program = "/usr/bin/speedmeet";
    for (std::size_t at = 0; (at = unit.find(program, at)) != std::string::npos; at += tree.string().size() + program.size())
      unit.insert(at, tree.string());
    const std::string copy = dir.write(as, unit);
    const auto r = run_process({"/usr/bin/systemd-analyze", "verify", copy});
    INFO("systemd-analyze verify " << as << ":\n" << r.err << r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find(as.substr(0, as.find('@'))) == std::string::npos);  // nothing said about our unit
  };
  verify(p.central_tree / "lib/systemd/system/speedmeet-serve@.service", p.central_tree, "speedmeet-serve@.service");
  verify(p.kiosk_tree / "lib/systemd/system/speedmeet-kiosk.service", p.kiosk_tree, "speedmeet-kiosk.service");
}
