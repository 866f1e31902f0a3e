// The kiosk under systemd-style supervision: the real speedmeet-kiosk with
// NOTIFY_SOCKET pointing at a datagram socket of this test's own (as
// systemd sets it for Type=notify units, WATCHDOG_USEC as WatchdogSec=
// does). It says READY=1 once its loop runs and WATCHDOG=1 while the loop
// turns; a loop that stalls goes silent, and the test's tiny supervisor
// does what systemd does with Restart=always: kills it and starts it again.
#include <catch2/catch.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "kiosk_run.hpp"

using namespace speedmeet::test;
using namespace std::chrono_literals;

namespace {

// The service manager's end: an AF_UNIX datagram socket bound to a path.
class NotifySocket {
 public:
  explicit NotifySocket(std::string path) : path_(std::move(path)) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    REQUIRE(path_.size() < sizeof addr.sun_path);
    path_.copy(addr.sun_path, path_.size());
    REQUIRE(::bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~NotifySocket() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const std::string& path() const { return path_; }

  // The next message, or nothing when none came within `timeout`.
  std::optional<std::string> receive(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return std::nullopt;
    char buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return std::nullopt;
    return std::string(buffer, static_cast<std::size_t>(n));
  }

  // Waits for a message containing `line` (others are skipped).
  bool wait_for(const std::string& line, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      const auto message = receive(std::max(left, 1ms));
      if (message && message->find(line) != std::string::npos) return true;
    }
    return false;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

// What systemd puts in a Type=notify, WatchdogSec=1 service's environment,
// for the children started while this lives.
class ServiceEnvironment {
 public:
  explicit ServiceEnvironment(const std::string& socket) {
    ::setenv("NOTIFY_SOCKET", socket.c_str(), 1);
    ::setenv("WATCHDOG_USEC", "1000000", 1);
  }
  ~ServiceEnvironment() {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
  }
  ServiceEnvironment(const ServiceEnvironment&) = delete;
  ServiceEnvironment& operator=(const ServiceEnvironment&) = delete;
};

// WatchdogSec=1 as the supervisor sees it: a second without a ping.
constexpr auto kWatchdog = 1000ms;

}  // namespace

TEST_CASE("the kiosk pings the service manager's watchdog while its loop turns; a stalled loop is killed and restarted") {
  TempDir dir;
  NotifySocket manager(dir.file("notify.sock"));
  const ServiceEnvironment environment(manager.path());

  // The loop turns, then stalls for a minute, as a hung driver would make it.
  const std::string stalling = dir.write("stall.script", "+1 wait\n+1 wait\n+0 stall 60\n+1 wait\n");
  auto kiosk = std::make_unique<ChildProcess>(kiosk_args(dir, stalling, false), dir.file("1.out"), dir.file("1.err"));
  REQUIRE(manager.wait_for("READY=1", 60s));
  REQUIRE(manager.wait_for("WATCHDOG=1", 10s));

  // The supervisor: pings stop once the loop stalls; after a watchdog
  // period of silence it kills the kiosk (systemd: WatchdogSignal, then
  // SIGKILL) and starts it again (Restart=always).
  bool stalled = false;
  for (int turn = 0; turn < 60 && !stalled; ++turn) stalled = !manager.receive(kWatchdog + 500ms).has_value();
  REQUIRE(stalled);
  CHECK(kiosk->running());  // silent, not gone: only the watchdog can tell
  CHECK(read_file(dir.file("1.err")).find("stall: the main loop stops") != std::string::npos);
  kiosk->kill(SIGKILL);
  CHECK(kiosk->wait() == -SIGKILL);

  const std::string healthy = dir.write("healthy.script", "+1 wait\n+1 scan P01\n");
  kiosk = std::make_unique<ChildProcess>(kiosk_args(dir, healthy, false), dir.file("2.out"), dir.file("2.err"));
  CHECK(manager.wait_for("READY=1", 60s));
  CHECK(manager.wait_for("WATCHDOG=1", 10s));
  CHECK(kiosk->wait() == 0);
  const auto lines = json_lines(read_file(dir.file("2.out")));
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["outcome"] == "welcome");  // the restarted kiosk took over the same data
}

TEST_CASE("without a watchdog the kiosk only says it is ready; a stall action needs seconds") {
  TempDir dir;
  NotifySocket manager(dir.file("notify.sock"));
  ::setenv("NOTIFY_SOCKET", manager.path().c_str(), 1);
  const auto r = run_process(kiosk_args(dir, dir.write("s.script", "+1 wait\n+1 wait\n"), false));
  ::unsetenv("NOTIFY_SOCKET");
  CHECK(r.exit_code == 0);
  const auto first = manager.receive(1s);
  REQUIRE(first);
  CHECK(first->find("READY=1") != std::string::npos);
  CHECK_FALSE(manager.receive(200ms).has_value());  // no WATCHDOG_USEC: no pings

  const auto bad = run_process(kiosk_args(dir, dir.write("bad.script", "+0 stall soon\n"), false));
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("bad.script:1: field \"stall\": wants real seconds") != std::string::npos);
}
