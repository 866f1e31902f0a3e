// Real `speedmeet serve` processes on 127.0.0.1: three real headless
// `speedmeet-kiosk` processes converging after an outage, hostile requests,
// SIGKILLs and a faulty network (kiosk-side SyncEngine over its own SQLite
// file), HTTPS, graceful shutdown, and the sync commands of the speedmeet CLI.
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
#include <sstream>

#include "client/curl_transport.hpp"
#include "client/kiosk_bundles.hpp"
#include "client/sync_engine.hpp"
#include "kiosk_processes.hpp"
#include "net_helpers.hpp"
#include "print/badge_issue.hpp"
#include "protocol/messages.hpp"
#include "protocol/json_tree.hpp"
#include "store/event_store.hpp"
#include "support/db_dump.hpp"
#include "support/eventually.hpp"
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

}  // namespace

namespace {

std::string scans(const std::vector<std::string>& codes) {
  std::string script;
  for (const auto& c : codes) script += "+1 scan " + c + "\n";
  return script;
}

}  // namespace

TEST_CASE("three headless kiosk processes that scanned through an outage converge once the server is back") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const int port = free_port();
  const KioskSetup door1 = make_kiosk(dir, central, "door-1", port);
  const KioskSetup door2 = make_kiosk(dir, central, "door-2", port);
  const KioskSetup hall = make_kiosk(dir, central, "hall", port);
  const std::string bundle = dir.file("snapshot.json");
  require_ok(run_speedmeet({"snapshot", central, "--out", bundle}));

  // Badges as printed now: signed with the event's key, at the current serial.
  const auto badge = [&](const std::string& id) {
    store::Database c(central, store::OpenMode::read_write);
    store::EventStore events(c);
    return print::badge_text(print::read_signing_key(c), *events.load_event(), *events.find_participant(id));
  };
  const auto badges = [&](const std::string& prefix, int from, int to) {
    std::vector<std::string> out;
    for (int i = from; i <= to; ++i) out.push_back(badge(prefix + (i < 10 ? "0" : "") + std::to_string(i)));
    return out;
  };
  const auto head = [&] { return count_rows(central, "SELECT max(cursor) FROM change_log"); };

  // The evening before: the hall kiosk takes its first snapshot over the
  // network; the doors get theirs by USB stick when they first start.
  ServerProcess server(dir, central, port);
  server.start();
  REQUIRE(server.wait_ready(10s));
  {
    const auto first = run_kiosks(dir, {{&hall, "+0 sync\n", "2026-11-27T13:00"}});
    CHECK(first[0].err.find("taking the first snapshot") != std::string::npos);
    const auto lines = json_lines(first[0]);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["sync"] == "ok");
    CHECK(lines[0]["cursor"] == head());
    CHECK(count_rows(hall.data + "/kiosk.db", "SELECT count(*) FROM participants") == 52);
  }
  server.kill(SIGTERM);
  REQUIRE(server.wait() == 0);

  // The server is down. Kiosks admit people anyway; door-1 and door-2 both
  // admit C08..C10 (a crowd at two doors), door-2 and hall both admit P03..P05.
  std::vector<std::string> hall_codes = badges("P", 3, 9);
  hall_codes.push_back("SM1.forged.sig");
  const auto offline = run_kiosks(
      dir, {{&door1, scans(badges("C", 1, 10)) + "+0 sync\n", "2026-11-27T13:50", {"--snapshot", bundle}},
            {&door2, scans(badges("C", 8, 16)) + scans(badges("P", 1, 5)) + "+0 sync\n", "2026-11-27T13:51",
             {"--snapshot", bundle}},
            {&hall, scans(hall_codes) + "+0 sync\n", "2026-11-27T13:53"}});
  const std::vector<std::size_t> made = {10, 14, 8};
  std::set<std::string> printed_rows;
  for (std::size_t k = 0; k < offline.size(); ++k) {
    const auto lines = json_lines(offline[k]);
    REQUIRE(lines.size() == made[k] + 1);
    for (std::size_t i = 0; i < made[k]; ++i) {
      CHECK(lines[i]["recorded"] == true);
      CHECK(lines[i]["outcome"] == (k == 2 && i == 7 ? "rejected" : "welcome"));
      printed_rows.insert(lines[i]["row"].get<std::string>());
    }
    const Json& status = lines.back();
    CHECK(status["sync"] == "failed");
    CHECK(status["online"] == false);
    CHECK(status["pending"] == made[k]);
    CHECK_FALSE(status["last_error"].get<std::string>().empty());
  }
  CHECK(printed_rows.size() == 32);

  // The server comes back; meanwhile the organizers re-match a no-show and
  // reissue a lost badge.
  server.start();
  REQUIRE(server.wait_ready(10s));
  const auto reissue = [&](const std::string& id) {
    store::Database c(central, store::OpenMode::read_write);
    print::reissue_badge(c, id);
  };
  {
    store::Database c(central, store::OpenMode::read_write);
    c.exec("DELETE FROM meetings WHERE round = 2 AND table_no = 5");
    c.exec("INSERT INTO meetings (round, table_no, a, b, origin) VALUES (2, 5, 'C11', 'P20', 'rematch')");
  }
  reissue("P10");
  // Each kiosk syncs; then again, so that everyone pulls what the others pushed.
  for (int round = 1; round <= 2; ++round) {
    const auto online = run_kiosks(dir, {{&door1, "+0 sync\n", "2026-11-27T13:56"},
                                         {&door2, "+0 sync\n", "2026-11-27T13:56"},
                                         {&hall, "+0 sync\n", "2026-11-27T13:56"}});
    for (const auto& r : online) {
      const auto lines = json_lines(r);
      REQUIRE(lines.size() == 1);
      INFO("round " << round << ": " << lines[0].dump());
      CHECK(lines[0]["sync"] == "ok");
      CHECK(lines[0]["online"] == true);
      CHECK(lines[0]["pending"] == 0);
      if (round == 2) CHECK(lines[0]["cursor"] == head());
    }
  }

  // The server holds exactly the union of the three journals: no loss, no duplicates.
  const std::vector<const KioskSetup*> kiosks = {&door1, &door2, &hall};
  const auto db_of = [](const KioskSetup* k) { return k->data + "/kiosk.db"; };
  std::vector<std::string> local_union;
  for (const auto* k : kiosks) {
    const auto own = journal_uuids(db_of(k), "device = '" + k->name + "'");
    local_union.insert(local_union.end(), own.begin(), own.end());
  }
  std::sort(local_union.begin(), local_union.end());
  CHECK(local_union == std::vector<std::string>(printed_rows.begin(), printed_rows.end()));
  CHECK(journal_uuids(central) == local_union);
  CHECK(count_rows(central, "SELECT count(*) FROM journal") == 32);
  CHECK(count_rows(central, "SELECT count(*) FROM journal WHERE received_at IS NULL") == 0);
  // Every kiosk has every other kiosk's rows, and the organizers' changes.
  for (const auto* k : kiosks) {
    INFO(k->name);
    CHECK(journal_uuids(db_of(k)) == local_union);
    CHECK(count_rows(db_of(k), "SELECT count(*) FROM meetings WHERE origin = 'rematch' AND a = 'C11' AND b = 'P20'") == 1);
    CHECK(count_rows(db_of(k), "SELECT badge_serial FROM participants WHERE id = 'P10'") == 2);
    CHECK(count_rows(db_of(k), "SELECT count(*) FROM sync_outbox") == 0);
    CHECK(integrity_check(db_of(k)) == "ok");
  }

  // A running kiosk acts on what it learns: P10 loses the badge again (its
  // second badge is revoked by a change door-1 pulls after it started), and
  // C16 came in at door-2, so door-1 says where to go next, not welcome.
  const std::string second_p10 = badge("P10");
  reissue("P10");
  {
    const auto later = run_kiosks(dir, {{&door1, "+0 sync\n+0 scan " + second_p10 + "\n+1 scan " + badge("C16") + "\n+0 sync\n",
                                         "2026-11-27T13:57"}});
    const auto lines = json_lines(later[0]);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0]["sync"] == "ok");
    CHECK(lines[1]["participant"] == "P10");
    CHECK(lines[1]["outcome"] == "rejected");
    CHECK(lines[1]["reason"] == "revoked");
    CHECK(lines[2]["participant"] == "C16");
    CHECK(lines[2]["outcome"] == "next");
    CHECK(lines[3]["sync"] == "ok");
    CHECK(lines[3]["pending"] == 0);
    CHECK(count_rows(central, "SELECT count(*) FROM journal") == 34);
    for (const auto* k : kiosks) CHECK((later[0].out + later[0].err).find(k->token.substr(4, 16)) == std::string::npos);
  }

  // Graceful shutdown on SIGTERM.
  server.kill(SIGTERM);
  CHECK(server.wait() == 0);
  const std::string logs = server.all_logs();
  CHECK(logs.find("msg=stopped") != std::string::npos);
  CHECK(logs.find("msg=request method=POST path=/api/v1/journal status=200") != std::string::npos);
  for (const auto* k : kiosks) CHECK(logs.find(k->token.substr(4, 16)) == std::string::npos);  // never a token
  CHECK(logs.find("Sanitizer") == std::string::npos);  // clean under the ASan/UBSan build too

  // The report flags the second admission of each doubly admitted person.
  const auto report = run_speedmeet({"report", central, "--out", dir.file("report")});
  require_ok(report);
  CHECK(report.out.find("6 double entries flagged") != std::string::npos);
  CHECK(report.out.find("Journal: 34 rows, 2 rejected scans") != std::string::npos);  // the hall's bad badge, P10 revoked
  std::set<std::string> doubled;
  std::istringstream lines(read_file(dir.file("report/entrances.csv")));
  for (std::string line; std::getline(lines, line);) {
    const auto f = csv_fields(line);
    if (f.size() >= 2 && f.back() == "double_entry") {
      doubled.insert(f[1]);
      CHECK(std::binary_search(local_union.begin(), local_union.end(), f[0]));
    }
  }
  CHECK(doubled == std::set<std::string>{"C08", "C09", "C10", "P03", "P04", "P05"});
  CHECK(read_file(dir.file("report/devices.csv")).find("door-1,active,") != std::string::npos);
  const auto list = run_speedmeet({"device", "list", central});
  CHECK(list.out.find("door-1\tactive\tlast seen 20") != std::string::npos);
  CHECK(list.out.find("12 rows received") != std::string::npos);  // door-1: 10 at the door, 2 later
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

  const std::string empty_batch = batch(Json::array());
  const std::string auth = "Authorization: Bearer " + token + "\r\n";
  // A request written by hand: request line, then header lines, then body.
  const auto raw = [](const std::string& line, const std::string& headers, const std::string& body = "") {
    return line + "\r\n" + headers + "\r\n" + body;
  };
  std::string big_block;  // 40 header fields of 512 bytes: 20 KiB
  for (int i = 0; i < 40; ++i) big_block += "X-Filler-" + std::to_string(i) + ": " + std::string(500, 'f') + "\r\n";

  struct Case {
    std::string name;
    std::string request;
    std::size_t filler = 0;
    int status;
    std::string expect_in_body = "";
    std::string expect_in_head = "";
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
      // Query strings.
      {"a parameter given twice with the same value", http_request("GET", "/api/v1/changes?since=3&since=3", token), 0,
       400, "invalid_query"},
      {"limit given twice", http_request("GET", "/api/v1/changes?limit=5&limit=5", token), 0, 400, "invalid_query"},
      {"a bad %-escape in the query", http_request("GET", "/api/v1/changes?since=%zz", token), 0, 400, "invalid_query"},
      {"since written as 1e3", http_request("GET", "/api/v1/changes?since=1e3", token), 0, 400, "invalid_query"},
      {"limit 0", http_request("GET", "/api/v1/changes?limit=0", token), 0, 400, "invalid_query"},
      {"limit 1,000 is the largest page", http_request("GET", "/api/v1/changes?since=0&limit=1000", token), 0, 200,
       "\"next_cursor\""},
      // Content-Type is one media type, parameters allowed.
      {"Content-Type application/jsonx", http_request("POST", "/api/v1/journal", token, empty_batch, "", "application/jsonx"),
       0, 415, "unsupported_media_type"},
      {"Content-Type application/json-patch+json",
       http_request("POST", "/api/v1/journal", token, empty_batch, "", "application/json-patch+json"), 0, 415},
      {"Content-Type with a charset", http_request("POST", "/api/v1/journal", token, empty_batch, "",
                                                   "application/json;charset=utf-8"), 0, 200, "\"stored\":0"},
      {"Content-Type in capitals with spaces", http_request("POST", "/api/v1/journal", token, empty_batch, "",
                                                            "Application/JSON ; charset=UTF-8"), 0, 200},
      {"POST without Content-Type", raw("POST /api/v1/journal HTTP/1.1", "Host: x\r\n" + auth + "Content-Length: " +
                                            std::to_string(empty_batch.size()) + "\r\n", empty_batch), 0, 415},
      {"Content-Encoding: identity", http_request("POST", "/api/v1/journal", token, empty_batch,
                                                  "Content-Encoding: identity\r\n"), 0, 200},
      // Methods.
      {"TRACE", raw("TRACE /api/v1/health HTTP/1.1", "Host: x\r\n"), 0, 405, "method_not_allowed", "Allow: GET, HEAD"},
      {"an unknown method", raw("BREW /api/v1/journal HTTP/1.1", "Host: x\r\n"), 0, 405, "", "Allow: POST"},
      {"a method in lower case", raw("get /api/v1/health HTTP/1.1", "Host: x\r\n"), 0, 405, "", "Allow: GET, HEAD"},
      {"OPTIONS", raw("OPTIONS /api/v1/snapshot HTTP/1.1", "Host: x\r\n" + auth), 0, 405, "", "Allow: GET, HEAD"},
      {"PUT on the snapshot", http_request("PUT", "/api/v1/snapshot", token, "{}"), 0, 405},
      {"HEAD of /health", raw("HEAD /api/v1/health HTTP/1.1", "Host: x\r\nConnection: close\r\n"), 0, 200, "",
       "Content-Length: "},
      // Framing.
      {"a header line without a colon", raw("GET /api/v1/health HTTP/1.1", "Host: x\r\nno colon here\r\n"), 0, 400,
       "bad_request"},
      {"a space before the colon", raw("GET /api/v1/health HTTP/1.1", "Host : x\r\n"), 0, 400},
      {"a NUL byte in a header value", raw("GET /api/v1/health HTTP/1.1", "Host: x\r\nX-A: a" + std::string(1, '\0') + "b\r\n"), 0,
       400},
      {"two different Content-Length headers", raw("POST /api/v1/journal HTTP/1.1", "Host: x\r\n" + auth +
           "Content-Type: application/json\r\nContent-Length: " + std::to_string(empty_batch.size()) +
           "\r\nContent-Length: " + std::to_string(empty_batch.size() + 1) + "\r\n", empty_batch + " "), 0, 400,
       "bad_request"},
      {"a Content-Length that is not a number", raw("POST /api/v1/journal HTTP/1.1", "Host: x\r\n" + auth +
           "Content-Type: application/json\r\nContent-Length: 12abc\r\n"), 0, 400},
      {"a negative Content-Length", raw("POST /api/v1/journal HTTP/1.1", "Host: x\r\nContent-Length: -1\r\n"), 0, 400},
      {"Content-Length and Transfer-Encoding", raw("POST /api/v1/journal HTTP/1.1", "Host: x\r\nContent-Length: 5\r\n"
           "Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n"), 0, 400},
      {"Content-Length one byte over the limit", raw("POST /api/v1/journal HTTP/1.1", "Host: x\r\n" + auth +
           "Content-Type: application/json\r\nContent-Length: 4194305\r\n"), 4'194'305, 413, "too_large"},
      {"Expect: 100-continue with an over-limit body (413, never 100)", raw("POST /api/v1/journal HTTP/1.1",
           "Host: x\r\n" + auth + "Content-Type: application/json\r\nExpect: 100-continue\r\n"
           "Content-Length: 10485760\r\n"), 0, 413, "too_large"},
      {"Expect: something else", raw("POST /api/v1/journal HTTP/1.1", "Host: x\r\n" + auth +
           "Content-Type: application/json\r\nExpect: coffee\r\nContent-Length: 2\r\n", "{}"), 0, 417},
      {"no Host header", raw("GET /api/v1/health HTTP/1.1", ""), 0, 400},
      {"two Host headers", raw("GET /api/v1/health HTTP/1.1", "Host: a\r\nHost: b\r\n"), 0, 400},
      {"bare LF line ends", "GET /api/v1/health HTTP/1.1\nHost: x\n\n", 0, 400},
      {"no HTTP version (HTTP/0.9)", "GET /api/v1/health\r\n\r\n", 0, 400},
      {"HTTP/2.0 in the request line", raw("GET /api/v1/health HTTP/2.0", "Host: x\r\n"), 0, 505},
      {"HTTP/1.2", raw("GET /api/v1/health HTTP/1.2", "Host: x\r\n"), 0, 505},
      // Sizes of the head.
      {"a 5 KiB request target", http_request("GET", "/api/v1/changes?x=" + std::string(5000, 'a'), token), 0, 414,
       "uri_too_long"},
      {"a 20 KiB header block", raw("GET /api/v1/health HTTP/1.1", "Host: x\r\n" + big_block), 0, 431,
       "headers_too_large"},
      {"one 20 KiB header line", raw("GET /api/v1/health HTTP/1.1", "Host: x\r\nX-Big: " + std::string(20'000, 'b') +
           "\r\n"), 0, 431},
      // Targets.
      {"an absolute-form target", raw("GET http://127.0.0.1/api/v1/health HTTP/1.1", "Host: 127.0.0.1\r\n"), 0, 200},
      {"a %-encoded path", raw("GET /api/v1/%68ealth HTTP/1.1", "Host: x\r\n"), 0, 200, "\"status\":\"ok\""},
      {"a bad %-escape in the path", raw("GET /api/v1/%zz HTTP/1.1", "Host: x\r\n"), 0, 400, "bad_request"},
      {"an encoded NUL in the path", raw("GET /api/v1/health%00 HTTP/1.1", "Host: x\r\n"), 0, 400},
      {"another API version", http_request("GET", "/api/v2/health", ""), 0, 404, "not_found"},
      // Tokens.
      {"a lower-case bearer", raw("GET /api/v1/changes HTTP/1.1", "Host: x\r\nauthorization: bearer " + token + "\r\n"),
       0, 200},
      {"a token with trailing junk", http_request("GET", "/api/v1/changes", token + "x"), 0, 401, "unauthorized"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const RawResponse r = send_raw(port, c.request, c.filler);
    CHECK(r.status == c.status);
    if (!c.expect_in_body.empty()) CHECK(r.body.find(c.expect_in_body) != std::string::npos);
    if (!c.expect_in_head.empty()) CHECK(r.head.find(c.expect_in_head) != std::string::npos);
    // ... and the server keeps serving.
    REQUIRE(send_raw(port, http_request("GET", "/api/v1/health", "")).status == 200);
  }
  CHECK(cases.size() >= 50);

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
    store::Journal j(db, "door-1");
    j.append(entrance("C01", kEventStartMs));
    j.append(entrance("P01", kEventStartMs + 1));
    client::export_journal_bundle(db, dir.file("journal.json"), "door-1", token_of(add));
  }
  const auto first = run_speedmeet({"import-journal", central, dir.file("journal.json")});
  require_ok(first);
  CHECK(first.out.find("2 rows stored, 0 already held") != std::string::npos);
  const auto again = run_speedmeet({"import-journal", central, dir.file("journal.json")});
  CHECK(again.out.find("0 rows stored, 2 already held") != std::string::npos);
  CHECK(run_speedmeet({"import-journal", central, bundle}).exit_code == 2);  // a snapshot is not a journal
  CHECK(run_speedmeet({"import-journal", central, dir.write("junk.json", "{\"format\":")}).exit_code == 2);
  CHECK(run_speedmeet({"import-journal", central, dir.file("none.json")}).exit_code == 1);

  const auto report = run_speedmeet({"report", central, "--out", dir.file("out")});
  require_ok(report);
  CHECK(report.out.find("Attendance: 2 of 48 participants checked in") != std::string::npos);
  for (const char* f : {"attendance.csv", "meetings.csv", "rejected_scans.csv", "devices.csv", "entrances.csv"})
    CHECK(std::filesystem::exists(dir.file(std::string("out/") + f)));
  CHECK(read_file(dir.file("out/devices.csv")).find("door-1,active,") != std::string::npos);

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
  auto config = fast_config(ntohs(a.sin_port), std::string("smd_").append(64, '0'), "k");
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

TEST_CASE("badges revoke: a headless kiosk refuses every badge of the person after its next sync, until --reissue") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const int port = free_port();
  const KioskSetup door = make_kiosk(dir, central, "door-r", port);
  const auto badge = [&](const std::string& id) {
    store::Database c(central, store::OpenMode::read_write);
    store::EventStore events(c);
    return print::badge_text(print::read_signing_key(c), *events.load_event(), *events.find_participant(id));
  };
  // P10 loses an SM1 badge; C06's badge is another ticketing system's code.
  const std::string p10 = badge("P10"), c06 = badge("C06");
  REQUIRE(c06 == "TKT-8F3A-2291");

  ServerProcess server(dir, central, port);
  server.start();
  REQUIRE(server.wait_ready(10s));
  const auto first = json_lines(run_kiosks(dir, {{&door, "+0 sync\n", "2026-11-27T13:00"}})[0]);
  CHECK(first[0]["sync"] == "ok");

  require_ok(run_speedmeet({"badges", "revoke", central, "P10"}));
  require_ok(run_speedmeet({"badges", "revoke", central, "C06"}));
  // Before its sync the kiosk still knows the old roster; after it, both are
  // refused (the same code again after the 3 s duplicate window).
  const std::string script = "+0 scan " + p10 + "\n+1 sync\n+5 scan " + p10 + "\n+1 scan " + c06 + "\n";
  const auto refused = json_lines(run_kiosks(dir, {{&door, script, "2026-11-27T13:55"}})[0]);
  REQUIRE(refused.size() == 4);
  CHECK(refused[0]["participant"] == "P10");
  CHECK(refused[0]["outcome"] != "rejected");
  CHECK(refused[1]["sync"] == "ok");
  for (std::size_t i : {2u, 3u}) {
    INFO(refused[i].dump());
    CHECK(refused[i]["outcome"] == "rejected");
    CHECK(refused[i]["reason"] == "revoked");
  }
  CHECK(refused[2]["participant"] == "P10");
  CHECK(refused[3]["participant"] == "C06");

  // --reissue gives each a new SM1 badge, which the kiosk takes after its
  // next sync; the old badge and the external code stay refused.
  require_ok(run_speedmeet({"badges", central, "--reissue", "P10"}));
  require_ok(run_speedmeet({"badges", central, "--reissue", "C06"}));
  const std::string new_p10 = badge("P10"), new_c06 = badge("C06");
  CHECK(new_c06.rfind("SM1.", 0) == 0);
  const auto after = json_lines(run_kiosks(
      dir, {{&door, "+0 sync\n+0 scan " + new_p10 + "\n+1 scan " + new_c06 + "\n+1 scan " + p10 + "\n+1 scan " + c06 +
                        "\n",
             "2026-11-27T13:58"}})[0]);
  REQUIRE(after.size() == 5);
  CHECK(after[0]["sync"] == "ok");
  CHECK(after[1]["participant"] == "P10");
  CHECK(after[1]["outcome"] != "rejected");
  CHECK(after[2]["participant"] == "C06");
  CHECK(after[2]["outcome"] != "rejected");
  CHECK(after[3]["reason"] == "revoked");
  CHECK(after[4]["reason"] == "revoked");
  CHECK(count_rows(door.data + "/kiosk.db", "SELECT badge_serial FROM participants WHERE id = 'P10'") == 3);
  server.kill(SIGTERM);
  CHECK(server.wait() == 0);
}
