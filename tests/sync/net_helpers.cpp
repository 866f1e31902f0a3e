#include "net_helpers.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace speedmeet::test {
namespace {

using Clock = std::chrono::steady_clock;

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const sockaddr_in a = loopback(port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

bool send_bytes(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// The Content-Length of an answer's head; nullopt when it has none.
std::optional<std::size_t> content_length(std::string head) {
  for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto cl = head.find("\r\ncontent-length:");
  if (cl == std::string::npos) return std::nullopt;
  return std::stoul(head.substr(cl + 17));
}

// True once `text` holds a whole HTTP answer (head plus Content-Length body).
bool complete(const std::string& text) {
  const auto end = text.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  const auto length = content_length(text.substr(0, end));
  return length && text.size() >= end + 4 + *length;  // no length: read to close
}

}  // namespace

Socket::~Socket() { close(); }

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void Socket::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Socket connect_loopback(int port) { return Socket(connect_to(port)); }

bool send_all(int fd, const std::string& data) { return send_bytes(fd, data.data(), data.size()); }

bool closed_by_peer(int fd, std::chrono::milliseconds timeout, std::string* received) {
  const auto deadline = Clock::now() + timeout;
  char buf[4096];
  while (Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (::poll(&p, 1, static_cast<int>(std::max<long>(1, left))) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return true;
    if (n > 0 && received) received->append(buf, static_cast<std::size_t>(n));
  }
  return false;
}

std::size_t raise_fd_limit(std::size_t wanted) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < wanted) {
    limit.rlim_cur = std::min<rlim_t>(wanted, limit.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);
  }
  return static_cast<std::size_t>(limit.rlim_cur);
}

namespace {
long status_kib(int pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
  return -1;
}
}  // namespace

long rss_kib(int pid) { return status_kib(pid, "VmRSS"); }
long peak_rss_kib(int pid) { return status_kib(pid, "VmHWM"); }

std::optional<RawResponse> take_answer(std::string& buffer) {
  const auto end = buffer.find("\r\n\r\n");
  if (end == std::string::npos || buffer.rfind("HTTP/1.", 0) != 0) return std::nullopt;
  const std::size_t length = content_length(buffer.substr(0, end)).value_or(0);
  if (buffer.size() < end + 4 + length) return std::nullopt;
  RawResponse r;
  r.status = std::atoi(buffer.c_str() + 9);
  r.head = buffer.substr(0, end);
  r.body = buffer.substr(end + 4, length);
  buffer.erase(0, end + 4 + length);
  return r;
}

std::vector<RawResponse> read_answers(int fd, std::size_t count, std::chrono::milliseconds timeout) {
  std::vector<RawResponse> answers;
  std::string buffer;
  const auto deadline = Clock::now() + timeout;
  char buf[65536];
  while (answers.size() < count && Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0 && !(n < 0 && (errno == EAGAIN || errno == EINTR))) break;
    if (n > 0) buffer.append(buf, static_cast<std::size_t>(n));
    while (auto answer = take_answer(buffer)) answers.push_back(std::move(*answer));
  }
  while (auto answer = take_answer(buffer)) answers.push_back(std::move(*answer));
  return answers;
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a = loopback(0);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("bind failed");
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

ServerProcess::ServerProcess(const TempDir& dir, std::string db, int port, std::vector<std::string> extra_args)
    : dir_(dir), db_(std::move(db)), port_(port), extra_(std::move(extra_args)) {}

void ServerProcess::start() {
  std::vector<std::string> argv{SPEEDMEET_BIN, "serve", db_, "--listen", "127.0.0.1:" + std::to_string(port_)};
  argv.insert(argv.end(), extra_.begin(), extra_.end());
  ++starts_;
  child_ = std::make_unique<ChildProcess>(argv, dir_.file("serve-" + std::to_string(starts_) + ".out"),
                                          dir_.file("serve-" + std::to_string(starts_) + ".err"));
}

bool ServerProcess::wait_ready(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (!running()) return false;
    if (send_raw(port_, http_request("GET", "/api/v1/health", ""), 0, std::chrono::milliseconds(500)).status == 200)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void ServerProcess::kill(int signal) {
  if (child_) child_->kill(signal);
}

int ServerProcess::wait() { return child_ ? child_->wait() : -1; }

int ServerProcess::pid() const { return child_ ? child_->pid() : -1; }

bool ServerProcess::running() { return child_ && child_->running(); }

std::string ServerProcess::all_logs() const {
  std::string all;
  for (int i = 1; i <= starts_; ++i) all += read_file(dir_.file("serve-" + std::to_string(i) + ".err"));
  return all;
}

std::string http_request(const std::string& method, const std::string& target, const std::string& token,
                         const std::string& body, const std::string& extra_headers, const std::string& content_type) {
  std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!token.empty()) r += "Authorization: Bearer " + token + "\r\n";
  if (method == "POST" || !body.empty())
    r += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  r += extra_headers + "\r\n";
  return r + body;
}

RawResponse send_raw(int port, const std::string& request, std::size_t filler_bytes, std::chrono::milliseconds timeout) {
  RawResponse out;
  const int fd = connect_to(port);
  if (fd < 0) return out;
  ::fcntl(fd, F_SETFL, O_NONBLOCK);
  const std::string filler(64 * 1024, 'x');
  std::size_t sent = 0;
  const std::size_t total = request.size() + filler_bytes;
  bool sending = true;
  std::string received;
  const auto deadline = Clock::now() + timeout;
  char buf[65536];
  while (Clock::now() < deadline) {
    pollfd p{fd, static_cast<short>(POLLIN | (sending ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, 50) < 0 && errno != EINTR) break;
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n > 0) {
        received.append(buf, static_cast<std::size_t>(n));
        if (complete(received)) break;
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EINTR)) break;
    }
    if (sending && (p.revents & POLLOUT)) {
      const char* data = sent < request.size() ? request.data() + sent : filler.data();
      const std::size_t left = sent < request.size() ? request.size() - sent
                                                      : std::min(filler.size(), total - sent);
      const ssize_t n = ::send(fd, data, left, MSG_NOSIGNAL);
      if (n > 0) sent += static_cast<std::size_t>(n);
      else if (errno != EAGAIN && errno != EINTR) sending = false;  // the server hung up on us
      if (sent == total) sending = false;
    }
  }
  ::close(fd);
  const auto end = received.find("\r\n\r\n");
  if (received.rfind("HTTP/1.", 0) == 0 && received.size() > 12) {
    out.status = std::atoi(received.c_str() + 9);
    out.head = received.substr(0, end);
    if (end != std::string::npos) out.body = received.substr(end + 4);
  }
  return out;
}

FaultProxy::FaultProxy(int upstream_port, std::chrono::milliseconds delay, std::uint64_t seed)
    : upstream_port_(upstream_port), delay_(delay), rng_(seed) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a = loopback(0);
  if (::bind(listen_fd_, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0 || ::listen(listen_fd_, 64) != 0)
    throw std::runtime_error("proxy cannot listen");
  socklen_t len = sizeof a;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  stopping_ = true;
  acceptor_.join();
  std::vector<std::thread> threads;
  {
    const std::lock_guard lock(threads_mutex_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
  ::close(listen_fd_);
}

void FaultProxy::accept_loop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    ++connections;
    const std::lock_guard lock(threads_mutex_);
    threads_.emplace_back([this, client] { handle(client); });
  }
}

// Until each kind of fault has really happened once (a fated connection
// whose server was killed before answering shows nothing), the next
// connection gets the first kind still missing; then chance decides.
FaultProxy::Fate FaultProxy::next_fate(std::size_t& budget) {
  const std::lock_guard lock(threads_mutex_);
  budget = SIZE_MAX;
  if (!faults_) return Fate::pass;
  budget = 2048 + rng_() % (256 * 1024);
  if (errored == 0) return Fate::error500;
  if (delayed == 0) return Fate::delay;
  if (cut == 0) return Fate::cut;
  const int roll = static_cast<int>(rng_() % 100);
  return roll < 55 ? Fate::pass : roll < 65 ? Fate::delay : roll < 80 ? Fate::error500 : Fate::cut;
}

void FaultProxy::handle(int client) {
  const int upstream = connect_to(upstream_port_);
  if (upstream < 0) {
    ++refused;
    ::close(client);
    return;
  }
  std::size_t budget = 0;
  const Fate fate = next_fate(budget);
  std::size_t answered = 0;
  bool done = false;
  char buf[65536];
  while (!done && !stopping_) {
    pollfd p[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    if (::poll(p, 2, 50) <= 0) continue;
    if (p[0].revents) {
      const ssize_t n = ::recv(client, buf, sizeof buf, 0);
      if (n <= 0 || !send_bytes(upstream, buf, static_cast<std::size_t>(n))) done = true;
    }
    if (!done && p[1].revents) {
      const ssize_t n = ::recv(upstream, buf, sizeof buf, 0);
      if (n <= 0) break;
      const auto size = static_cast<std::size_t>(n);
      switch (fate) {
        case Fate::pass:
          if (answered + size > budget) {
            send_bytes(client, buf, budget - answered);
            ++cut;
            done = true;
          } else {
            answered += size;
            done = !send_bytes(client, buf, size);
          }
          break;
        case Fate::delay: {
          ++delayed;
          const auto until = Clock::now() + delay_;
          while (Clock::now() < until && !stopping_) std::this_thread::sleep_for(std::chrono::milliseconds(20));
          done = true;
          break;
        }
        case Fate::error500: {
          static const std::string answer =
              "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
              "Connection: close\r\n\r\noops\n";
          send_bytes(client, answer.data(), answer.size());
          ++errored;
          done = true;
          break;
        }
        case Fate::cut:
          send_bytes(client, buf, size > 1 ? size / 2 : 0);
          ++cut;
          done = true;
          break;
      }
    }
  }
  if (fate == Fate::pass && answered > 0 && answered < budget) ++passed;
  ::close(upstream);
  ::close(client);
}

}  // namespace speedmeet::test
