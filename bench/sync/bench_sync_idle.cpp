// What an idle keep-alive connection costs the server: its resident memory
// grows by this much per 1,000 connections that made one request and wait
// for the next. The baseline, measured in the same process, is what a
// thread-per-connection server pays at the least: one blocked thread each.
// Usage: bench_sync_idle [CONNECTIONS]   (default 5,000, fewer if the
// open-file limit says so)
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "bench_report.hpp"
#include "sync_bench_support.hpp"

using namespace speedmeet;

namespace {

long rss_kib() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

// A connection that made one /health request and read its answer.
int idle_connection(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) {
    if (fd >= 0) ::close(fd);
    return -1;
  }
  const std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) return fd;
  char buf[1024];
  std::string answer;
  while (answer.find("}") == std::string::npos) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    answer.append(buf, static_cast<std::size_t>(n));
  }
  return fd;
}

// KiB per 1,000 connections between `first` and `total` open.
double server_cost(int port, std::size_t first, std::size_t total, std::vector<int>& fds) {
  while (fds.size() < first) fds.push_back(idle_connection(port));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const long before = rss_kib();
  while (fds.size() < total) fds.push_back(idle_connection(port));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  return static_cast<double>(rss_kib() - before) * 1000.0 / static_cast<double>(total - first);
}

// KiB per 1,000 threads blocked on a condition variable.
double thread_cost(std::size_t count) {
  std::mutex mutex;
  std::condition_variable go;
  bool done = false;
  std::size_t parked = 0;
  const long before = rss_kib();
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < count; ++i)
    threads.emplace_back([&] {
      std::unique_lock lock(mutex);
      ++parked;
      go.notify_all();
      go.wait(lock, [&] { return done; });
    });
  {
    std::unique_lock lock(mutex);
    go.wait(lock, [&] { return parked == count; });
  }
  const long after = rss_kib();
  {
    const std::lock_guard lock(mutex);
    done = true;
  }
  go.notify_all();
  for (auto& t : threads) t.join();
  return static_cast<double>(after - before) * 1000.0 / static_cast<double>(count);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t files = server::raise_open_file_limit();
  std::size_t total = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 5000;
  // Both ends of every connection live in this process.
  total = std::min(total, files > 600 ? (files - 500) / 2 : 100);
  const std::size_t first = std::min<std::size_t>(1000, total / 5);

  bench::ScratchDir dir;
  const std::string central = bench::make_event(dir, "central.db", 100, 8, 16);
  server::SyncServerOptions o;
  o.db_path = central;
  o.http.port = 0;
  o.http.keep_alive_timeout = std::chrono::seconds(120);  // they stay open while measured
  server::SyncServer http(o);
  std::thread serving([&] { http.run(); });

  std::vector<int> fds;
  const double per_thousand = server_cost(http.port(), first, total, fds);
  const std::size_t open = http.stats().connections;
  const double threads_per_thousand = thread_cost(1000);
  for (const int fd : fds)
    if (fd >= 0) ::close(fd);
  http.stop();
  serving.join();

  bench::report("sync server RSS per 1,000 idle keep-alive connections (MiB; " + std::to_string(open) + " open)",
                bench::fixed(per_thousand / 1024.0, 2),
                bench::fixed(threads_per_thousand / 1024.0, 2) + " per 1,000 blocked threads (thread per connection)",
                bench::fixed(per_thousand / threads_per_thousand, 2) + "x", "-");
  return open >= total ? 0 : 1;
}
