#pragma once
// `speedmeet serve`: cpp-httplib in front of SyncApi. Plain HTTP, or HTTPS
// when a certificate and key are given (Debian's cpp-httplib is built with
// OpenSSL).
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "protocol/limits.hpp"

namespace httplib { class Server; }

namespace speedmeet::server {

class SyncApi;

// The certificate or key does not load (bad input, not a runtime failure).
class TlsSetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ServerOptions {
  std::string db_path;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see HttpServer::port())
  std::string tls_cert;  // both or neither
  std::string tls_key;
  protocol::Limits limits;
  std::size_t threads = 64;  // each open keep-alive connection holds one
  // An idle kiosk connection stays open this long (kiosks sync every few
  // seconds); it also bounds how long SIGTERM waits for idle connections.
  std::chrono::seconds keep_alive_timeout{5};
  std::chrono::seconds read_timeout{5};  // per read: bounds a slow client's hold on a worker
};

class HttpServer {
 public:
  // Binds the socket (throws std::runtime_error naming the address when it
  // cannot, or when the TLS files do not load).
  explicit HttpServer(const ServerOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }
  // Serves until stop(); returns when every worker has finished.
  void run();
  // Thread-safe; requests in flight complete.
  void stop();

 private:
  void configure();
  ServerOptions options_;
  std::unique_ptr<SyncApi> api_;
  std::unique_ptr<httplib::Server> http_;
  int port_ = 0;
};

}  // namespace speedmeet::server
