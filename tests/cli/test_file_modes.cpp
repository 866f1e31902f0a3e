// What the programs write is private whatever the umask (files 0600,
// folders 0700), appears only complete, and is never written through a
// symbolic link someone planted: at the output path itself or at the
// temporary names older versions used (OUT.part-PID, OUT.tmp-PID,
// DB.init-PID). Real programs, run as a user would.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/database.hpp"
#include "store/transaction.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::test;

namespace {

// The umask most machines run with, for the duration of a test.
class Umask {
 public:
  explicit Umask(mode_t mask) : old_(::umask(mask)) {}
  ~Umask() { ::umask(old_); }
  Umask(const Umask&) = delete;
  Umask& operator=(const Umask&) = delete;

 private:
  mode_t old_;
};

// Permission bits of the file itself (a link is not followed); -1 if absent.
int mode_of(const std::string& path) {
  struct stat st{};
  if (::lstat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 07777);
}

bool is_regular_file(const std::string& path) {
  struct stat st{};
  return ::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

ProcessResult speedmeet_run(const std::vector<std::string>& args) { return run_speedmeet(args); }

ProcessResult kiosk_run(std::vector<std::string> args) {
  args.insert(args.begin(), SPEEDMEET_KIOSK_BIN);
  return run_process(args);
}

// The demo event in a new central database, with its schedule.
std::string demo_central(const TempDir& dir) {
  const std::string db = dir.file("central.db");
  require_ok(speedmeet_run({"init", db, "--event", source_path("config/demo/event.toml")}));
  require_ok(speedmeet_run({"import", db, source_path("config/demo/participants.csv")}));
  require_ok(speedmeet_run({"import", db, "--meetings", source_path("config/demo/meetings.csv")}));
  return db;
}

// A kiosk with no server URL that can sign journals (token_file only).
std::string kiosk_config(const TempDir& dir, const std::string& data, const std::string& token_file,
                         const std::string& url = "") {
  std::string toml = "device = \"door-1\"\ndata = \"" + data + "\"\nfullscreen = false\n[server]\n";
  if (!url.empty()) toml += "url = \"" + url + "\"\n";
  toml += "token_file = \"" + token_file + "\"\n";
  return dir.write("kiosk.toml", toml);
}

// Every command that writes a file, with `out(NAME)` the path it writes.
// The kiosk loads its snapshot first (a journal needs an event).
struct Outputs {
  std::string central, snapshot, token, codes, badges, agendas, journal, reports;
};

void write_everything(const TempDir& dir, const Outputs& o, const std::string& kiosk_toml) {
  require_ok(speedmeet_run({"snapshot", o.central, "--out", o.snapshot}));
  require_ok(speedmeet_run({"badges", o.central, "--out", o.badges, "--codes", o.codes, "--only", "C01,P01,S01"}));
  require_ok(speedmeet_run({"agenda", o.central, "--out", o.agendas, "--only", "C01,P01"}));
  require_ok(speedmeet_run({"report", o.central, "--out", o.reports}));
  require_ok(kiosk_run({"--config", kiosk_toml, "--snapshot", o.snapshot, "--headless", "--script",
                        dir.write("wait.script", "+0 wait\n"), "--size", "480x270"}));
  require_ok(kiosk_run({"--config", kiosk_toml, "--export-journal", o.journal}));
}

const std::vector<std::string> kReportFiles = {"attendance.csv", "meetings.csv", "rejected_scans.csv", "devices.csv",
                                               "entrances.csv"};

// Runs argv with symbolic links to `victim` planted, by the child itself
// before it execs (so with its own pid), at PREFIX.part-PID, PREFIX.tmp-PID
// and PREFIX.init-PID for each prefix: the temporary names older versions
// opened without O_EXCL. Returns the exit code.
int run_with_planted_links(const std::vector<std::string>& argv, const std::vector<std::string>& prefixes,
                           const std::string& victim, const std::string& log) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    for (const auto& prefix : prefixes)
      for (const char* suffix : {".part-", ".tmp-", ".init-"}) {
        const std::string link = prefix + suffix + std::to_string(::getpid());
        if (::symlink(victim.c_str(), link.c_str()) != 0) ::_exit(120);
      }
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ::dup2(out, 1);
    ::dup2(out, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("everything the programs write is 0600 and every folder they make 0700, under umask 022") {
  const Umask usual(022);
  TempDir dir;
  Outputs o{demo_central(dir),       dir.file("event.snapshot"), dir.file("door-1.token"), dir.file("codes.tsv"),
            dir.file("badges.pdf"),  dir.file("agendas.pdf"),    dir.file("door-1.journal"),
            dir.file("reports/day1")};
  CHECK(mode_of(o.central) == 0600);

  const auto add = speedmeet_run({"device", "add", o.central, "door-1", "--out", o.token});
  require_ok(add);
  CHECK(mode_of(o.token) == 0600);
  const std::string token = read_file(o.token);
  CHECK(token.rfind("smd_", 0) == 0);
  CHECK(token.size() == 4 + 64 + 1);
  CHECK(add.out.find("smd_") == std::string::npos);  // not printed as well
  CHECK(add.err.find(o.token) != std::string::npos);
  CHECK(speedmeet_run({"device", "list", o.central, "--out", dir.file("x")}).exit_code == 2);

  const std::string data = dir.file("kiosk/data");
  write_everything(dir, o, kiosk_config(dir, data, o.token));
  for (const auto& file : {o.snapshot, o.codes, o.badges, o.agendas, o.journal, data + "/kiosk.db"}) {
    INFO(file);
    CHECK(mode_of(file) == 0600);
  }
  for (const auto& folder : {dir.file("reports"), o.reports, dir.file("kiosk"), data}) {
    INFO(folder);
    CHECK(mode_of(folder) == 0700);
  }
  for (const auto& name : kReportFiles) {
    INFO(name);
    CHECK(mode_of(o.reports + "/" + name) == 0600);
  }
  // Nothing half-written or temporary is left anywhere.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
    INFO(entry.path());
    CHECK(entry.path().filename().string().find(".part-") == std::string::npos);
  }

  // SQLite makes the -wal and -shm files with the main file's mode.
  {
    store::Database db(o.central, store::OpenMode::read_write);
    store::Transaction tx(db);
    db.prepare("INSERT INTO sync_state (key, value) VALUES ('probe', '1')").run();
    tx.commit();
    CHECK(mode_of(o.central + "-wal") == 0600);
    CHECK(mode_of(o.central + "-shm") == 0600);
  }
  // A database an older speedmeet left readable is made private when opened.
  REQUIRE(::chmod(o.central.c_str(), 0644) == 0);
  require_ok(speedmeet_run({"show", o.central}));
  CHECK(mode_of(o.central) == 0600);
}

TEST_CASE("a symbolic link planted at an output path is replaced, never followed") {
  const Umask usual(022);
  TempDir dir;
  const std::string victim = dir.write("victim.txt", "precious\n");
  Outputs o{demo_central(dir),      dir.file("event.snapshot"), dir.file("door-1.token"), dir.file("codes.tsv"),
            dir.file("badges.pdf"), dir.file("agendas.pdf"),    dir.file("door-1.journal"), dir.file("reports")};
  std::filesystem::create_directory(o.reports);
  std::vector<std::string> outputs = {o.snapshot, o.token, o.codes, o.badges, o.agendas, o.journal};
  for (const auto& name : kReportFiles) outputs.push_back(o.reports + "/" + name);
  for (const auto& out : outputs) std::filesystem::create_symlink(victim, out);

  require_ok(speedmeet_run({"device", "add", o.central, "door-1", "--out", o.token}));
  write_everything(dir, o, kiosk_config(dir, dir.file("kiosk"), o.token));
  CHECK(read_file(victim) == "precious\n");
  CHECK(mode_of(victim) == 0644);
  for (const auto& out : outputs) {
    INFO(out);
    CHECK(is_regular_file(out));
    CHECK(mode_of(out) == 0600);
  }

  // init never creates a database through a link, dangling or not.
  std::filesystem::create_symlink(dir.file("made-by-someone-else.db"), dir.file("new.db"));
  const auto init = speedmeet_run({"init", dir.file("new.db"), "--event", source_path("config/demo/event.toml")});
  CHECK(init.exit_code == 2);
  CHECK(init.err.find("already exists") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file("made-by-someone-else.db")));
}

TEST_CASE("symbolic links planted at the old temporary names are never followed") {
  const Umask usual(022);
  TempDir dir;
  const std::string victim = dir.write("victim.txt", "precious\n");
  const std::string central = demo_central(dir);
  const std::string log = dir.file("run.log");
  const auto run = [&](std::vector<std::string> argv, const std::vector<std::string>& outputs) {
    INFO(argv[1]);
    const int code = run_with_planted_links(argv, outputs, victim, log);
    INFO(read_file(log));
    CHECK(code == 0);
    CHECK(read_file(victim) == "precious\n");
  };
  const std::string bin = SPEEDMEET_BIN;
  const std::string token = dir.file("door-1.token");
  const std::string fresh = dir.file("fresh.db");
  run({bin, "init", fresh, "--event", source_path("config/demo/event.toml")}, {fresh});
  CHECK(mode_of(fresh) == 0600);
  run({bin, "device", "add", central, "door-1", "--out", token}, {token});
  run({bin, "snapshot", central, "--out", dir.file("s.snapshot")}, {dir.file("s.snapshot")});
  run({bin, "badges", central, "--out", dir.file("b.pdf"), "--codes", dir.file("c.tsv"), "--only", "C01"},
      {dir.file("b.pdf"), dir.file("c.tsv")});
  run({bin, "agenda", central, "--out", dir.file("a.pdf"), "--only", "C01"}, {dir.file("a.pdf")});
  std::filesystem::create_directory(dir.file("r"));
  std::vector<std::string> csvs;
  for (const auto& name : kReportFiles) csvs.push_back(dir.file("r/" + name));
  run({bin, "report", central, "--out", dir.file("r")}, csvs);
  const std::string toml = kiosk_config(dir, dir.file("kiosk"), token);
  require_ok(kiosk_run({"--config", toml, "--snapshot", dir.file("s.snapshot"), "--headless", "--script",
                        dir.write("wait.script", "+0 wait\n"), "--size", "480x270"}));
  run({SPEEDMEET_KIOSK_BIN, "--config", toml, "--export-journal", dir.file("j.journal")}, {dir.file("j.journal")});
  for (const auto& out : {dir.file("s.snapshot"), token, dir.file("b.pdf"), dir.file("c.tsv"), dir.file("a.pdf"),
                          dir.file("j.journal"), csvs.front()}) {
    INFO(out);
    CHECK(is_regular_file(out));
    CHECK(mode_of(out) == 0600);
  }
}

TEST_CASE("the kiosk refuses a token file other users can read, and says how to fix it") {
  const Umask usual(022);
  TempDir dir;
  const std::string central = demo_central(dir);
  const std::string token = dir.file("door-1.token");
  require_ok(speedmeet_run({"device", "add", central, "door-1", "--out", token}));
  const std::string snapshot = dir.file("s.snapshot");
  require_ok(speedmeet_run({"snapshot", central, "--out", snapshot}));
  // A server nobody answers on: the kiosk syncs in the background, and fails quietly.
  const std::string toml = kiosk_config(dir, dir.file("kiosk"), token, "http://127.0.0.1:9");
  const std::vector<std::string> headless = {"--config", toml, "--snapshot", snapshot, "--headless", "--script",
                                             dir.write("wait.script", "+0 wait\n"), "--size", "480x270"};
  require_ok(kiosk_run(headless));

  for (const mode_t loose : {mode_t{0644}, mode_t{0640}, mode_t{0604}, mode_t{0620}}) {
    INFO("mode " << std::oct << loose);
    REQUIRE(::chmod(token.c_str(), loose) == 0);
    for (const auto& args : {headless, std::vector<std::string>{"--config", toml, "--export-journal", dir.file("j")}}) {
      const auto r = kiosk_run(args);
      CHECK(r.exit_code == 2);
      CHECK(r.err == "speedmeet-kiosk: " + token +
                         ": the device token file can be read or changed by other users; make it private with: "
                         "chmod 600 " + token + "\n");
      CHECK_FALSE(std::filesystem::exists(dir.file("j")));
    }
  }
  REQUIRE(::chmod(token.c_str(), 0600) == 0);
  require_ok(kiosk_run({"--config", toml, "--export-journal", dir.file("j")}));

  // No token at all: the journal cannot be signed.
  const std::string no_token = dir.write("bare.toml", "device = \"door-1\"\ndata = \"" + dir.file("kiosk") + "\"\n");
  const auto bare = kiosk_run({"--config", no_token, "--export-journal", dir.file("j2")});
  CHECK(bare.exit_code == 2);
  CHECK(bare.err.find("set [server] token_file in kiosk.toml") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file("j2")));
}
