// The console's security against a real `speedmeet serve`, over raw HTTP:
// logins and their cookie, sessions, roles, CSRF, rate limits, and the
// wall between device tokens and session cookies.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "console_client.hpp"
#include "store/database.hpp"
#include "support/process.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using nlohmann::json;

namespace {

std::int64_t serial_of(const std::string& central, const std::string& id) {
  return count_rows(central, "SELECT badge_serial FROM participants WHERE id = '" + id + "'");
}

}  // namespace

TEST_CASE("console login: a wrong password gets no cookie; the right one a strict, expiring, HttpOnly cookie") {
  ConsoleServer s;
  ConsoleClient browser{s.port};
  const auto wrong = browser.login("hana", "not the password");
  CHECK(wrong.status == 303);
  CHECK(header_of(wrong, "location") == "/login?error=wrong");
  CHECK(header_of(wrong, "set-cookie").empty());
  const auto unknown = browser.login("nobody", "not the password");
  CHECK(header_of(unknown, "location") == "/login?error=wrong");

  const auto ok = browser.login("hana", kHostPassword);
  REQUIRE(ok.status == 303);
  const std::string cookie = header_of(ok, "set-cookie");
  CHECK(cookie.rfind("sm_session=sms_", 0) == 0);
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("Max-Age=43200") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);  // plain HTTP here; under --tls-cert it is Secure
  // Only the hash of the cookie is stored.
  CHECK(count_rows(s.central, "SELECT count(*) FROM staff_sessions") == 1);
  CHECK(count_rows(s.central, "SELECT count(*) FROM staff_audit WHERE action = 'login_failed'") == 2);
  CHECK(count_rows(s.central, "SELECT count(*) FROM staff_audit WHERE action = 'login' AND staff = 'hana'") == 1);
  // Another site cannot log the browser in.
  ConsoleClient elsewhere(s.port);
  elsewhere.origin_header = "Origin: http://evil.example\r\n";
  CHECK(elsewhere.login("hana", kHostPassword).status == 403);
  // A form that is not a form is refused.
  CHECK(send_raw(s.port, http_request("POST", "/login", "", "{}", "")).status == 415);
}

TEST_CASE("console pages and data need a session; logging out ends it") {
  ConsoleServer s;
  ConsoleClient browser{s.port};
  const auto page = browser.get("/board");
  CHECK(page.status == 303);
  CHECK(header_of(page, "location") == "/login");
  CHECK(browser.get("/console/api/board").status == 401);
  CHECK(browser.get("/login").status == 200);
  CHECK(browser.get("/assets/board.js").status == 200);  // the files are public; the data is not

  browser.log_in("hana", kHostPassword);
  const auto board = browser.get("/board");
  REQUIRE(board.status == 200);
  const std::string csp = header_of(board, "content-security-policy");
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
  CHECK(board.body.find("<script>") == std::string::npos);  // no inline script
  CHECK(header_of(board, "x-content-type-options") == "nosniff");

  // Logout is a state change: it needs the CSRF token too.
  CHECK(browser.post("/logout", "", false, "application/x-www-form-urlencoded").status == 403);
  const auto out = browser.post("/logout", "csrf=" + browser.csrf, false, "application/x-www-form-urlencoded");
  CHECK(out.status == 303);
  CHECK(header_of(out, "set-cookie").find("Max-Age=0") != std::string::npos);
  CHECK(browser.get("/console/api/board").status == 401);
  CHECK(count_rows(s.central, "SELECT count(*) FROM staff_sessions") == 0);
}

TEST_CASE("console roles: host sees board and attendance without e-mail, desk adds people, admin everything") {
  ConsoleServer s;
  ConsoleClient host{s.port}, desk{s.port}, admin{s.port};
  host.log_in("hana", kHostPassword);
  desk.log_in("dora", kDeskPassword);
  admin.log_in("adam", kAdminPassword);

  for (const std::string target : {"/board", "/board?display=1", "/attendance", "/console/api/board",
                                   "/console/api/board?round=2", "/console/api/attendance"})
    CHECK(host.get(target).status == 200);
  for (const std::string target : {"/people", "/people/C01", "/devices", "/reports", "/reports/all.zip",
                                   "/console/api/people?q=a", "/console/api/people/C01", "/console/api/devices",
                                   "/console/api/audit"})
    CHECK(host.get(target).status == 403);
  // No e-mail address anywhere a host can read.
  for (const std::string target : {"/console/api/board", "/console/api/attendance", "/console/api/session"})
    CHECK(host.get(target).body.find('@') == std::string::npos);
  CHECK(host.post("/console/api/people/C01/revoke").status == 403);
  CHECK(host.post("/console/api/walk-in", R"({"name":"Ana","role":"project","language":"en"})").status == 403);

  CHECK(desk.get("/people").status == 200);
  const auto person = desk.get("/console/api/people/C01");
  REQUIRE(person.status == 200);
  CHECK(json::parse(person.body)["person"]["email"].get<std::string>().find('@') != std::string::npos);
  CHECK(desk.get("/console/api/people/NOPE").status == 404);
  CHECK(desk.get("/devices").status == 403);
  CHECK(desk.get("/console/api/devices").status == 403);
  CHECK(desk.post("/console/api/devices", R"({"name":"door-9"})").status == 403);

  for (const std::string target : {"/devices", "/reports", "/console/api/devices", "/console/api/audit",
                                   "/reports/attendance.csv", "/reports/audit.csv", "/reports/all.zip"})
    CHECK(admin.get(target).status == 200);
  CHECK(admin.get("/reports/nope.csv").status == 404);
  CHECK(admin.get("/console/api/board?round=x").status == 400);
}

TEST_CASE("console CSRF: a state change without the session's token, or from another origin, changes nothing") {
  ConsoleServer s;
  ConsoleClient desk{s.port};
  desk.log_in("dora", kDeskPassword);
  const auto before = serial_of(s.central, "P07");
  const auto bare = desk.post("/console/api/people/P07/revoke", "", false);
  CHECK(bare.status == 403);
  CHECK(json::parse(bare.body)["error"] == "csrf");
  ConsoleClient forged = desk;
  forged.csrf = std::string(64, '0');
  CHECK(forged.post("/console/api/people/P07/revoke").status == 403);
  ConsoleClient elsewhere = desk;
  elsewhere.origin_header = "Origin: http://evil.example\r\n";
  CHECK(elsewhere.post("/console/api/people/P07/revoke").status == 403);
  CHECK(serial_of(s.central, "P07") == before);

  const auto done = desk.post("/console/api/people/P07/revoke");
  REQUIRE(done.status == 200);
  CHECK(serial_of(s.central, "P07") == before + 1);
  CHECK(count_rows(s.central, "SELECT count(*) FROM staff_audit WHERE action = 'badge_revoke' AND staff = 'dora' "
                              "AND subject = 'P07' AND address = '127.0.0.1'") == 1);
  const auto pdf = desk.post("/console/api/people/P07/reissue");
  REQUIRE(pdf.status == 200);
  CHECK(pdf.body.rfind("%PDF", 0) == 0);
  CHECK(serial_of(s.central, "P07") == before + 2);
  CHECK(desk.post("/console/api/people/C05/leave").status == 200);
  CHECK(count_rows(s.central, "SELECT count(*) FROM departures WHERE participant_id = 'C05'") == 1);

  // A walk-in: its badge as PDF, its id in X-Participant-Id; bad fields change nothing.
  CHECK(desk.post("/console/api/walk-in", R"({"name":"","role":"project","language":"en"})").status == 400);
  CHECK(desk.post("/console/api/walk-in", R"({"name":"Ana","role":"staff","language":"en"})").status == 400);
  CHECK(desk.post("/console/api/walk-in", R"({"name":"Ana","role":"project","language":"en"})", false).status == 403);
  const auto walk_in = desk.post("/console/api/walk-in", R"({"name":"Ana Walker","organization":"Late S.A.","role":"project","language":"de"})");
  REQUIRE(walk_in.status == 200);
  CHECK(walk_in.body.rfind("%PDF", 0) == 0);
  CHECK(header_of(walk_in, "x-participant-id") == "W01");
  CHECK(count_rows(s.central, "SELECT count(*) FROM participants WHERE id LIKE 'W%'") == 1);
  CHECK(count_rows(s.central, "SELECT count(*) FROM departures WHERE participant_id = 'C05'") == 1);
}

TEST_CASE("console and device API: a device token never opens the console, a session cookie never the device API") {
  ConsoleServer s;
  const std::string token = enrol(s.central, "door-1");
  CHECK(send_raw(s.port, http_request("GET", "/api/v1/snapshot", token)).status == 200);
  CHECK(send_raw(s.port, http_request("GET", "/console/api/board", token)).status == 401);
  CHECK(send_raw(s.port, http_request("GET", "/board", token)).status == 303);

  ConsoleClient admin{s.port};
  admin.log_in("adam", kAdminPassword);
  CHECK(admin.get("/api/v1/snapshot").status == 401);
  CHECK(admin.get("/api/v1/changes").status == 401);

  // A device added from the console: its token shown once, good for the API.
  const auto added = admin.post("/console/api/devices", R"({"name":"door-2"})");
  REQUIRE(added.status == 200);
  const std::string new_token = json::parse(added.body)["token"];
  CHECK(send_raw(s.port, http_request("GET", "/api/v1/snapshot", new_token)).status == 200);
  CHECK(admin.post("/console/api/devices/door-2/revoke").status == 200);
  CHECK(send_raw(s.port, http_request("GET", "/api/v1/snapshot", new_token)).status == 401);
  CHECK(admin.get("/console/api/devices").body.find(new_token) == std::string::npos);
}

TEST_CASE("console logins are rate-limited per account and per address") {
  ConsoleServer s;
  ConsoleClient browser{s.port};
  for (int i = 0; i < 5; ++i) CHECK(browser.login("hana", "wrong password").status == 303);
  // The sixth try is refused before the password is checked, even the right one.
  const auto refused = browser.login("hana", kHostPassword);
  CHECK(refused.status == 429);
  CHECK(std::stoi(header_of(refused, "retry-after")) > 0);
  // Another account from the same address still may (per-address limit is 20).
  browser.log_in("dora", kDeskPassword);
  for (int i = 0; i < 15; ++i) browser.login("nobody" + std::to_string(i), "wrong password");
  CHECK(browser.login("adam", kAdminPassword).status == 429);
}
