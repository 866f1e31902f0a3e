#pragma once
// The HTTP/1.1 server of `speedmeet serve`, built for an open venue network:
// event-driven (Boost.Beast on Boost.Asio, kept inside http_server.cpp and
// http_connection.cpp), so an idle or slow connection costs a few KiB and no
// thread. Every request passes the same checks before any handler runs
// (docs/API.md, "How a request is checked"): a deadline for the header
// block and another for the body, header and body limits enforced before
// reading, framing (Content-Length only), routing (404/405) and the route's
// media type (415). Handlers then run on a bounded worker pool, so SQLite
// never stalls the I/O threads, or, for routes that answer from memory
// (/api/v1/health), on the I/O thread itself. Keep-alive and pipelining
// answer every request in order. At the connection limit the oldest idle
// connection is closed to make room, then the oldest still sending its
// header block. Long-lived server-sent-event streams (event_hub.hpp) are
// held without a thread each.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace speedmeet::server {

class Router;
class EventHub;

// The certificate or key does not load (bad input, not a runtime failure).
class TlsSetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;       // 0: any free port (see HttpServer::port())
  std::string tls_cert;  // PEM; both or neither
  std::string tls_key;

  std::size_t worker_threads = 4;  // `--threads`: handlers (and SQLite connections) at once
  std::size_t io_threads = 0;      // 0: one per core, at most 2
  std::size_t max_queued_requests = 1024;  // waiting for a worker; beyond: 503 busy
  // 0: as many as the open-file limit allows (raised to its hard limit at
  // start), less 256 for the database and logs, at most 10,000.
  std::size_t max_connections = 0;
  std::size_t max_streams = 1000;  // open event streams; beyond: 503 busy

  std::size_t max_header_bytes = 16 * 1024;  // request line + header fields (431)
  std::size_t max_target_bytes = 4 * 1024;   // request target (414)
  std::size_t max_body_bytes = 4 * 1024 * 1024;  // (413)

  std::chrono::milliseconds keep_alive_timeout{5000};  // idle between requests
  std::chrono::milliseconds header_timeout{10000};     // whole header block (and TLS handshake), from its first byte
  std::chrono::milliseconds body_timeout{30000};       // whole body
  std::chrono::milliseconds write_timeout{30000};      // whole answer; each event of a stream
  std::chrono::milliseconds stream_heartbeat{15000};
  std::chrono::milliseconds drain_timeout{5000};       // stop(): requests in flight finish within this
};

// Counters for tests, benchmarks and the log.
struct HttpStats {
  std::size_t connections = 0;  // open now
  std::size_t streams = 0;      // open event streams now
  std::size_t queued = 0;       // requests waiting for a worker now
  std::uint64_t accepted = 0;
  std::uint64_t shed = 0;       // closed to make room at the connection limit
  std::uint64_t refused = 0;    // answered 503 at the connection limit
  std::size_t max_connections = 0;
};

class HttpServer {
 public:
  // Binds the socket (throws std::runtime_error naming the address when it
  // cannot; TlsSetupError when the TLS files do not load). `router` and `hub`
  // must outlive the server; the router is not changed once run() starts.
  HttpServer(const HttpOptions& options, const Router& router, EventHub& hub);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const;
  // Serves on this thread and io_threads - 1 more until stop(); returns once
  // every connection is closed.
  void run();
  // Thread-safe: no new connections; requests in flight finish (at most
  // drain_timeout), idle connections and streams close.
  void stop();
  HttpStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Raises this process's open-file limit to its hard limit; returns the new
// soft limit.
std::size_t raise_open_file_limit();

}  // namespace speedmeet::server
