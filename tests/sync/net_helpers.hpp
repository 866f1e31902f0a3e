#pragma once
// Process-level helpers for the sync tests: a `speedmeet serve` child, a raw
// HTTP client that can send anything, and a TCP proxy that injects faults.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace speedmeet::test {

int free_port();  // a port nobody listens on right now (127.0.0.1)

// An open socket, closed on destruction.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket();
  Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }
  bool ok() const { return fd_ >= 0; }
  void close();

 private:
  int fd_ = -1;
};

// A blocking TCP connection to 127.0.0.1:port (TCP_NODELAY); !ok() on failure.
Socket connect_loopback(int port);
bool send_all(int fd, const std::string& data);
// True when the peer has closed (or reset) the connection within `timeout`;
// whatever it sent first is appended to `received` when given.
bool closed_by_peer(int fd, std::chrono::milliseconds timeout, std::string* received = nullptr);
// Raises RLIMIT_NOFILE's soft limit towards `wanted` (at most the hard
// limit); returns the soft limit now.
std::size_t raise_fd_limit(std::size_t wanted);
// Resident set and its peak (VmRSS, VmHWM) of a process, in KiB; -1 if unknown.
long rss_kib(int pid);
long peak_rss_kib(int pid);

class ServerProcess {
 public:
  ServerProcess(const TempDir& dir, std::string db, int port, std::vector<std::string> extra_args = {});
  void start();                                       // spawns and returns at once
  bool wait_ready(std::chrono::milliseconds timeout);  // GET /health answers 200
  void kill(int signal);
  int wait();  // exit code, or -signal
  bool running();
  std::string all_logs() const;  // stderr of every start so far
  int port() const { return port_; }
  int pid() const;

 private:
  const TempDir& dir_;
  std::string db_;
  int port_;
  std::vector<std::string> extra_;
  int starts_ = 0;
  std::unique_ptr<ChildProcess> child_;
};

struct RawResponse {
  int status = 0;  // 0: no parseable answer
  std::string head;
  std::string body;
};

// The first whole answer at the front of `buffer` (head plus its
// Content-Length body), removed from it; nullopt while incomplete.
std::optional<RawResponse> take_answer(std::string& buffer);
// Reads answers from `fd` until `count` are whole, the peer closes, or
// `timeout` passes.
std::vector<RawResponse> read_answers(int fd, std::size_t count, std::chrono::milliseconds timeout);

// Sends `request` (head and body as given) followed by `filler_bytes` of 'x',
// reading the answer while sending, so a server that answers early and
// hangs up is seen answering. Waits at most `timeout`.
RawResponse send_raw(int port, const std::string& request, std::size_t filler_bytes = 0,
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
// GET/POST with Host, Content-Length and an optional token.
std::string http_request(const std::string& method, const std::string& target, const std::string& token,
                         const std::string& body = "", const std::string& extra_headers = "",
                         const std::string& content_type = "application/json");

// TCP proxy between the kiosk and the server. Each connection gets a fate:
// pass (but cut after a random amount of answer bytes), delay (answer held
// past the client's timeout, then dropped), error500 (the request reaches
// the server, the client gets a 500), or cut (the answer stops mid-body).
class FaultProxy {
 public:
  FaultProxy(int upstream_port, std::chrono::milliseconds delay, std::uint64_t seed);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  void set_faults(bool on) { faults_ = on; }

  std::atomic<int> connections{0}, passed{0}, delayed{0}, errored{0}, cut{0}, refused{0};

 private:
  enum class Fate { pass, delay, error500, cut };
  void accept_loop();
  Fate next_fate(std::size_t& budget);
  void handle(int client);
  int upstream_port_;
  std::chrono::milliseconds delay_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> faults_{true};
  std::mt19937_64 rng_;
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace speedmeet::test
