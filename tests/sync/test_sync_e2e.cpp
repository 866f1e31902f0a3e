// Real `speedmeet serve` processes on 127.0.0.1 with kiosk-side SyncEngines
// over their own SQLite files: convergence after an outage, hostile
// requests, SIGKILLs and a faulty network, HTTPS, graceful shutdown, and the
// sync commands of the speedmeet CLI.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <random>
#include <set>

#include "client/curl_transport.hpp"
#include "client/kiosk_bundles.hpp"
#include "client/sync_engine.hpp"
#include "net_helpers.hpp"
#include "protocol/messages.hpp"
#include "store/event_store.hpp"
#include "support/db_dump.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using namespace std::chrono_literals;
using protocol::Json;

namespace {

constexpr std::int64_t kEventStartMs = 1'795'784'400'000;  // 2026-11-27 14:00 in Luxembourg

client::SyncConfig fast_config(int port, const std::string& token, const std::string& device) {
  client::SyncConfig c;
  c.server_url = "http://127.0.0.1:" + std::to_string(port);
  c.token = token;
  c.device_name = device;
  c.interval = 100ms;
  c.backoff_min = 20ms;
  c.backoff_max = 300ms;
  c.connect_timeout = 500ms;
  c.request_timeout = 2000ms;
  return c;
}

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return done();
}

std::string token_of(const ProcessResult& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::string t = r.out;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  return t;
}

void require_ok(const ProcessResult& r) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
}

}  // namespace

TEST_CASE("three kiosks that scanned through an outage converge once the server is back") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::vector<std::string> names = {"door-1", "door-2", "hall"};
  std::vector<std::string> tokens, kiosks;
  const std::string bundle = dir.file("snapshot.json");
  require_ok(run_speedmeet({"snapshot", central, "--out", bundle}));
  for (const auto& name : names) {
    tokens.push_back(token_of(run_speedmeet({"device", "add", central, name})));
    kiosks.push_back(make_kiosk_db(dir, name + ".db"));
    store::Database db(kiosks.back(), store::OpenMode::read_write);
    client::load_snapshot_bundle(db, bundle);  // set up the evening before, by USB stick
  }

  const int port = free_port();
  std::vector<std::unique_ptr<client::SyncEngine>> engines;
  for (std::size_t i = 0; i < names.size(); ++i) {
    engines.push_back(std::make_unique<client::SyncEngine>(kiosks[i], fast_config(port, tokens[i], names[i])));
    engines.back()->start();
  }

  // The server is down. Kiosks admit people anyway; door-1 and door-2 both
  // admit C08..C10 (a crowd at two doors), door-2 and hall both admit P03..P05.
  const auto scan = [&](std::size_t kiosk, const store::JournalEntry& e) {
    store::Database db(kiosks[kiosk], store::OpenMode::read_write);
    store::Journal(db, names[kiosk]).append(e);
    engines[kiosk]->notify();
  };
  for (int i = 1; i <= 10; ++i) scan(0, entrance(i < 10 ? "C0" + std::to_string(i) : "C10", kEventStartMs + i * 1000));
  for (int i = 8; i <= 16; ++i)
    scan(1, entrance(i < 10 ? "C0" + std::to_string(i) : "C" + std::to_string(i), kEventStartMs + 60'000 + i * 1000));
  for (int i = 1; i <= 5; ++i) scan(1, entrance("P0" + std::to_string(i), kEventStartMs + 90'000 + i * 1000));
  for (int i = 3; i <= 9; ++i) scan(2, entrance("P0" + std::to_string(i), kEventStartMs + 120'000 + i * 1000));
  scan(2, rejected_scan("bad_signature", "SM1.forged.sig", kEventStartMs + 130'000));
  scan(2, meeting_checkin("P03", 3, kEventStartMs + 140'000));
  const std::int64_t total_rows = 10 + 9 + 5 + 7 + 2;

  REQUIRE(eventually([&] { return engines[0]->status().cycles >= 2; }, 5s));
  const auto offline = engines[0]->status();
  CHECK_FALSE(offline.online);
  CHECK(offline.pending_rows == 10);
  CHECK_FALSE(offline.last_error.empty());

  ServerProcess server(dir, central, port);
  server.start();
  REQUIRE(server.wait_ready(10s));
  // Meanwhile the organizers re-match a no-show and reissue a lost badge.
  {
    store::Database c(central, store::OpenMode::read_write);
    c.exec("DELETE FROM meetings WHERE round = 2 AND table_no = 5");
    c.exec("INSERT INTO meetings (round, table_no, a, b, origin) VALUES (2, 5, 'C11', 'P20', 'rematch')");
    c.exec("UPDATE participants SET badge_serial = badge_serial + 1 WHERE id = 'P07'");
  }
  const auto head = [&] { return count_rows(central, "SELECT max(cursor) FROM change_log"); };
  const bool converged = eventually(
      [&] {
        for (const auto& e : engines) {
          const auto s = e->status();
          if (s.pending_rows != 0 || s.cursor != head() || !s.online) return false;
        }
        return true;
      },
      20s);
  REQUIRE(converged);

  // The server holds exactly the union of the three journals: no loss, no duplicates.
  std::vector<std::string> local_union;
  for (std::size_t i = 0; i < kiosks.size(); ++i) {
    const auto own = journal_uuids(kiosks[i], "device = '" + names[i] + "'");
    local_union.insert(local_union.end(), own.begin(), own.end());
  }
  std::sort(local_union.begin(), local_union.end());
  CHECK(local_union.size() == static_cast<std::size_t>(total_rows));
  CHECK(journal_uuids(central) == local_union);
  CHECK(count_rows(central, "SELECT count(*) FROM journal WHERE received_at IS NULL") == 0);
  // Every kiosk has every other kiosk's rows, and the organizers' changes.
  for (const auto& k : kiosks) {
    CHECK(journal_uuids(k) == local_union);
    CHECK(count_rows(k, "SELECT count(*) FROM meetings WHERE origin = 'rematch' AND a = 'C11' AND b = 'P20'") == 1);
    CHECK(count_rows(k, "SELECT badge_serial FROM participants WHERE id = 'P07'") == 2);
    CHECK(count_rows(k, "SELECT count(*) FROM sync_outbox") == 0);
    CHECK(integrity_check(k) == "ok");
  }
  for (auto& e : engines) e->stop();

  // Graceful shutdown on SIGTERM.
  server.kill(SIGTERM);
  CHECK(server.wait() == 0);
  const std::string logs = server.all_logs();
  CHECK(logs.find("msg=stopped") != std::string::npos);
  CHECK(logs.find("msg=request method=POST path=/api/v1/journal status=200") != std::string::npos);
  for (const auto& t : tokens) CHECK(logs.find(t.substr(4, 16)) == std::string::npos);  // never a token
  CHECK(logs.find("Sanitizer") == std::string::npos);  // clean under the ASan/UBSan build too

  // The report flags the second admission of each doubly admitted person.
  const auto report = run_speedmeet({"report", central, "--out", dir.file("report")});
  require_ok(report);
  CHECK(report.out.find("6 double entries flagged") != std::string::npos);
  CHECK(report.out.find("Journal: 33 rows, 1 rejected scans") != std::string::npos);
  const std::string entrances = read_file(dir.file("report/entrances.csv"));
  for (const char* who : {"C08", "C09", "C10"})
    CHECK(entrances.find(std::string(",") + who + ",") != std::string::npos);
  std::set<std::string> doubled;
  std::istringstream lines(entrances);
  for (std::string line; std::getline(lines, line);)
    if (line.find("double_entry") != std::string::npos) doubled.insert(line.substr(37, 3));
  CHECK(doubled == std::set<std::string>{"C08", "C09", "C10", "P03", "P04", "P05"});
  const std::string devices = read_file(dir.file("report/devices.csv"));
  CHECK(devices.find("door-1,active,") != std::string::npos);
  const auto list = run_speedmeet({"device", "list", central});
  CHECK(list.out.find("door-1\tactive\tlast seen 20") != std::string::npos);
  CHECK(list.out.find("10 rows received") != std::string::npos);
}

TEST_CASE("hostile requests get their documented status and the server keeps serving") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::string token = token_of(run_speedmeet({"device", "add", central, "door-1"}));
  const std::string revoked = token_of(run_speedmeet({"device", "add", central, "old"}));
  require_ok(run_speedmeet({"device", "revoke", central, "old"}));
  const int port = free_port();
  ServerProcess server(dir, central, port);
  server.start();
  REQUIRE(server.wait_ready(10s));

  const auto row = [](const std::string& uuid, std::int64_t seq) {
    return Json{{"uuid", uuid},    {"device", "door-1"}, {"seq", seq},     {"device_time", kEventStartMs},
                {"kind", "scan"},  {"participant", "C01"}, {"meeting_id", nullptr}, {"outcome", "rejected"},
                {"reason", "unknown"}, {"code", "x"}};
  };
  const auto batch = [](const Json& rows) { return Json{{"event_id", "dsm-lux-2026"}, {"rows", rows}}.dump(); };
  std::string hundred_thousand_rows = "{\"event_id\":\"dsm-lux-2026\",\"rows\":[";
  const std::string one_row = row("00000000-0000-4000-8000-000000000000", 1000).dump();
  for (int i = 0; i < 100'000; ++i) {
    std::string r = one_row;
    const std::string n = std::to_string(i);
    r.replace(one_row.find("000000000000\""), n.size(), n);  // a distinct uuid per row
    hundred_thousand_rows += (i ? "," : "") + r;
  }
  hundred_thousand_rows += "]}";
  std::string empty_rows = "{\"event_id\":\"dsm-lux-2026\",\"rows\":[";
  for (int i = 0; i < 100'000; ++i) empty_rows += i ? ",{}" : "{}";
  empty_rows += "]}";
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  const std::string sql = "'; DROP TABLE journal; --";
  Json sql_row = row(store::make_uuid_v4(), 2);
  for (const char* field : {"uuid", "device", "kind", "participant", "outcome", "reason", "code"}) sql_row[field] = sql;
  Json sql_ok = row(store::make_uuid_v4(), 3);
  sql_ok["participant"] = sql;
  sql_ok["code"] = sql;
  Json wrong_types = row(store::make_uuid_v4(), 4);
  wrong_types["seq"] = "4";
  wrong_types["device_time"] = Json::array();
  Json unknown = row(store::make_uuid_v4(), 5);
  unknown["favourite_colour"] = "green";

  struct Case {
    std::string name;
    std::string request;
    std::size_t filler = 0;
    int status;
    std::string expect_in_body = "";
  };
  const std::vector<Case> cases = {
      {"no token", http_request("GET", "/api/v1/snapshot", ""), 0, 401, "unauthorized"},
      {"unknown token", http_request("GET", "/api/v1/snapshot", "smd_" + std::string(64, 'a')), 0, 401},
      {"token of a revoked kiosk", http_request("GET", "/api/v1/changes", revoked), 0, 401},
      {"not a bearer token", "GET /api/v1/snapshot HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ZG9vcjox\r\n\r\n", 0, 401},
      {"malformed JSON", http_request("POST", "/api/v1/journal", token, "{\"rows\": [1, 2"), 0, 400, "malformed_json"},
      {"empty body", http_request("POST", "/api/v1/journal", token, ""), 0, 400, "malformed_json"},
      {"rows of the wrong type", http_request("POST", "/api/v1/journal", token, R"({"event_id":"dsm-lux-2026","rows":"all"})"),
       0, 400, "invalid_field"},
      {"a JSON array, not an object", http_request("POST", "/api/v1/journal", token, "[]"), 0, 400},
      {"wrong field types in a row", http_request("POST", "/api/v1/journal", token, batch(Json::array({wrong_types}))),
       0, 200, "invalid:seq"},
      {"unknown fields", http_request("POST", "/api/v1/journal", token, batch(Json::array({unknown}))), 0, 200,
       "\"stored\":1"},
      {"SQL in every string field", http_request("POST", "/api/v1/journal", token, batch(Json::array({sql_row}))), 0,
       200, "invalid:uuid"},
      {"SQL in the free-text fields", http_request("POST", "/api/v1/journal", token, batch(Json::array({sql_ok}))), 0,
       200, "\"stored\":1"},
      {"SQL in the cursor", http_request("GET", "/api/v1/changes?since=1%3B%20DROP%20TABLE%20journal", token), 0, 400},
      {"100 MB body", "POST /api/v1/journal HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                          "\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n",
       104'857'600, 413},
      {"100,000-row batch", http_request("POST", "/api/v1/journal", token, hundred_thousand_rows), 0, 413},
      {"100,000 rows within the size limit", http_request("POST", "/api/v1/journal", token, empty_rows), 0, 413,
       "too_many_rows"},
      {"nesting 100,000 deep", http_request("POST", "/api/v1/journal", token, deep), 0, 400, "too_deep"},
      {"invalid UTF-8", http_request("POST", "/api/v1/journal", token, "{\"event_id\":\"dsm\xff\xfe\",\"rows\":[]}"), 0,
       400, "malformed_json"},
      {"a NUL byte", http_request("POST", "/api/v1/journal", token, std::string("{\"rows\":[]}\0junk", 16)), 0, 400},
      {"negative cursor", http_request("GET", "/api/v1/changes?since=-1", token), 0, 400, "invalid_query"},
      {"huge limit", http_request("GET", "/api/v1/changes?since=0&limit=99999999", token), 0, 400, "invalid_query"},
      {"cursor past the end", http_request("GET", "/api/v1/changes?since=99999999", token), 0, 409, "cursor_ahead"},
      {"another event", http_request("POST", "/api/v1/journal", token, R"({"event_id":"other","rows":[]})"), 0, 409,
       "event_mismatch"},
      {"unknown endpoint", http_request("GET", "/api/v1/users", token), 0, 404},
      {"path traversal", http_request("GET", "/api/v1/../../etc/passwd", token), 0, 404},
      {"wrong method", http_request("DELETE", "/api/v1/journal", token), 0, 405},
      {"text/plain body", http_request("POST", "/api/v1/journal", token, batch(Json::array()), "", "text/plain"), 0, 415},
      {"gzip-encoded body", http_request("POST", "/api/v1/journal", token, "xx", "Content-Encoding: gzip\r\n"), 0, 415},
      {"chunked body", "POST /api/v1/journal HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
       0, 411},
      {"garbage request line", "HELLO THERE\r\n\r\n", 0, 400},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const RawResponse r = send_raw(port, c.request, c.filler);
    CHECK(r.status == c.status);
    if (!c.expect_in_body.empty()) CHECK(r.body.find(c.expect_in_body) != std::string::npos);
    // ... and the server keeps serving.
    REQUIRE(send_raw(port, http_request("GET", "/api/v1/health", "")).status == 200);
  }
  CHECK(cases.size() >= 20);

  // Compression is gzip or nothing, whatever the client offers.
  const auto br = send_raw(port, http_request("GET", "/api/v1/snapshot", token, "", "Accept-Encoding: br\r\n"));
  CHECK(br.status == 200);
  CHECK(br.head.find("Content-Encoding") == std::string::npos);
  CHECK(Json::parse(br.body)["participants"].size() == 52);
  const auto gz = send_raw(port, http_request("GET", "/api/v1/snapshot", token, "", "Accept-Encoding: br, gzip\r\n"));
  CHECK(gz.status == 200);
  CHECK(gz.head.find("Content-Encoding: gzip") != std::string::npos);
  CHECK(gz.body.size() < br.body.size() / 3);
  CHECK(server.running());
  // Exactly the two sound rows were stored, and the SQL stayed text.
  CHECK(count_rows(central, "SELECT count(*) FROM journal") == 2);
  CHECK(count_rows(central, "SELECT count(*) FROM journal WHERE participant_id = '''; DROP TABLE journal; --'") == 1);
  CHECK(integrity_check(central) == "ok");
  const std::string logs = server.all_logs();
  CHECK(logs.find(token.substr(4)) == std::string::npos);
  CHECK(logs.find("Bearer") == std::string::npos);
  CHECK(logs.find("Sanitizer") == std::string::npos);
  CHECK(logs.find("runtime error") == std::string::npos);
}

TEST_CASE("ten thousand queued rows arrive exactly once through 20 SIGKILLs and a faulty network") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::string token = token_of(run_speedmeet({"device", "add", central, "door-f"}));
  const auto kiosk = make_kiosk_db(dir, "door-f.db");
  queue_rows(kiosk, "door-f", 10'000);

  const int server_port = free_port();
  ServerProcess server(dir, central, server_port);
  server.start();
  REQUIRE(server.wait_ready(10s));
  FaultProxy proxy(server_port, 1500ms, 20261127);

  auto config = fast_config(proxy.port(), token, "door-f");
  config.interval = 20ms;
  config.backoff_min = 10ms;
  config.backoff_max = 100ms;
  config.request_timeout = 1000ms;  // the proxy's delays outlast it
  config.batch_rows = 250;
  client::SyncEngine engine(kiosk, config);
  engine.start();

  // Each kill lands at a random moment after the server is serving again.
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> alive_ms(100, 600), down_ms(0, 80);
  int kills = 0;
  for (; kills < 20; ++kills) {
    std::this_thread::sleep_for(std::chrono::milliseconds(alive_ms(rng)));
    server.kill(SIGKILL);
    CHECK(server.wait() == -SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(down_ms(rng)));
    server.start();
    REQUIRE(server.wait_ready(10s));
  }
  const auto uploaded_during_faults = 10'000 - engine.status().pending_rows;
  proxy.set_faults(false);
  const bool drained = eventually([&] { return engine.status().pending_rows == 0 && engine.status().online; }, 60s);
  const auto status = engine.status();
  engine.stop();
  INFO("last error: " << status.last_error << "; cycles " << status.cycles << ", successes " << status.successes
                      << "; uploaded during faults " << uploaded_during_faults << "; proxy: " << proxy.connections
                      << " connections, " << proxy.passed << " passed, " << proxy.delayed << " delayed, "
                      << proxy.errored << " 500s, " << proxy.cut << " cut, " << proxy.refused << " refused");
  WARN("cycles " << status.cycles << ", successes " << status.successes
                      << "; uploaded during faults " << uploaded_during_faults << "; proxy: " << proxy.connections
                      << " connections, " << proxy.passed << " passed, " << proxy.delayed << " delayed, "
                      << proxy.errored << " 500s, " << proxy.cut << " cut, " << proxy.refused << " refused");
  REQUIRE(drained);

  CHECK(kills == 20);
  CHECK(count_rows(central, "SELECT count(*) FROM journal") == 10'000);
  CHECK(count_rows(central, "SELECT count(DISTINCT uuid) FROM journal WHERE device = 'door-f'") == 10'000);
  CHECK(journal_uuids(central) == journal_uuids(kiosk));
  CHECK(count_rows(kiosk, "SELECT count(*) FROM sync_outbox") == 0);
  CHECK(count_rows(kiosk, "SELECT count(*) FROM sync_rejected") == 0);
  CHECK(integrity_check(central) == "ok");
  CHECK(integrity_check(kiosk) == "ok");
  // Every kind of fault really happened.
  CHECK(proxy.delayed > 0);
  CHECK(proxy.errored > 0);
  CHECK(proxy.cut > 0);
  CHECK(status.cycles > status.successes);
  CHECK(uploaded_during_faults > 0);
  CHECK(server.all_logs().find("runtime error") == std::string::npos);
}

TEST_CASE("HTTPS: the kiosk verifies the server against its CA file") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::string token = token_of(run_speedmeet({"device", "add", central, "door-1"}));
  const std::string cert = dir.file("cert.pem"), key = dir.file("key.pem");
  const auto made = run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                 "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                                 "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
  require_ok(made);
  const int port = free_port();
  ServerProcess server(dir, central, port, {"--tls-cert", cert, "--tls-key", key});
  server.start();
  const std::string url = "https://127.0.0.1:" + std::to_string(port);
  client::TransportConfig config{url, token, cert, 2s, 5s};
  REQUIRE(eventually(
      [&] {
        client::CurlTransport probe(config);
        return probe.get("/api/v1/health").status == 200;
      },
      10s));

  {
    client::CurlTransport trusted(config);
    const auto snapshot = trusted.get("/api/v1/snapshot");
    CHECK(snapshot.status == 200);
    CHECK(Json::parse(snapshot.body)["participants"].size() == 52);
    CHECK(trusted.get("/api/v1/changes?since=0&limit=1").status == 200);  // the same connection, kept alive
  }

  config.ca_file.clear();  // the system's CAs do not know this certificate
  client::CurlTransport untrusted(config);
  const auto refused = untrusted.get("/api/v1/health");
  CHECK(refused.status == 0);
  CHECK(refused.error.find("certificate") != std::string::npos);

  config.server_url = "http://127.0.0.1:" + std::to_string(port);  // plain HTTP to a TLS port gets nowhere
  config.request_timeout = 1s;
  CHECK(client::CurlTransport(config).get("/api/v1/health").status != 200);
  server.kill(SIGTERM);
  CHECK(server.wait() == 0);

  const auto missing = run_speedmeet({"serve", central, "--listen", "127.0.0.1:0", "--tls-cert", cert});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("--tls-cert and --tls-key go together") != std::string::npos);
  const auto wrong = run_speedmeet({"serve", central, "--listen", "127.0.0.1:0", "--tls-cert", key, "--tls-key", cert});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err.find("TLS") != std::string::npos);
  CHECK_THROWS_AS(client::CurlTransport({"ftp://x", token, "", 1s, 1s}), std::invalid_argument);
}

TEST_CASE("sync commands: device, snapshot, import-journal, report, serve usage") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const auto add = run_speedmeet({"device", "add", central, "door-1"});
  require_ok(add);
  CHECK(add.err.find("shown only now") != std::string::npos);
  CHECK(run_speedmeet({"device", "add", central, "door-1"}).exit_code == 2);
  CHECK(run_speedmeet({"device", "add", central, "bad name!"}).exit_code == 2);
  CHECK(run_speedmeet({"device", "revoke", central, "nobody"}).exit_code == 2);
  CHECK(run_speedmeet({"device", "frobnicate", central}).exit_code == 2);
  CHECK(run_speedmeet({"device", "list", dir.file("missing.db")}).exit_code == 2);
  const auto list = run_speedmeet({"device", "list", central});
  require_ok(list);
  CHECK(list.out.find("door-1\tactive\tlast seen never\t0 rows received") != std::string::npos);
  CHECK(list.out.find(token_of(add)) == std::string::npos);

  const std::string bundle = dir.file("snap.json");
  const auto snap = run_speedmeet({"snapshot", central, "--out", bundle});
  require_ok(snap);
  CHECK(snap.out.find("52 participants, 128 meetings") != std::string::npos);
  const auto kiosk = make_kiosk_db(dir, "k.db");
  {
    store::Database db(kiosk, store::OpenMode::read_write);
    client::load_snapshot_bundle(db, bundle);
    store::Journal j(db, "k");
    j.append(entrance("C01", kEventStartMs));
    j.append(entrance("P01", kEventStartMs + 1));
    client::export_journal_bundle(db, dir.file("journal.json"), "k");
  }
  const auto first = run_speedmeet({"import-journal", central, dir.file("journal.json")});
  require_ok(first);
  CHECK(first.out.find("2 rows stored, 0 already held, 0 rejected") != std::string::npos);
  const auto again = run_speedmeet({"import-journal", central, dir.file("journal.json")});
  CHECK(again.out.find("0 rows stored, 2 already held") != std::string::npos);
  CHECK(run_speedmeet({"import-journal", central, bundle}).exit_code == 2);  // a snapshot is not a journal
  CHECK(run_speedmeet({"import-journal", central, dir.write("junk.json", "{\"format\":")}).exit_code == 2);
  CHECK(run_speedmeet({"import-journal", central, dir.file("none.json")}).exit_code == 1);

  const auto report = run_speedmeet({"report", central, "--out", dir.file("out")});
  require_ok(report);
  CHECK(report.out.find("Attendance: 2 of 52 participants checked in") != std::string::npos);
  for (const char* f : {"attendance.csv", "meetings.csv", "rejected_scans.csv", "devices.csv", "entrances.csv"})
    CHECK(std::filesystem::exists(dir.file(std::string("out/") + f)));
  CHECK(read_file(dir.file("out/devices.csv")).find("k,not_enrolled,") != std::string::npos);

  CHECK(run_speedmeet({"serve", central, "--listen", "nonsense"}).exit_code == 2);
  CHECK(run_speedmeet({"serve", dir.file("missing.db")}).exit_code == 2);
}

TEST_CASE("stopping the sync engine abandons a request the server never answers") {
  TempDir dir;
  const auto kiosk = make_kiosk_db(dir, "k.db");
  // A socket that accepts connections (in the kernel's backlog) and never answers.
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(::listen(fd, 8) == 0);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  auto config = fast_config(ntohs(a.sin_port), "smd_" + std::string(64, '0'), "k");
  config.request_timeout = 60s;
  client::SyncEngine engine(kiosk, config);
  engine.start();
  std::this_thread::sleep_for(300ms);  // the first request is now waiting for an answer
  const auto start = std::chrono::steady_clock::now();
  engine.stop();
  CHECK(std::chrono::steady_clock::now() - start < 10s);  // far below the 60 s request timeout
  CHECK_FALSE(engine.status().running);
  ::close(fd);
}
