// The listening side of the HTTP core: the socket, TLS set-up, the accept
// loop with the connection limit, the I/O threads and a clean stop.
#include "http_server.hpp"

#include <openssl/ssl.h>
#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <filesystem>
#include <optional>
#include <thread>
#include <vector>

#include "http_connection.hpp"
#include "log.hpp"
#include "worker_pool.hpp"

namespace speedmeet::server {

using detail::net::ip::tcp;
namespace net = detail::net;
using boost::system::error_code;

namespace {

constexpr std::size_t kReservedFiles = 256;  // the database, its WAL, logs, connections to SQLite...
constexpr std::size_t kDefaultMaxConnections = 10'000;
// Answered to a connection beyond the limit when none can be shed.
const std::string& full_answer() {
  static const std::string body = R"({"error":"busy","message":"too many connections; retry shortly"})";
  static const std::string answer =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nRetry-After: 1\r\n"
      "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return answer;
}

std::size_t io_threads_for(const HttpOptions& o) {
  if (o.io_threads > 0) return o.io_threads;
  return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 2);
}

std::unique_ptr<net::ssl::context> make_tls(const HttpOptions& o) {
  if (o.tls_cert.empty() && o.tls_key.empty()) return nullptr;
  if (o.tls_cert.empty() || o.tls_key.empty()) throw std::runtime_error("--tls-cert and --tls-key go together");
  for (const auto& f : {o.tls_cert, o.tls_key})
    if (!std::filesystem::exists(f)) throw TlsSetupError("cannot read TLS file " + f);
  auto tls = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
  tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                   net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1 |
                   net::ssl::context::single_dh_use);
  error_code ec;
  tls->use_certificate_chain_file(o.tls_cert, ec);
  if (!ec) tls->use_private_key_file(o.tls_key, net::ssl::context::pem, ec);
  if (ec || SSL_CTX_check_private_key(tls->native_handle()) != 1)
    throw TlsSetupError("cannot load the TLS certificate " + o.tls_cert + " with key " + o.tls_key +
                        " (PEM certificate and matching private key expected)");
  return tls;
}

}  // namespace

std::size_t raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? SIZE_MAX : static_cast<std::size_t>(limit.rlim_cur);
}

struct HttpServer::Impl {
  Impl(const HttpOptions& o, const Router& router, EventHub& hub)
      : options(o),
        context{options, router, hub, workers, table, io},
        tls(make_tls(o)),
        io(static_cast<int>(io_threads_for(o))),
        acceptor(net::make_strand(io)),
        retry(acceptor.get_executor()),
        drain(acceptor.get_executor()),
        workers(o.worker_threads, o.max_queued_requests) {
    const std::size_t files = raise_open_file_limit();
    max_connections = options.max_connections > 0
                          ? options.max_connections
                          : std::min(kDefaultMaxConnections, files > 2 * kReservedFiles ? files - kReservedFiles : files / 2);
    bind();
  }

  void bind() {
    const std::string where = options.host + ":" + std::to_string(options.port);
    error_code ec;
    const auto address = net::ip::make_address(options.host, ec);
    if (ec) throw std::runtime_error("cannot listen on " + where + ": not an IP address");
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
    port = acceptor.local_endpoint().port();
  }

  void accept() {
    acceptor.async_accept(net::make_strand(io), [this](error_code ec, tcp::socket socket) {
      if (context.stopping || ec == net::error::operation_aborted) return;
      if (ec) {
        // Out of file descriptors, most likely: make room, breathe, go on.
        table.shed_oldest();
        retry.expires_after(std::chrono::milliseconds(50));
        retry.async_wait([this](error_code) { accept(); });
        return;
      }
      admit(std::move(socket));
      accept();
    });
  }

  void admit(tcp::socket socket) {
    ++accepted;
    if (table.size() >= max_connections) {
      if (!table.shed_oldest()) {
        ++refused;
        error_code ignored;
        socket.non_blocking(true, ignored);
        socket.write_some(net::buffer(full_answer()), ignored);
        return;
      }
      ++shed;
    }
    detail::start_connection(context, std::move(socket), tls.get());
  }

  // stop(): no new connections; idle ones close now, busy ones after their
  // answer; whatever is left after drain_timeout is closed, and the I/O
  // threads stop a second later even if a handler is still running.
  void begin_stop() {
    if (context.stopping.exchange(true)) return;
    error_code ignored;
    acceptor.close(ignored);
    retry.cancel();
    table.stop_all();
    drain_deadline = detail::Clock::now() + options.drain_timeout;
    check_drained();
  }

  void check_drained() {
    if (table.size() == 0) return;  // the I/O threads run out of work and return
    const auto now = detail::Clock::now();
    if (now > drain_deadline + std::chrono::seconds(1)) return io.stop();
    if (now > drain_deadline) table.shed_all();
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait([this](error_code) { check_drained(); });
  }

  // Declared in the order that lets them go safely: the workers are joined
  // first (their jobs hold connections), then the I/O objects, then the
  // io_context, whose pending handlers release the last connections, which
  // still unregister from `table` and `context`.
  HttpOptions options;
  detail::ConnectionTable table;
  detail::ServerContext context;
  std::unique_ptr<net::ssl::context> tls;
  net::io_context io;
  tcp::acceptor acceptor;
  net::steady_timer retry, drain;
  WorkerPool workers;
  detail::Clock::time_point drain_deadline{};
  std::size_t max_connections = 0;
  int port = 0;
  std::atomic<std::uint64_t> accepted{0}, shed{0}, refused{0};
};

HttpServer::HttpServer(const HttpOptions& options, const Router& router, EventHub& hub)
    : impl_(std::make_unique<Impl>(options, router, hub)) {}

HttpServer::~HttpServer() = default;

int HttpServer::port() const { return impl_->port; }

void HttpServer::run() {
  Impl& s = *impl_;
  log_line("info", "listening",
           {{"address", s.options.host + ":" + std::to_string(s.port)},
            {"tls", s.tls ? "on" : "off"},
            {"io_threads", std::to_string(io_threads_for(s.options))},
            {"workers", std::to_string(s.workers.threads())},
            {"max_connections", std::to_string(s.max_connections)}});
  net::post(s.acceptor.get_executor(), [&s] { s.accept(); });
  std::vector<std::thread> more;
  for (std::size_t i = 1; i < io_threads_for(s.options); ++i) more.emplace_back([&s] { s.io.run(); });
  s.io.run();
  for (auto& t : more) t.join();
}

void HttpServer::stop() {
  Impl& s = *impl_;
  net::post(s.acceptor.get_executor(), [&s] { s.begin_stop(); });
}

HttpStats HttpServer::stats() const {
  const Impl& s = *impl_;
  HttpStats st;
  st.connections = s.table.size();
  st.streams = s.context.streams.load();
  st.queued = s.workers.queued();
  st.accepted = s.accepted.load();
  st.shed = s.shed.load();
  st.refused = s.refused.load();
  st.max_connections = s.max_connections;
  return st;
}

}  // namespace speedmeet::server
