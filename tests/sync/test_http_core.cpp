// The HTTP core in-process: media types, query decoding, the router, the
// event hub, and a real HttpServer on 127.0.0.1 with test routes: event
// streams without a thread each, a busy worker pool beside an answering
// /health, shedding at the connection limit, a clean stop; and the sync
// server's change events reaching a stream.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/socket.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "net_helpers.hpp"
#include "protocol/messages.hpp"
#include "server/event_hub.hpp"
#include "server/http_message.hpp"
#include "server/http_router.hpp"
#include "server/http_server.hpp"
#include "server/sync_server.hpp"
#include "store/database.hpp"
#include "support/eventually.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::server;
using namespace speedmeet::test;
using namespace std::chrono_literals;

namespace {

// A gate that handlers wait at until the test opens it.
class Gate {
 public:
  void wait() {
    std::unique_lock lock(mutex_);
    ++waiting_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return open_; });
  }
  void open() {
    const std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  bool wait_for_waiters(int n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return waiting_ >= n; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int waiting_ = 0;
  bool open_ = false;
};

// An HttpServer with test routes on a free port, served on its own thread.
class TestServer {
 public:
  TestServer(HttpOptions options, const std::function<void(Router&, EventHub&)>& routes) {
    options.port = 0;
    routes(router_, hub_);
    http_ = std::make_unique<HttpServer>(options, router_, hub_);
    thread_ = std::thread([this] { http_->run(); });
  }
  ~TestServer() { stop(); }
  void stop() {
    if (!thread_.joinable()) return;
    http_->stop();
    thread_.join();
  }
  int port() const { return http_->port(); }
  EventHub& hub() { return hub_; }
  HttpStats stats() const { return http_->stats(); }

 private:
  Router router_;
  EventHub hub_;
  std::unique_ptr<HttpServer> http_;
  std::thread thread_;
};

HttpOptions small_options() {
  HttpOptions o;
  o.io_threads = 1;
  o.worker_threads = 2;
  return o;
}

std::string get(const std::string& path, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + extra + "\r\n";
}

std::size_t thread_count() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++n;
  return n;
}

// Reads from `fd` until `needle` has arrived (true) or `timeout` passes.
bool read_until(int fd, std::string& received, const std::string& needle, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[8192];
  while (received.find(needle) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    received.append(buf, static_cast<std::size_t>(n));
  }
  return received.find(needle) != std::string::npos;
}

HttpResponse text(const std::string& body) {
  HttpResponse r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = body;
  return r;
}

}  // namespace

TEST_CASE("Content-Type names one media type exactly; parameters are allowed") {
  CHECK(media_type_is("application/json", "application/json"));
  CHECK(media_type_is("application/json; charset=utf-8", "application/json"));
  CHECK(media_type_is("Application/JSON ;charset=UTF-8", "application/json"));
  CHECK(media_type_is("  application/json  ", "application/json"));
  CHECK_FALSE(media_type_is("application/jsonx", "application/json"));
  CHECK_FALSE(media_type_is("application/json-patch+json", "application/json"));
  CHECK_FALSE(media_type_is("application/json2; charset=utf-8", "application/json"));
  CHECK_FALSE(media_type_is("text/json", "application/json"));
  CHECK_FALSE(media_type_is("", "application/json"));
}

TEST_CASE("queries and paths are decoded strictly") {
  const auto q = decode_query("since=3&limit=%35&name=L%C3%A9a+M&&flag&empty=");
  REQUIRE(q);
  CHECK(*q == std::vector<std::pair<std::string, std::string>>{
                  {"since", "3"}, {"limit", "5"}, {"name", "Léa M"}, {"flag", ""}, {"empty", ""}});
  CHECK_FALSE(decode_query("since=%zz"));
  CHECK_FALSE(decode_query("since=%2"));
  CHECK_FALSE(decode_query("a=%00"));
  CHECK(decode_path("/api/v1/%68ealth") == std::optional<std::string>("/api/v1/health"));
  CHECK(decode_path("/a+b") == std::optional<std::string>("/a+b"));
  CHECK_FALSE(decode_path("/bad%"));
  CHECK_FALSE(decode_path("/nul%00"));
}

TEST_CASE("the router answers 404, 405 with Allow, HEAD for GET, and 415 from the media type") {
  Router router;
  router.add("GET", "/a", [](const HttpRequest&) { return text("a"); });
  router.add("POST", "/a", [](const HttpRequest& r) { return text("posted " + r.body); }, {Runs::on_worker, {"application/json"}});
  CHECK_THROWS_AS(router.add("GET", "/a", [](const HttpRequest&) { return text(""); }), std::logic_error);

  HttpRequest r;
  r.method = "GET";
  r.path = "/a";
  CHECK(router.dispatch(r).body == "a");
  r.method = "HEAD";
  CHECK(router.dispatch(r).status == 200);
  r.method = "DELETE";
  const HttpResponse refused = router.dispatch(r);
  CHECK(refused.status == 405);
  CHECK(refused.header("allow") == "GET, HEAD, POST");
  r.method = "TRACE";
  CHECK(router.dispatch(r).status == 405);
  r.method = "POST";
  r.body = "{}";
  CHECK(router.dispatch(r).status == 415);
  r.set_header("Content-Type", "application/json; charset=utf-8");
  CHECK(router.dispatch(r).body == "posted {}");
  r.set_header("content-type", "application/jsonx");
  CHECK(router.dispatch(r).status == 415);
  r.path = "/b";
  CHECK(router.dispatch(r).status == 404);
  router.set_fallback([](const HttpRequest&) { return text("fallback"); });
  CHECK(router.dispatch(r).body == "fallback");

  // Prefixes: the exact path first, then the longest prefix.
  router.add_prefix("GET", "/people/", [](const HttpRequest& q) { return text("person " + q.path.substr(8)); });
  router.add_prefix("GET", "/people/P07/", [](const HttpRequest&) { return text("P07's page"); });
  router.add("GET", "/people/new", [](const HttpRequest&) { return text("form"); });
  r = HttpRequest{};
  r.method = "GET";
  r.path = "/people/C01";
  CHECK(router.dispatch(r).body == "person C01");
  r.path = "/people/P07/badge.pdf";
  CHECK(router.dispatch(r).body == "P07's page");
  r.path = "/people/new";
  CHECK(router.dispatch(r).body == "form");
  r.method = "POST";
  r.path = "/people/C01";
  CHECK(router.dispatch(r).header("allow") == "GET, HEAD");
  r.method = "GET";
  r.path = "/peoplex";
  CHECK(router.dispatch(r).body == "fallback");
}

namespace {
struct RecordingSink : StreamSink {
  std::vector<std::string> frames;
  void deliver(std::shared_ptr<const std::string> frame) override { frames.push_back(*frame); }
};
}  // namespace

TEST_CASE("the event hub frames events, replays what a new stream missed, and says reset when it cannot") {
  CHECK(encode_sse({"change", "{\"a\":1}\nsecond\r\nthird", 7}) ==
        "id: 7\nevent: change\ndata: {\"a\":1}\ndata: second\ndata: third\n\n");
  CHECK(encode_sse({"", "", 0}) == "data: \n\n");

  EventHub hub(4);
  auto sink = std::make_shared<RecordingSink>();
  CHECK(hub.subscribe({"board"}, sink, std::nullopt).empty());
  const auto first = hub.publish("board", "change", "1");
  hub.publish("other", "change", "x");
  REQUIRE(sink->frames.size() == 1);
  CHECK(sink->frames[0] == "id: " + std::to_string(first) + "\nevent: change\ndata: 1\n\n");

  // A stream that read its state before event `first` gets it (and not the other topic's).
  auto late = std::make_shared<RecordingSink>();
  const auto replay = hub.subscribe({"board"}, late, first - 1);
  REQUIRE(replay.size() == 1);
  CHECK(*replay[0] == sink->frames[0]);
  for (int i = 0; i < 6; ++i) hub.publish("board", "change", std::to_string(i));
  auto too_late = std::make_shared<RecordingSink>();
  const auto gap = hub.subscribe({"board"}, too_late, first);  // 4 kept, 7 published since
  REQUIRE_FALSE(gap.empty());
  CHECK(gap[0]->find("event: reset") != std::string::npos);
  CHECK(gap.size() == 5);

  CHECK(hub.subscribers() == 3);
  hub.unsubscribe(late.get());
  late.reset();
  too_late.reset();
  CHECK(hub.subscribers() == 1);
}

TEST_CASE("event streams are held without a thread each and get every event of their topics") {
  HttpOptions o = small_options();
  TestServer server(o, [](Router& router, EventHub& hub) {
    router.add("GET", "/events", [&hub](const HttpRequest& r) {
      HttpResponse ok;
      ok.stream = std::make_shared<StreamStart>();
      ok.stream->topics = {r.query.empty() ? "board" : r.query[0].second};
      ok.stream->initial = {{"hello", "{}", 0}};
      ok.stream->replay_after = hub.last_id();
      return ok;
    });
  });
  const std::size_t threads_before = thread_count();
  constexpr int kStreams = 200;
  std::vector<Socket> clients;
  for (int i = 0; i < kStreams; ++i) {
    clients.push_back(connect_loopback(server.port()));
    REQUIRE(send_all(clients.back().fd(), get(i % 2 ? "/events?topic=board" : "/events?topic=other")));
  }
  for (auto& c : clients) {
    std::string got;
    REQUIRE(read_until(c.fd(), got, "event: hello", 5s));
    CHECK(got.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(got.find("Content-Type: text/event-stream") != std::string::npos);
  }
  CHECK(thread_count() == threads_before);  // 200 open streams, not one thread more
  CHECK(server.stats().streams == kStreams);

  server.hub().publish("board", "change", "{\"cursor\":5}");
  for (std::size_t i = 0; i < clients.size(); ++i) {
    std::string got;
    if (i % 2) CHECK(read_until(clients[i].fd(), got, "data: {\"cursor\":5}", 5s));
    else CHECK_FALSE(read_until(clients[i].fd(), got, "cursor", 50ms));
  }
  // Clients that leave are forgotten; the rest are closed by stop().
  for (int i = 0; i < kStreams / 2; ++i) clients[static_cast<std::size_t>(i)].close();
  CHECK(eventually([&] { return server.stats().streams == kStreams / 2; }, 5s));
  CHECK(eventually([&] { return server.hub().subscribers() == kStreams / 2; }, 5s));
  server.stop();
  for (std::size_t i = kStreams / 2; i < clients.size(); ++i) CHECK(closed_by_peer(clients[i].fd(), 5s));
}

TEST_CASE("an event stream whose client stops reading is closed, not buffered without end") {
  TestServer server(small_options(), [](Router& router, EventHub&) {
    router.add("GET", "/events", [](const HttpRequest&) {
      HttpResponse ok;
      ok.stream = std::make_shared<StreamStart>();
      ok.stream->topics = {"board"};
      return ok;
    });
  });
  Socket client = connect_loopback(server.port());
  const int small = 4096;
  ::setsockopt(client.fd(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  REQUIRE(send_all(client.fd(), get("/events")));
  REQUIRE(eventually([&] { return server.stats().streams == 1; }, 5s));
  const std::string chunk(64 * 1024, 'e');
  for (int i = 0; i < 400 && server.stats().streams == 1; ++i) server.hub().publish("board", "big", chunk);  // up to 25 MiB
  CHECK(eventually([&] { return server.stats().streams == 0; }, 5s));
}

TEST_CASE("/health answers while every worker is busy; a full queue answers 503 at once") {
  Gate gate;
  HttpOptions o = small_options();
  o.worker_threads = 2;
  o.max_queued_requests = 2;
  TestServer server(o, [&gate](Router& router, EventHub&) {
    router.add("GET", "/slow", [&gate](const HttpRequest&) {
      gate.wait();
      return text("done");
    });
    router.add("GET", "/health", [](const HttpRequest&) { return text("ok"); }, {Runs::on_io_thread, {}});
  });
  std::vector<Socket> slow;
  for (int i = 0; i < 4; ++i) {  // two running, then two queued
    slow.push_back(connect_loopback(server.port()));
    REQUIRE(send_all(slow.back().fd(), get("/slow")));
    if (i == 1) REQUIRE(gate.wait_for_waiters(2, 5s));
  }
  REQUIRE(eventually([&] { return server.stats().queued == 2; }, 5s));
  const RawResponse full = send_raw(server.port(), get("/slow"), 0, 5s);
  CHECK(full.status == 503);
  CHECK(full.head.find("Retry-After: 1") != std::string::npos);
  CHECK(full.body.find("\"busy\"") != std::string::npos);
  for (int i = 0; i < 20; ++i) CHECK(send_raw(server.port(), get("/health"), 0, 2s).body == "ok");
  gate.open();
  for (auto& s : slow) {
    const auto answers = read_answers(s.fd(), 1, 5s);
    REQUIRE(answers.size() == 1);
    CHECK(answers[0].body == "done");
  }
}

TEST_CASE("at the connection limit the oldest idle connection makes room; with none idle the newcomer gets 503") {
  Gate gate;
  HttpOptions o = small_options();
  o.max_connections = 4;
  o.worker_threads = 4;
  TestServer server(o, [&gate](Router& router, EventHub&) {
    router.add("GET", "/hello", [](const HttpRequest&) { return text("hello"); }, {Runs::on_io_thread, {}});
    router.add("GET", "/slow", [&gate](const HttpRequest&) {
      gate.wait();
      return text("done");
    });
  });
  std::vector<Socket> idle;
  for (int i = 0; i < 4; ++i) {
    idle.push_back(connect_loopback(server.port()));
    REQUIRE(send_all(idle.back().fd(), get("/hello")));
    REQUIRE(read_answers(idle.back().fd(), 1, 5s).size() == 1);
    std::this_thread::sleep_for(20ms);  // a clear order of idleness
  }
  // A fifth connection: the first (oldest idle) is closed to make room.
  Socket fifth = connect_loopback(server.port());
  REQUIRE(send_all(fifth.fd(), get("/hello")));
  REQUIRE(read_answers(fifth.fd(), 1, 5s).size() == 1);
  CHECK(closed_by_peer(idle[0].fd(), 2s));
  for (std::size_t i = 1; i < idle.size(); ++i) CHECK_FALSE(closed_by_peer(idle[i].fd(), 10ms));
  CHECK(server.stats().shed >= 1);

  // Every connection busy: nobody to shed, so the newcomer is refused.
  for (std::size_t i = 1; i < idle.size(); ++i) REQUIRE(send_all(idle[i].fd(), get("/slow")));
  REQUIRE(send_all(fifth.fd(), get("/slow")));
  REQUIRE(gate.wait_for_waiters(4, 5s));
  const RawResponse refused = send_raw(server.port(), get("/hello"), 0, 5s);
  CHECK(refused.status == 503);
  CHECK(server.stats().refused >= 1);
  gate.open();
  for (std::size_t i = 1; i < idle.size(); ++i) CHECK(read_answers(idle[i].fd(), 1, 5s).size() == 1);
}

TEST_CASE("stop() lets the request in flight finish, then closes its connection") {
  Gate gate;
  auto server = std::make_unique<TestServer>(small_options(), [&gate](Router& router, EventHub&) {
    router.add("GET", "/slow", [&gate](const HttpRequest&) {
      gate.wait();
      return text("finished");
    });
  });
  Socket busy = connect_loopback(server->port());
  Socket idle = connect_loopback(server->port());
  REQUIRE(send_all(busy.fd(), get("/slow")));
  REQUIRE(gate.wait_for_waiters(1, 5s));
  std::thread stopper([&] { server->stop(); });
  CHECK(closed_by_peer(idle.fd(), 2s));  // idle connections go at once
  std::this_thread::sleep_for(100ms);
  gate.open();
  const auto answers = read_answers(busy.fd(), 1, 5s);
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].body == "finished");
  CHECK(answers[0].head.find("Connection: close") != std::string::npos);
  CHECK(closed_by_peer(busy.fd(), 5s));
  stopper.join();
}

TEST_CASE("the sync server tells event streams about uploads at once and about other writers within a moment") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::string token = enrol(central, "door-1");
  SyncServerOptions options;
  options.db_path = central;
  options.http.port = 0;
  options.http.io_threads = 1;
  options.watch_interval = 100ms;
  SyncServer server(options);
  // A stream route as the staff console adds one.
  server.router().add("GET", "/test/events", [&server](const HttpRequest&) {
    HttpResponse ok;
    ok.stream = std::make_shared<StreamStart>();
    ok.stream->topics = {kChangesTopic};
    ok.stream->replay_after = server.hub().last_id();
    return ok;
  });
  std::thread serving([&] { server.run(); });

  Socket stream = connect_loopback(server.port());
  REQUIRE(send_all(stream.fd(), get("/test/events")));
  std::string got;
  REQUIRE(read_until(stream.fd(), got, "retry: 3000", 5s));

  protocol::JournalRow row;
  row.uuid = "00000000-0000-4000-8000-000000000001";
  row.device = "door-1";
  row.seq = 1;
  row.device_time_ms = 1'795'784'400'000;
  row.kind = JournalKind::entrance;
  row.participant = "C01";
  row.outcome = "welcome";
  const std::string body = protocol::make_journal_batch("dsm-lux-2026", {row});
  const auto stored = send_raw(server.port(), "POST /api/v1/journal HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                                                  "\r\nContent-Type: application/json\r\nContent-Length: " +
                                                  std::to_string(body.size()) + "\r\n\r\n" + body);
  REQUIRE(stored.status == 200);
  const std::int64_t head = count_rows(central, "SELECT max(cursor) FROM change_log");
  CHECK(read_until(stream.fd(), got, "data: {\"cursor\":" + std::to_string(head) + ",\"entities\":[\"journal\"]}", 5s));

  // Another process re-matches a no-show: the watcher notices it.
  {
    store::Database db(central, store::OpenMode::read_write);
    db.exec("DELETE FROM meetings WHERE round = 8 AND table_no = 16");
    db.exec("INSERT INTO meetings (round, table_no, a, b, origin) VALUES (8, 16, 'C01', 'P32', 'rematch')");
  }
  CHECK(read_until(stream.fd(), got, "\"entities\":[\"meeting\"]", 5s));
  CHECK(got.find("event: change") != std::string::npos);
  server.stop();
  serving.join();
}
