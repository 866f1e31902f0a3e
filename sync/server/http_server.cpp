#include "http_server.hpp"

#include <httplib.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "log.hpp"
#include "protocol/messages.hpp"
#include "sync_api.hpp"

namespace speedmeet::server {
namespace {

// What the access log line says about the request handled on this thread.
// cpp-httplib runs pre-routing, the handler and the logger of one request on
// the same worker thread, one request at a time.
struct RequestLog {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::string device;
  std::string detail;
};
thread_local RequestLog current_log;

std::string format_ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", ms);
  return buf;
}

// True when Accept-Encoding lists gzip without q=0.
bool accepts_gzip(const std::string& header) {
  std::string h;
  for (const char c : header)
    if (c != ' ' && c != '\t') h += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t start = 0;
  while (start <= h.size()) {
    const auto end = std::min(h.find(',', start), h.size());
    const std::string item = h.substr(start, end - start);
    const auto semi = item.find(';');
    if (item.substr(0, semi) == "gzip")
      return semi == std::string::npos || (item.substr(semi) != ";q=0" && item.substr(semi) != ";q=0.0" &&
                                           item.substr(semi) != ";q=0.00" && item.substr(semi) != ";q=0.000");
    start = end + 1;
  }
  return false;
}

// gzip at level 1: a snapshot shrinks about tenfold for a few milliseconds.
std::optional<std::string> gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));  // zlib's API is not const-correct
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

// The JSON media type with its charset: cpp-httplib compresses only the bare
// "application/json", and it would pick Brotli at quality 11 (hundreds of
// milliseconds of CPU per answer) for any client that offers it. Answers are
// compressed here instead, gzip only.
constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr std::size_t kCompressAbove = 1024;

void send(const httplib::Request& req, httplib::Response& res, const ApiResponse& api) {
  res.status = api.status;
  for (const auto& [name, value] : api.headers) res.set_header(name, value);
  res.set_header("Cache-Control", "no-store");
  res.set_header("Vary", "Accept-Encoding");
  std::optional<std::string> packed;
  if (api.body.size() > kCompressAbove && accepts_gzip(req.get_header_value("Accept-Encoding"))) packed = gzip(api.body);
  if (packed) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(*packed, kJsonType);
  } else {
    res.set_content(api.body, kJsonType);
  }
  current_log.device = api.device;
  current_log.detail = api.detail;
}

// Refusals decided from the headers alone, before the body is read; the
// connection closes because the unread body would otherwise be parsed as the
// next request.
void refuse_early(const httplib::Request& req, httplib::Response& res, const ApiResponse& api) {
  send(req, res, api);
  res.set_header("Connection", "close");
}

}  // namespace

HttpServer::HttpServer(const ServerOptions& options)
    : options_(options), api_(std::make_unique<SyncApi>(options.db_path, options.limits, options.threads)) {
  if (options_.tls_cert.empty() != options_.tls_key.empty())
    throw std::runtime_error("--tls-cert and --tls-key go together");
  if (!options_.tls_cert.empty()) {
    for (const auto& f : {options_.tls_cert, options_.tls_key})
      if (!std::filesystem::exists(f)) throw TlsSetupError("cannot read TLS file " + f);
    auto tls = std::make_unique<httplib::SSLServer>(options_.tls_cert.c_str(), options_.tls_key.c_str());
    if (!tls->is_valid())
      throw TlsSetupError("cannot load the TLS certificate " + options_.tls_cert + " with key " + options_.tls_key +
                          " (PEM certificate and matching private key expected)");
    http_ = std::move(tls);
  } else {
    http_ = std::make_unique<httplib::Server>();
  }
  configure();
  port_ = options_.port == 0 ? http_->bind_to_any_port(options_.host) : options_.port;
  if (port_ <= 0 || (options_.port != 0 && !http_->bind_to_port(options_.host, options_.port)))
    throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(options_.port));
}

HttpServer::~HttpServer() = default;

void HttpServer::configure() {
  const std::size_t threads = options_.threads;
  // cpp-httplib takes ownership of the queue it gets from this factory; its
  // API offers no smart-pointer form.
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  const protocol::Limits limits = options_.limits;
  http_->set_payload_max_length(limits.max_body_bytes);
  http_->set_keep_alive_max_count(1000);
  http_->set_keep_alive_timeout(options_.keep_alive_timeout.count());
  http_->set_read_timeout(options_.read_timeout.count());
  http_->set_write_timeout(options_.read_timeout.count());
  http_->set_tcp_nodelay(true);  // small JSON answers must not wait for Nagle

  http_->set_pre_routing_handler([limits](const httplib::Request& req, httplib::Response& res) {
    current_log = RequestLog{};
    if (req.has_header("Transfer-Encoding")) {
      refuse_early(req, res, error_response(411, "length_required", "send a Content-Length, not a chunked body"));
      return httplib::Server::HandlerResponse::Handled;
    }
    const std::string encoding = req.get_header_value("Content-Encoding");
    if (!encoding.empty() && encoding != "identity") {
      refuse_early(req, res, error_response(415, "unsupported_encoding", "request bodies are not compressed"));
      return httplib::Server::HandlerResponse::Handled;
    }
    const std::string length = req.get_header_value("Content-Length");
    if (!length.empty()) {
      const bool digits = length.size() <= 18 &&
                          std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!digits || std::stoull(length) > limits.max_body_bytes) {
        refuse_early(req, res, error_response(413, "too_large",
                                         "body larger than " + std::to_string(limits.max_body_bytes) + " bytes"));
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  const auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
    ApiRequest r;
    r.method = req.method;
    r.path = req.path;
    for (const auto& [k, v] : req.params) r.query.emplace_back(k, v);
    r.authorization = req.get_header_value("Authorization");
    r.content_type = req.get_header_value("Content-Type");
    r.body = req.body;
    send(req, res, api_->handle(r));
  };
  http_->Get(".*", dispatch);
  http_->Post(".*", dispatch);
  http_->Put(".*", dispatch);
  http_->Patch(".*", dispatch);
  http_->Delete(".*", dispatch);
  http_->Options(".*", dispatch);

  // Statuses cpp-httplib sets itself (bad request line, body too large...)
  // still answer JSON.
  http_->set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const ApiResponse api = error_response(res.status, "http_" + std::to_string(res.status),
                                           res.status == 413 ? "body too large" : "request refused");
    res.set_content(api.body, kJsonType);
    return httplib::Server::HandlerResponse::Handled;
  }));
  http_->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    log_line("error", "unhandled exception", {{"path", req.path}});
    res.status = 500;
    res.set_content(error_response(500, "internal", "internal server error").body, kJsonType);
  });
  // Never logs headers or bodies: the Authorization header carries a token.
  http_->set_logger([](const httplib::Request& req, const httplib::Response& res) {
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - current_log.start);
    log_line(res.status >= 500 ? "error" : "info", "request",
             {{"method", req.method},
              {"path", req.path},
              {"status", std::to_string(res.status)},
              {"ms", format_ms(ms.count())},
              {"device", current_log.device.empty() ? "-" : current_log.device},
              {"remote", req.remote_addr},
              {"detail", current_log.detail}});
    current_log = RequestLog{};
  });
}

void HttpServer::run() {
  log_line("info", "listening",
           {{"address", options_.host + ":" + std::to_string(port_)},
            {"tls", options_.tls_cert.empty() ? "off" : "on"},
            {"db", options_.db_path}});
  if (!http_->listen_after_bind()) throw std::runtime_error("the server stopped listening unexpectedly");
}

void HttpServer::stop() { http_->stop(); }

}  // namespace speedmeet::server
