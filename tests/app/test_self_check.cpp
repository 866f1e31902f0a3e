// The self-check's probes on real things: a device path, a small file
// system filled up, a real SQLite file damaged, the sync thread's view of
// the server. Each failure, then its recovery.
#include <catch2/catch.hpp>

#include <sys/mount.h>

#include <filesystem>
#include <fstream>

#include "app/self_check.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;

namespace {

// A healthy kiosk's inputs in `dir`: a camera "device" file, a real database.
SelfCheckInputs healthy(const test::TempDir& dir) {
  SelfCheckInputs in;
  in.camera_device = dir.write("video0", "");
  in.data_dir = dir.path().string();
  in.min_free_bytes = 1;
  in.database_path = dir.file("kiosk.db");
  store::Database db(in.database_path);
  store::migrate(db);
  return in;
}

std::string code_of(const std::optional<KioskCore::Fault>& f) { return f ? f->code : "ok"; }

// A 1 MiB tmpfs mounted on a folder for the test's lifetime (needs root;
// CI runs as root, elsewhere the test falls back to a threshold above the
// disk's free space).
class SmallFileSystem {
 public:
  explicit SmallFileSystem(const std::string& where) : where_(where) {
    mounted_ = ::mount("tmpfs", where.c_str(), "tmpfs", 0, "size=1m") == 0;
  }
  ~SmallFileSystem() {
    if (mounted_) ::umount(where_.c_str());
  }
  SmallFileSystem(const SmallFileSystem&) = delete;
  SmallFileSystem& operator=(const SmallFileSystem&) = delete;
  bool mounted() const { return mounted_; }

 private:
  std::string where_;
  bool mounted_ = false;
};

}  // namespace

TEST_CASE("self-check: all is well") {
  test::TempDir dir;
  CHECK(code_of(run_self_check(healthy(dir), std::nullopt)) == "ok");
}

TEST_CASE("self-check: no camera device is E-CAM, until it is back") {
  test::TempDir dir;
  SelfCheckInputs in = healthy(dir);
  std::filesystem::remove(in.camera_device);
  const auto fault = run_self_check(in, std::nullopt);
  CHECK(code_of(fault) == "E-CAM");
  CHECK(fault->problem == "no camera at " + in.camera_device);
  dir.write("video0", "");
  CHECK(code_of(run_self_check(in, std::nullopt)) == "ok");
  in.scanner_device = dir.file("scanner-kbd");  // a scanner's input device, named and missing
  CHECK(code_of(run_self_check(in, std::nullopt)) == "E-CAM");
}

TEST_CASE("self-check: a full data folder is E-DISK, until space is freed") {
  test::TempDir dir;
  SelfCheckInputs in = healthy(dir);
  const std::string data = dir.file("data");
  std::filesystem::create_directories(data);
  in.data_dir = data;
  SmallFileSystem small(data);
  if (small.mounted()) {
    in.min_free_bytes = 256 * 1024;
    CHECK(code_of(run_self_check(in, std::nullopt)) == "ok");
    {
      std::ofstream fill(data + "/fill", std::ios::binary);
      const std::string block(64 * 1024, 'x');
      for (int i = 0; i < 32 && fill; ++i) fill.write(block.data(), static_cast<std::streamsize>(block.size()));
    }
    const auto fault = run_self_check(in, std::nullopt);
    CHECK(code_of(fault) == "E-DISK");
    CHECK(fault->problem == "only 0 MB free in " + data);
    std::filesystem::remove(data + "/fill");
    CHECK(code_of(run_self_check(in, std::nullopt)) == "ok");
  } else {
    WARN("cannot mount a tmpfs here (not root): the threshold stands in for a full disk");
    in.min_free_bytes = *free_bytes(data) + (std::uint64_t{1} << 40);
    CHECK(code_of(run_self_check(in, std::nullopt)) == "E-DISK");
    in.min_free_bytes = 1;
    CHECK(code_of(run_self_check(in, std::nullopt)) == "ok");
  }
}

TEST_CASE("self-check: a damaged database file is E-DB, until it is replaced") {
  test::TempDir dir;
  SelfCheckInputs in = healthy(dir);
  std::filesystem::copy_file(in.database_path, dir.file("good.db"));
  {
    // Garbage over every page after the first (the schema's pages).
    std::fstream f(in.database_path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    const std::string garbage(16 * 4096, '\x5A');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  CHECK(code_of(run_self_check(in, std::nullopt)) == "E-DB");
  std::filesystem::copy_file(dir.file("good.db"), in.database_path, std::filesystem::copy_options::overwrite_existing);
  CHECK(code_of(run_self_check(in, std::nullopt)) == "ok");
  std::filesystem::remove(in.database_path);
  CHECK(code_of(run_self_check(in, std::nullopt)) == "E-DB");  // gone altogether
}

TEST_CASE("self-check: the server unreachable is E-NET only where kiosk.toml requires the server") {
  test::TempDir dir;
  SelfCheckInputs in = healthy(dir);
  CHECK(code_of(run_self_check(in, false)) == "ok");  // offline-first: the kiosk goes on
  in.require_server = true;
  CHECK(code_of(run_self_check(in, false)) == "E-NET");
  CHECK(code_of(run_self_check(in, true)) == "ok");
  CHECK(code_of(run_self_check(in, std::nullopt)) == "ok");  // no answer yet either way
}
