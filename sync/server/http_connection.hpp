#pragma once
// Private to the HTTP core (http_server.cpp, http_connection.cpp): Asio and
// Beast types. Nothing outside sync/server includes this.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <list>
#include <memory>
#include <mutex>
#include <vector>

#include "http_server.hpp"

namespace speedmeet::server {
class Router;
class EventHub;
class WorkerPool;
}  // namespace speedmeet::server

namespace speedmeet::server::detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// Where a connection is in its life. Shedding at the connection limit takes
// `idle` ones first (oldest idle first), then `opening` ones (TLS handshake,
// header block or body still arriving, oldest first); never one whose
// request is being answered, nor an event stream.
enum class Phase { opening, idle, busy, stream, closing };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual void shed() = 0;       // any thread: close at once
  virtual void stop_soon() = 0;  // any thread: close once the request in flight is answered

  void set_phase(Phase p) {
    since_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
    phase_.store(p, std::memory_order_release);
  }
  Phase phase() const { return phase_.load(std::memory_order_acquire); }
  Clock::rep since() const { return since_.load(std::memory_order_relaxed); }
  // Marks the connection as taken by a shedder; false if it was no longer in `expected`.
  bool claim(Phase expected) { return phase_.compare_exchange_strong(expected, Phase::closing); }

 private:
  std::atomic<Phase> phase_{Phase::opening};
  std::atomic<Clock::rep> since_{Clock::now().time_since_epoch().count()};
};

// Every open connection, for shedding and for stop().
class ConnectionTable {
 public:
  using Handle = std::list<std::weak_ptr<Connection>>::iterator;
  Handle add(std::weak_ptr<Connection> connection);
  void remove(Handle handle);
  std::size_t size() const;
  // Closes the oldest idle connection, else the oldest opening one; false
  // when every connection is busy or streaming.
  bool shed_oldest();
  void stop_all();
  void shed_all();

 private:
  std::vector<std::shared_ptr<Connection>> snapshot() const;
  mutable std::mutex mutex_;
  std::list<std::weak_ptr<Connection>> open_;
  std::size_t size_ = 0;
};

// What every connection of one server shares.
struct ServerContext {
  const HttpOptions& options;
  const Router& router;
  EventHub& hub;
  WorkerPool& workers;
  ConnectionTable& table;
  net::io_context& io;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> streams{0};
};

// Starts serving one accepted socket (TLS when `tls` is set).
void start_connection(ServerContext& context, tcp::socket socket, net::ssl::context* tls);

}  // namespace speedmeet::server::detail
