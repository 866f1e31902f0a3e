// One HTTP/1.1 connection, plain or TLS, as a chain of asynchronous steps on
// its own strand: (TLS handshake) -> wait for a request -> header block ->
// checks from the head -> body -> handler (worker pool or I/O thread) ->
// answer -> next request, or an event stream until the client leaves.
#include "http_connection.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <type_traits>

#include "event_hub.hpp"
#include "http_encoding.hpp"
#include "http_router.hpp"
#include "log.hpp"
#include "worker_pool.hpp"

namespace speedmeet::server::detail {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using beast::error_code;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

constexpr std::size_t kReadBufferLimit = 64 * 1024;  // header block limit + room to read a body in 64 KiB steps
constexpr std::size_t kLingerBytes = 1024 * 1024;    // read and dropped after a refusal, at most
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kStreamBacklogBytes = 1024 * 1024;  // unsent events before a stream is closed
constexpr std::size_t kStreamInputBytes = 64 * 1024;      // a stream's client sends nothing; beyond this it is cut
constexpr const char* kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

std::string format_ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", ms);
  return buf;
}

bool is_disconnect(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message || ec == net::error::eof ||
         ec == net::error::connection_reset || ec == net::error::operation_aborted || ec == net::error::broken_pipe ||
         ec == net::ssl::error::stream_truncated;
}

// The start of the unread input: the request line while it is not parsed.
std::string_view unread(const beast::flat_buffer& buffer) {
  const auto data = buffer.data();
  return {static_cast<const char*>(data.data()), data.size()};
}

// A well-formed request line naming an HTTP version other than 1.0 and 1.1
// ("HTTP/2.0", "HTTP/1.2"): 505 rather than 400.
bool names_other_version(std::string_view input) {
  const auto end = input.find("\r\n");
  if (end == std::string_view::npos || end < 9) return false;
  const std::string_view v = input.substr(end - 8, 8);
  return v.substr(0, 5) == "HTTP/" && std::isdigit(static_cast<unsigned char>(v[5])) && v[6] == '.' &&
         std::isdigit(static_cast<unsigned char>(v[7]));
}

// Splits an origin-form (or absolute-form) target into path and query.
struct Target {
  std::string_view path, query;
  bool ok = true;
};
Target split_target(std::string_view target) {
  Target t;
  if (const auto scheme = target.find("://"); !target.empty() && target[0] != '/' && scheme != std::string_view::npos) {
    const auto slash = target.find('/', scheme + 3);
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  if (target.empty() || (target[0] != '/' && target != "*")) t.ok = false;
  const auto q = target.find('?');
  t.path = target.substr(0, q);
  if (q != std::string_view::npos) t.query = target.substr(q + 1);
  return t;
}

HttpResponse run_handler(const Route& route, const HttpRequest& request) {
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    log_line("error", "handler failed", {{"path", request.path}, {"error", e.what()}});
  } catch (...) {
    log_line("error", "handler failed", {{"path", request.path}});
  }
  return error_response(500, "internal", "internal server error");
}

HttpResponse busy_response(const std::string& why) {
  HttpResponse r = error_response(503, "busy", why);
  r.headers.emplace_back("Retry-After", "1");
  return r;
}

template <class Stream>
class Session final : public Connection, public StreamSink, public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  Session(ServerContext& context, Stream stream, std::string remote)
      : context_(context), stream_(std::move(stream)), remote_(std::move(remote)), buffer_(kReadBufferLimit) {}

  ~Session() override {
    if (registered_) context_.table.remove(handle_);
    if (streaming_) {
      context_.hub.unsubscribe(this);
      --context_.streams;
    }
  }

  void start() {
    handle_ = context_.table.add(this->weak_from_this());
    registered_ = true;
    set_phase(Phase::opening);
    if constexpr (kTls) {
      lowest().expires_after(context_.options.header_timeout);
      stream_.async_handshake(net::ssl::stream_base::server, [self = this->shared_from_this()](error_code ec) {
        if (ec) return self->close_now();
        self->wait_for_request();
      });
    } else {
      wait_for_request();
    }
  }

  void shed() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] { self->close_now(); });
  }

  void stop_soon() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      self->close_after_ = true;
      if (self->phase() != Phase::busy) self->close_now();
    });
  }

  void deliver(std::shared_ptr<const std::string> frame) override {
    net::post(stream_.get_executor(),
              [self = this->shared_from_this(), frame = std::move(frame)]() mutable { self->enqueue(std::move(frame)); });
  }

 private:
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }
  const HttpOptions& options() const { return context_.options; }

  // --- reading a request ----------------------------------------------------

  void wait_for_request() {
    if (close_after_ || context_.stopping) return close_gracefully();
    if (buffer_.size() > 0) return read_header();  // a pipelined request is already here
    set_phase(Phase::idle);
    buffer_.clear();
    buffer_.shrink_to_fit();  // an idle connection keeps no buffer, nor the last request
    request_ = HttpRequest{};
    lowest().expires_after(options().keep_alive_timeout);
    stream_.async_read_some(net::buffer(&first_byte_, 1),
                            [self = this->shared_from_this()](error_code ec, std::size_t n) {
                              if (ec || n == 0) return self->close_now();
                              const auto space = self->buffer_.prepare(1);
                              std::memcpy(space.data(), &self->first_byte_, 1);
                              self->buffer_.commit(1);
                              self->read_header();
                            });
  }

  void read_header() {
    set_phase(Phase::opening);
    started_ = Clock::now();
    method_.clear();
    path_.clear();
    head_only_ = false;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options().max_header_bytes));
    parser_->body_limit(options().max_body_bytes);
    lowest().expires_after(options().header_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(error_code ec) {
    note_request_line();
    if (ec == http::error::header_limit) {
      // The parser consumes the request line once it is whole: a limit hit
      // before that is a target too long to read.
      if (parser_->get().method_string().empty())
        return refuse(error_response(414, "uri_too_long", "the request target is longer than " +
                                                              std::to_string(options().max_target_bytes) + " bytes"));
      return refuse(error_response(431, "headers_too_large", "the header block is larger than " +
                                                                 std::to_string(options().max_header_bytes) + " bytes"));
    }
    // Beast compares Content-Length with the body limit as the head ends.
    if (ec == http::error::body_limit)
      return refuse(error_response(413, "too_large",
                                   "body larger than " + std::to_string(options().max_body_bytes) + " bytes"));
    // The stream closed the socket when its deadline passed: nothing can be answered.
    if (ec == beast::error::timeout || is_disconnect(ec)) return close_now();
    if (ec == http::error::bad_version && names_other_version(unread(buffer_)))
      return refuse(error_response(505, "http_version_not_supported", "speak HTTP/1.1 (or HTTP/1.0)"));
    if (ec) return refuse(error_response(400, "bad_request", "not an HTTP/1.1 request (" + ec.message() + ")"));
    check_head();
  }

  // For the log line: what the request line said, once it is parsed.
  void note_request_line() {
    const auto& head = parser_->get();
    method_ = std::string(head.method_string().substr(0, 32));
    head_only_ = method_ == "HEAD";
    const std::string_view target(head.target().data(), head.target().size());
    path_ = std::string(target.substr(0, target.find('?')).substr(0, 256));
  }

  // Everything decided from the head, in the order docs/API.md gives.
  void check_head() {
    set_phase(Phase::busy);
    const auto& head = parser_->get();
    const std::string_view target(head.target().data(), head.target().size());
    if (target.size() > options().max_target_bytes)
      return refuse(error_response(414, "uri_too_long", "the request target is longer than " +
                                                            std::to_string(options().max_target_bytes) + " bytes"));
    if (head.version() == 11 && head.count(http::field::host) != 1)
      return refuse(error_response(400, "bad_request", "an HTTP/1.1 request carries exactly one Host header"));
    if (head.count(http::field::transfer_encoding) > 0)
      return refuse(error_response(411, "length_required", "send a Content-Length, not a chunked body"));
    const std::uint64_t length = parser_->content_length().value_or(0);
    if (length > options().max_body_bytes)
      return refuse(error_response(413, "too_large",
                                   "body larger than " + std::to_string(options().max_body_bytes) + " bytes"));
    const auto encoding = head[http::field::content_encoding];
    if (!encoding.empty() && !beast::iequals(encoding, "identity"))
      return decline(error_response(415, "unsupported_encoding", "request bodies are not compressed"));
    const auto expect = head[http::field::expect];
    if (!expect.empty() && !beast::iequals(expect, "100-continue"))
      return decline(error_response(417, "expectation_failed", "only Expect: 100-continue is understood"));
    if (!route_request(target)) return;
    if (length == 0) return dispatch();
    if (!expect.empty() && head.version() == 11) return send_continue();  // HTTP/1.0 clients do not wait for it
    read_body();
  }

  // Fills request_ from the head and finds its route; false when refused.
  bool route_request(std::string_view target) {
    const Target parts = split_target(target);
    const auto path = decode_path(parts.path);
    if (!parts.ok || !path) {
      decline(error_response(400, "bad_request", "the request target is not a path"));
      return false;
    }
    fill_request(target, *path);
    const Router::Lookup lookup = context_.router.find(method_, request_.path);
    if (!lookup.route) {
      decline(lookup.refusal);
      return false;
    }
    route_ = lookup.route;
    if (auto refused = Router::refuse_media_type(*route_, request_.header("content-type"))) {
      decline(std::move(*refused));
      return false;
    }
    // The query comes last: a malformed one is the route's business
    // (invalid_query), after 404/405/415.
    auto query = decode_query(parts.query);
    if (!query) {
      decline(error_response(400, "invalid_query", "the query string is not name=value pairs with valid %-escapes"));
      return false;
    }
    request_.query = std::move(*query);
    return true;
  }

  void fill_request(std::string_view target, std::string path) {
    request_ = HttpRequest{};
    request_.method = method_;
    request_.target = std::string(target);
    request_.path = std::move(path);
    path_ = request_.path.substr(0, 256);
    for (const auto& field : parser_->get()) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request_.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request_.remote = remote_;
    request_.tls = kTls;
  }

  void send_continue() {
    lowest().expires_after(options().write_timeout);
    net::async_write(stream_, net::buffer(kContinue, std::strlen(kContinue)),
                     [self = this->shared_from_this()](error_code ec, std::size_t) {
                       if (ec) return self->close_now();
                       self->read_body();
                     });
  }

  // The body is exactly Content-Length bytes (no other framing is taken):
  // what came with the head is in buffer_, the rest is read straight into
  // the request, in as few reads as the socket allows.
  void read_body() {
    set_phase(Phase::opening);  // not answered yet: may be shed like a slow header block
    const auto length = static_cast<std::size_t>(parser_->content_length().value_or(0));
    const std::size_t buffered = std::min(buffer_.size(), length);
    const auto data = buffer_.data();
    request_.body.assign(static_cast<const char*>(data.data()), buffered);
    buffer_.consume(buffered);  // what follows the body is the next request
    if (buffered == length) return dispatch();
    request_.body.resize(length);
    lowest().expires_after(options().body_timeout);
    net::async_read(stream_, net::buffer(request_.body.data() + buffered, length - buffered),
                    [self = this->shared_from_this()](error_code ec, std::size_t) {
                      if (ec) return self->close_now();  // deadline, or the client left
                      self->dispatch();
                    });
  }

  // --- answering --------------------------------------------------------------

  void dispatch() {
    set_phase(Phase::busy);
    keep_alive_ = parser_->get().keep_alive();
    parser_.reset();
    if (route_->options.runs == Runs::on_io_thread) {
      HttpResponse response = run_handler(*route_, request_);
      compress_for(request_, response);
      return respond(std::move(response));
    }
    auto job = [self = this->shared_from_this(), route = route_, request = std::move(request_),
                work = net::make_work_guard(context_.io)]() mutable {
      HttpResponse response = run_handler(*route, request);
      compress_for(request, response);
      net::post(self->stream_.get_executor(),
                [self, response = std::move(response)]() mutable { self->respond(std::move(response)); });
    };
    if (!context_.workers.try_post(std::move(job)))
      respond(busy_response("every worker is busy; retry shortly"));
  }

  // A well-formed request refused from its head: the connection stays open
  // unless a body is waiting to be read.
  void decline(HttpResponse response) {
    if (parser_->content_length().value_or(0) > 0) return refuse(std::move(response));
    keep_alive_ = parser_->get().keep_alive();
    respond(std::move(response));
  }

  // A refusal decided before the body was read, or of input that is not
  // HTTP: the connection closes, since whatever the client still sends is
  // not a request.
  void refuse(HttpResponse response) {
    close_after_ = true;
    if (method_.empty()) method_ = "-";
    respond(std::move(response));
  }

  void respond(HttpResponse response) {
    if (closed_) return;
    if (response.stream) return open_stream(std::move(response));
    const bool keep = keep_alive_ && !close_after_ && !context_.stopping;
    auto out = std::make_shared<http::response<http::string_body>>();
    out->result(static_cast<unsigned>(response.status));
    out->version(11);
    out->set(http::field::date, http_date(std::time(nullptr)));
    out->set(http::field::content_type, response.content_type);
    bool cache_control = false;
    for (auto& [name, value] : response.headers) {
      cache_control = cache_control || beast::iequals(name, "cache-control");
      out->insert(name, value);
    }
    if (!cache_control) out->set(http::field::cache_control, "no-store");
    out->content_length(response.body.size());
    if (!head_only_) out->body() = std::move(response.body);
    out->keep_alive(keep);
    log_request(response.status, response.log);
    set_phase(Phase::busy);
    lowest().expires_after(options().write_timeout);
    http::async_write(stream_, *out, [self = this->shared_from_this(), out, keep](error_code ec, std::size_t) {
      if (ec) return self->close_now();
      if (keep) return self->wait_for_request();
      self->close_gracefully();
    });
  }

  // Never logs headers or bodies: the Authorization header carries a token.
  void log_request(int status, const std::vector<std::pair<std::string, std::string>>& extra) {
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    std::vector<std::pair<std::string, std::string>> fields = {
        {"method", method_}, {"path", path_.empty() ? "-" : path_}, {"status", std::to_string(status)},
        {"ms", format_ms(ms)}};
    fields.insert(fields.end(), extra.begin(), extra.end());
    fields.emplace_back("remote", remote_);
    log_line(status >= 500 ? "error" : "info", "request", fields);
  }

  // --- event streams ----------------------------------------------------------

  void open_stream(HttpResponse response) {
    if (context_.streams.fetch_add(1) >= options().max_streams) {
      --context_.streams;
      return respond(busy_response("too many open event streams"));
    }
    streaming_ = true;
    set_phase(Phase::stream);
    std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                       "Cache-Control: no-store\r\nConnection: close\r\nX-Accel-Buffering: no\r\nDate: " +
                       http_date(std::time(nullptr)) + "\r\n";
    for (const auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
    head += "\r\nretry: 3000\n\n";
    enqueue(std::make_shared<const std::string>(std::move(head)));
    const StreamStart& start = *response.stream;
    for (const SseEvent& e : start.initial) enqueue(std::make_shared<const std::string>(encode_sse(e)));
    std::weak_ptr<StreamSink> sink = this->weak_from_this();
    for (auto& frame : context_.hub.subscribe(start.topics, sink, start.replay_after)) enqueue(std::move(frame));
    response.log.emplace_back("stream", "open");
    log_request(200, response.log);
    lowest().expires_never();
    watch_stream_input();
    heartbeat_.emplace(stream_.get_executor());
    schedule_heartbeat();
  }

  // A stream's client has nothing more to say: whatever it sends is read
  // and dropped, and the end of its input ends the stream.
  void watch_stream_input() {
    if (!discard_) discard_ = std::make_unique<std::array<char, 512>>();
    stream_.async_read_some(net::buffer(*discard_), [self = this->shared_from_this()](error_code ec, std::size_t n) {
      self->stream_input_ += n;
      if (ec || self->stream_input_ > kStreamInputBytes) return self->close_now();
      self->watch_stream_input();
    });
  }

  void schedule_heartbeat() {
    heartbeat_->expires_after(options().stream_heartbeat);
    heartbeat_->async_wait([self = this->shared_from_this()](error_code ec) {
      if (ec || self->closed_) return;
      static const auto ping = std::make_shared<const std::string>(": ping\n\n");
      self->enqueue(ping);
      self->schedule_heartbeat();
    });
  }

  void enqueue(std::shared_ptr<const std::string> frame) {
    if (closed_) return;
    if (backlog_bytes_ + frame->size() > kStreamBacklogBytes) return close_now();  // the client stopped reading
    backlog_bytes_ += frame->size();
    backlog_.push_back(std::move(frame));
    if (!writing_) write_next();
  }

  void write_next() {
    if (backlog_.empty() || closed_) {
      writing_ = false;
      return;
    }
    writing_ = true;
    lowest().expires_after(options().write_timeout);  // the pending read keeps no deadline
    net::async_write(stream_, net::buffer(*backlog_.front()), [self = this->shared_from_this()](error_code ec, std::size_t) {
      if (ec) return self->close_now();
      self->backlog_bytes_ -= self->backlog_.front()->size();
      self->backlog_.pop_front();
      self->write_next();
    });
  }

  // --- closing ------------------------------------------------------------------

  // After the last answer: TLS says close_notify; plain TCP half-closes and
  // reads what the client still sends for a moment (at most kLingerBytes),
  // so that closing with unread input does not reset the connection before
  // the client has read the answer. An oversized body is never read to its end.
  void close_gracefully() {
    set_phase(Phase::closing);
    lowest().expires_after(kLingerTime);
    if constexpr (kTls) {
      stream_.async_shutdown([self = this->shared_from_this()](error_code) { self->close_now(); });
    } else {
      error_code ignored;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
      linger();
    }
  }

  void linger() {
    if (!discard_) discard_ = std::make_unique<std::array<char, 512>>();
    stream_.async_read_some(net::buffer(*discard_), [self = this->shared_from_this()](error_code ec, std::size_t n) {
      self->lingered_ += n;
      if (ec || self->lingered_ > kLingerBytes) return self->close_now();
      self->linger();
    });
  }

  void close_now() {
    if (closed_) return;
    closed_ = true;
    set_phase(Phase::closing);
    if (heartbeat_) heartbeat_->cancel();
    error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().close();
  }

  ServerContext& context_;
  Stream stream_;
  std::string remote_;
  ConnectionTable::Handle handle_{};
  bool registered_ = false;

  beast::flat_buffer buffer_;
  char first_byte_ = 0;
  std::optional<http::request_parser<http::empty_body>> parser_;  // the head; the body is read by read_body()
  HttpRequest request_;
  const Route* route_ = nullptr;
  std::string method_, path_;  // for the log line
  Clock::time_point started_ = Clock::now();
  bool keep_alive_ = false, head_only_ = false, close_after_ = false, closed_ = false;

  std::unique_ptr<std::array<char, 512>> discard_;  // lingering and stream input, allocated when needed
  std::size_t lingered_ = 0, stream_input_ = 0;

  bool streaming_ = false, writing_ = false;
  std::deque<std::shared_ptr<const std::string>> backlog_;
  std::size_t backlog_bytes_ = 0;
  std::optional<net::steady_timer> heartbeat_;
};

}  // namespace

ConnectionTable::Handle ConnectionTable::add(std::weak_ptr<Connection> connection) {
  const std::lock_guard lock(mutex_);
  ++size_;
  return open_.insert(open_.end(), std::move(connection));
}

void ConnectionTable::remove(Handle handle) {
  const std::lock_guard lock(mutex_);
  --size_;
  open_.erase(handle);
}

std::size_t ConnectionTable::size() const {
  const std::lock_guard lock(mutex_);
  return size_;
}

std::vector<std::shared_ptr<Connection>> ConnectionTable::snapshot() const {
  std::vector<std::shared_ptr<Connection>> all;
  const std::lock_guard lock(mutex_);
  all.reserve(size_);
  for (const auto& weak : open_)
    if (auto c = weak.lock()) all.push_back(std::move(c));
  return all;
}

bool ConnectionTable::shed_oldest() {
  // Scans a copy: the last reference to a connection may drop here, and its
  // destructor takes the table's lock.
  const auto all = snapshot();
  for (const Phase wanted : {Phase::idle, Phase::opening}) {
    std::shared_ptr<Connection> oldest;
    for (const auto& c : all)
      if (c->phase() == wanted && (!oldest || c->since() < oldest->since())) oldest = c;
    if (oldest && oldest->claim(wanted)) {
      oldest->shed();
      return true;
    }
  }
  return false;
}

void ConnectionTable::stop_all() {
  for (const auto& c : snapshot()) c->stop_soon();
}

void ConnectionTable::shed_all() {
  for (const auto& c : snapshot()) c->shed();
}

void start_connection(ServerContext& context, tcp::socket socket, net::ssl::context* tls) {
  error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  std::string remote = ec ? "-" : peer.address().to_string();
  socket.set_option(tcp::no_delay(true), ec);  // small JSON answers must not wait for Nagle
  if (tls) {
    auto session = std::make_shared<Session<TlsStream>>(context, TlsStream(beast::tcp_stream(std::move(socket)), *tls),
                                                        std::move(remote));
    session->start();
  } else {
    auto session = std::make_shared<Session<PlainStream>>(context, PlainStream(std::move(socket)), std::move(remote));
    session->start();
  }
}

}  // namespace speedmeet::server::detail
