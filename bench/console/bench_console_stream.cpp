// The live board's promise: a kiosk's upload reaches every open board
// within a second. 100 console event streams (GET /console/api/events, one
// logged-in host) stay open while 20 kiosks sync every second and a probe
// uploads a check-in every 250 ms; each probe's latency is from the start of
// its upload to the first `change` event naming its cursor, on each stream.
// Beside it, the same 20 kiosks' cycle p99 without any stream open.
// Usage: bench_console_stream [SECONDS]   (default 60)
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_report.hpp"
#include "console/console.hpp"
#include "console/staff_accounts.hpp"
#include "kiosk_crowd.hpp"
#include "protocol/messages.hpp"
#include "sync_bench_support.hpp"

using namespace speedmeet;
using namespace std::chrono_literals;

namespace {

constexpr int kStreams = 100, kKiosks = 20;
constexpr auto kProbeEvery = 250ms;
const std::string kPassword = "bench-password-for-the-host";

int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
    throw std::runtime_error("cannot connect to the server");
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  for (std::size_t sent = 0; sent < bytes.size();) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("the server closed the connection");
    sent += static_cast<std::size_t>(n);
  }
}

// Logs the host in through the login form; returns "sm_session=...".
std::string log_in(int port) {
  const std::string body = "name=host&password=" + kPassword;
  const int fd = connect_loopback(port);
  send_all(fd, "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
               "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body);
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  const auto at = answer.find("sm_session=");
  if (at == std::string::npos) throw std::runtime_error("login refused: " + answer.substr(0, answer.find("\r\n")));
  return answer.substr(at, answer.find(';', at) - at);
}

// Every stream's `change` events as they arrive: (cursor, time).
class Streams {
 public:
  Streams(int port, const std::string& cookie) {
    for (int i = 0; i < kStreams; ++i) {
      fds_.push_back(connect_loopback(port));
      send_all(fds_.back(), "GET /console/api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie + "\r\n\r\n");
    }
    buffers_.resize(fds_.size());
    seen_.resize(fds_.size());
    reader_ = std::thread([this] { read(); });
  }
  ~Streams() {
    stop_ = true;
    reader_.join();
    for (int fd : fds_) ::close(fd);
  }
  // For each stream, the first time it heard a cursor at or past `cursor`.
  std::vector<std::optional<bench::Clock::time_point>> heard(std::int64_t cursor) {
    const std::lock_guard lock(mutex_);
    std::vector<std::optional<bench::Clock::time_point>> out(fds_.size());
    for (std::size_t i = 0; i < seen_.size(); ++i)
      for (const auto& [c, t] : seen_[i])
        if (c >= cursor) {
          out[i] = t;
          break;
        }
    return out;
  }

 private:
  void read() {
    std::vector<pollfd> polls;
    for (int fd : fds_) polls.push_back({fd, POLLIN, 0});
    char buf[16384];
    while (!stop_) {
      if (::poll(polls.data(), polls.size(), 50) <= 0) continue;
      const auto now = bench::Clock::now();
      for (std::size_t i = 0; i < polls.size(); ++i) {
        if (!(polls[i].revents & POLLIN)) continue;
        const ssize_t n = ::recv(polls[i].fd, buf, sizeof buf, 0);
        if (n <= 0) {
          polls[i].fd = -1;  // closed: its probes count as missed
          continue;
        }
        buffers_[i].append(buf, static_cast<std::size_t>(n));
        take_events(i, now);
      }
    }
  }
  // "event: change\ndata: {"cursor":N,...}\n\n" blocks; anything else is skipped.
  void take_events(std::size_t i, bench::Clock::time_point now) {
    std::string& b = buffers_[i];
    for (std::size_t end; (end = b.find("\n\n")) != std::string::npos; b.erase(0, end + 2)) {
      const std::string block = b.substr(0, end);
      const auto key = block.find("\"cursor\":");
      if (block.find("event: change") == std::string::npos || key == std::string::npos) continue;
      const std::lock_guard lock(mutex_);
      seen_[i].emplace_back(std::atoll(block.c_str() + key + 9), now);
    }
  }

  std::vector<int> fds_;
  std::vector<std::string> buffers_;
  std::vector<std::vector<std::pair<std::int64_t, bench::Clock::time_point>>> seen_;
  std::mutex mutex_;
  std::atomic<bool> stop_{false};
  std::thread reader_;
};

struct Probe {
  bench::Clock::time_point started;
  std::int64_t cursor;
};

// One check-in upload every kProbeEvery from its own device; the cursor its
// row took in the change feed, read back from the database.
std::vector<Probe> probe(const std::string& central, const std::string& url, int seconds) {
  const std::string token = bench::enrol(central, "probe");
  client::CurlTransport transport({url, token, "", std::chrono::seconds(3), std::chrono::seconds(10)});
  store::Database db(central, store::OpenMode::read_only);
  std::vector<Probe> probes;
  const auto end = bench::Clock::now() + std::chrono::seconds(seconds);
  for (std::int64_t seq = 1; bench::Clock::now() < end; ++seq) {
    protocol::JournalRow row;
    row.uuid = store::make_uuid_v4();
    row.device = "probe";
    row.seq = seq;
    row.device_time_ms = 1'795'784'400'000 + seq;
    row.kind = JournalKind::entrance;
    row.participant = "P51";
    row.outcome = "welcome";
    const auto started = bench::Clock::now();
    if (transport.post_json("/api/v1/journal", protocol::make_journal_batch("bench", {row})).status != 200)
      throw std::runtime_error("the probe's upload failed");
    auto st = db.prepare("SELECT max(cursor) FROM change_log WHERE entity = 'journal' AND key = ?");
    st.bind(1, row.uuid);
    if (st.step() && !st.is_null(0)) probes.push_back({started, st.int64(0)});
    std::this_thread::sleep_until(started + kProbeEvery);
  }
  return probes;
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 60;
  bench::ScratchDir dir;
  const std::string central = bench::make_event(dir, "central.db", 100, 8, 16);
  {
    store::Database db(central, store::OpenMode::read_write);
    console::StaffAccounts(db).add("host", console::Role::host, kPassword, server::unix_ms_now());
  }
  server::SyncServerOptions options;
  options.db_path = central;
  options.http.port = 0;
  server::SyncServer server(options);
  console::ConsoleOptions console_options;
  console_options.db_path = central;
  console::Console console(console_options, server.hub());
  console.install(server.router());
  std::thread serving([&] { server.run(); });
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port());

  // The kiosks alone first: their cycle p99 with no stream open.
  const auto alone = bench::run_kiosk_crowd(dir, central, url, kKiosks, std::min(seconds, 20), "alone-");
  std::vector<Probe> probes;
  bench::CrowdRun crowd;
  std::vector<double> latencies_ms;
  std::size_t missed = 0;
  {
    Streams streams(server.port(), log_in(server.port()));
    std::this_thread::sleep_for(500ms);  // every stream subscribed
    std::thread prober([&] { probes = probe(central, url, seconds); });
    crowd = bench::run_kiosk_crowd(dir, central, url, kKiosks, seconds, "kiosk-");
    prober.join();
    std::this_thread::sleep_for(2s);  // the last events arrive
    for (const Probe& p : probes)
      for (const auto& heard : streams.heard(p.cursor)) {
        if (!heard) ++missed;
        else latencies_ms.push_back(std::chrono::duration<double, std::milli>(*heard - p.started).count());
      }
  }
  server.stop();
  serving.join();

  const double p99 = bench::quantile(latencies_ms, 0.99);
  bench::report("console: upload -> change event on 100 open streams, 20 kiosks syncing: p99 (ms)",
                bench::fixed(p99, 1), bench::fixed(bench::quantile(latencies_ms, 0.5), 1) + " p50", "",
                "<= 1000 ms");
  bench::report("console: events expected / missed", std::to_string(probes.size() * kStreams) + " / " +
                    std::to_string(missed), "", "", "0 missed");
  const double crowd_p99 = bench::quantile(crowd.latencies_ms, 0.99),
               alone_p99 = bench::quantile(alone.latencies_ms, 0.99);
  bench::report("console: 20 kiosks' cycle p99 with 100 streams open (ms)", bench::fixed(crowd_p99, 1),
                bench::fixed(alone_p99, 1) + " no stream open", bench::fixed(crowd_p99 / alone_p99, 2) + "x",
                "<= 100 ms");
  bench::report("console: kiosk cycles / errors", std::to_string(crowd.latencies_ms.size()) + " / " +
                    std::to_string(crowd.errors), std::to_string(alone.latencies_ms.size()) + " / " +
                    std::to_string(alone.errors) + " no stream open", "", "0 errors");
  return crowd.errors == 0 && missed == 0 ? 0 : 1;
}
