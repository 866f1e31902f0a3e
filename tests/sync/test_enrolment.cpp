// Kiosk enrolment by setup code (issue 16): `speedmeet device add --qr`
// makes the code, a real `speedmeet serve` on 127.0.0.1 takes its one-time
// secret at POST /api/v1/device/enroll, `device rotate` replaces a token.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>

#include <functional>
#include <thread>

#include "client/curl_transport.hpp"
#include "kiosk_processes.hpp"
#include "x_display.hpp"
#include "net_helpers.hpp"
#include "protocol/bundles.hpp"
#include "protocol/json_tree.hpp"
#include "protocol/setup_code.hpp"
#include "server/tls_pin.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/statement.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using namespace std::chrono_literals;
using protocol::Json;

namespace {

// The text of the one QR code `speedmeet decode` finds in a picture.
std::string decoded(const std::string& png) {
  const auto r = run_speedmeet({"decode", png});
  require_ok(r);
  const auto tab = r.out.find('\t');
  REQUIRE(tab != std::string::npos);
  std::string text = r.out.substr(tab + 1);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

// `device add DB NAME --qr` and the code it drew.
protocol::SetupCode setup_code(const TempDir& dir, const std::string& central, const std::string& name, int port,
                               const std::vector<std::string>& extra = {}) {
  const std::string png = dir.file(name + "-setup.png");
  std::vector<std::string> args{"device", "add", central, name, "--qr", png, "--url",
                                "http://127.0.0.1:" + std::to_string(port)};
  args.insert(args.end(), extra.begin(), extra.end());
  require_ok(run_speedmeet(args));
  struct stat st {};
  REQUIRE(::stat(png.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);  // it holds a secret
  return protocol::parse_setup_code(decoded(png));
}

std::string enroll_body(const protocol::SetupCode& code, int version = protocol::kHandshakeVersion) {
  return protocol::enroll_request_json({version, code.secret, code.event_key, "test", "test"});
}

RawResponse enroll(int port, const std::string& body) {
  return send_raw(port, http_request("POST", "/api/v1/device/enroll", "", body));
}

std::string event_key_of(const std::string& central) {
  store::Database db(central, store::OpenMode::read_only);
  std::string hex;
  for (unsigned char b : store::EventStore(db).public_key()) {
    static const char digits[] = "0123456789abcdef";
    hex += digits[b >> 4];
    hex += digits[b & 15];
  }
  return protocol::key_fingerprint(hex);
}

void expire_all_secrets(const std::string& central, const std::string& device = "") {
  store::Database db(central, store::OpenMode::read_write);
  db.prepare("UPDATE enrolment_secrets SET expires_at = 0 WHERE ? = '' OR device = ?").bind(1, device).bind(2, device).run();
}

// A kiosk as the Debian package sets one up: no token, enrols by setup code.
KioskSetup unenrolled_kiosk(const TempDir& dir, const std::string& folder) {
  KioskSetup k;
  k.name = folder;
  k.data = dir.file(folder);
  k.config = dir.write(folder + ".toml", "device = \"unnamed\"\ndata = \"" + k.data + "\"\nfullscreen = false\n" +
                                             "[server]\nsetup_code = true\ntoken_file = \"" + k.data + "/token\"\n");
  return k;
}

// The lines a kiosk printed that answer a setup code.
std::vector<Json> setup_lines(const ProcessResult& r) {
  std::vector<Json> out;
  for (const auto& line : json_lines(r))
    if (line.contains("setup")) out.push_back(line);
  return out;
}

// GET /health answers over TLS, the certificate checked by its pin only.
bool tls_ready(const std::string& url, const std::string& pin, std::chrono::milliseconds timeout) {
  client::TransportConfig config{url, "", "", 500ms, 1s};
  config.tls_pin = pin;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (client::CurlTransport(config).get("/api/v1/health").status == 200) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

std::string self_signed(const TempDir& dir, const std::string& name) {
  const std::string cert = dir.file(name + "-cert.pem"), key = dir.file(name + "-key.pem");
  require_ok(run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                          "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=" + name}));
  return cert;
}

}  // namespace

TEST_CASE("device add --qr: a setup code the server takes once") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const int port = free_port();
  ServerProcess server(dir, central, port);
  server.start();
  REQUIRE(server.wait_ready(10s));

  const auto code = setup_code(dir, central, "door-1", port);
  CHECK(code.handshake_version == 1);
  CHECK(code.url == "http://127.0.0.1:" + std::to_string(port));
  CHECK(code.tls_pin.empty());
  CHECK(code.event_key == event_key_of(central));
  CHECK(protocol::looks_like_enrolment_secret(code.secret));

  SECTION("enrolled once; the token works; the code never again") {
    // Another event's code is refused without using the secret up.
    auto other = code;
    other.event_key = "0000000000000000";
    const auto mismatch = enroll(port, enroll_body(other));
    CHECK(mismatch.status == 409);
    CHECK(Json::parse(mismatch.body)["error"] == "event_mismatch");
    // So is a kiosk of a newer handshake.
    const auto newer = enroll(port, enroll_body(code, 99));
    CHECK(newer.status == 400);
    CHECK(Json::parse(newer.body)["error"] == "handshake_version");
    CHECK(Json::parse(newer.body)["message"].get<std::string>().find("update") != std::string::npos);

    const auto first = enroll(port, enroll_body(code));
    REQUIRE(first.status == 200);
    const Json answer = Json::parse(first.body);
    CHECK(answer["device"] == "door-1");
    CHECK(answer["event_id"] == "dsm-lux-2026");
    CHECK(protocol::key_fingerprint(answer["public_key"].get<std::string>()) == code.event_key);
    CHECK(first.head.find("Cache-Control: no-store") != std::string::npos);
    const std::string token = answer["token"];
    CHECK(send_raw(port, http_request("GET", "/api/v1/snapshot", token)).status == 200);
    CHECK(server.all_logs().find(token) == std::string::npos);  // never logged
    CHECK(server.all_logs().find(code.secret) == std::string::npos);

    const auto again = enroll(port, enroll_body(code));
    CHECK(again.status == 403);
    CHECK(Json::parse(again.body)["error"] == "secret_used");
    // An enrolled name takes no new code until it is revoked.
    const auto taken = run_speedmeet({"device", "add", central, "door-1", "--qr", dir.file("x.png"), "--url", code.url});
    CHECK(taken.exit_code == 2);
    CHECK(taken.err.find("already enrolled") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("x.png")));

    // rotate: a new token, and the old one stops at once.
    const auto rotated = run_speedmeet({"device", "rotate", central, "door-1"});
    require_ok(rotated);
    std::string fresh = rotated.out;
    fresh.pop_back();
    CHECK(fresh != token);
    CHECK(send_raw(port, http_request("GET", "/api/v1/snapshot", token)).status == 401);
    CHECK(send_raw(port, http_request("GET", "/api/v1/snapshot", fresh)).status == 200);
    require_ok(run_speedmeet({"device", "rotate", central, "door-1", "--out", dir.file("door-1.token")}));
    CHECK(send_raw(port, http_request("GET", "/api/v1/snapshot", fresh)).status == 401);
    CHECK(read_file(dir.file("door-1.token")).size() == 69);
  }

  SECTION("expired, unknown and replaced codes are refused") {
    expire_all_secrets(central);
    const auto expired = enroll(port, enroll_body(code));
    CHECK(expired.status == 403);
    CHECK(Json::parse(expired.body)["error"] == "secret_expired");

    const auto newer = setup_code(dir, central, "door-1", port, {"--valid", "5"});
    auto unknown = newer;
    unknown.secret = "sme_" + std::string(64, 'a');
    CHECK(Json::parse(enroll(port, enroll_body(unknown)).body)["error"] == "secret_unknown");
    CHECK(Json::parse(enroll(port, "{\"handshake_version\":1,\"secret\":\"x\",\"event_key\":\"" + newer.event_key +
                                       "\"}").body)["error"] == "secret_unknown");
    CHECK(enroll(port, "{\"secret\":1}").status == 400);
    CHECK(enroll(port, "[]").status == 400);
    // A second code for the same kiosk replaces the first.
    const auto newest = setup_code(dir, central, "door-1", port);
    CHECK(Json::parse(enroll(port, enroll_body(newer)).body)["error"] == "secret_unknown");
    CHECK(enroll(port, enroll_body(newest)).status == 200);
  }
  server.kill(SIGTERM);
  CHECK(server.wait() == 0);
}

TEST_CASE("device add --qr over https pins the certificate's key; usage errors") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::string cert = dir.file("cert.pem"), key = dir.file("key.pem");
  require_ok(run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                          "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=speedmeet"}));
  const std::string png = dir.file("https.png");
  require_ok(run_speedmeet({"device", "add", central, "door-3", "--qr", png, "--url", "https://10.0.0.2:8443/",
                            "--tls-cert", cert}));
  const auto pinned = protocol::parse_setup_code(decoded(png));
  CHECK(pinned.url == "https://10.0.0.2:8443");
  // The pin is what openssl itself computes for the certificate's public key.
  const auto expected = run_process({"/bin/sh", "-c",
                                     "openssl x509 -in '" + cert + "' -pubkey -noout | openssl pkey -pubin -outform der"
                                     " | openssl dgst -sha256 -binary | base64"});
  require_ok(expected);
  CHECK(pinned.tls_pin == "sha256//" + expected.out.substr(0, expected.out.find('\n')));

  const auto usage = [&](const std::vector<std::string>& extra, const std::string& says) {
    std::vector<std::string> args{"device", "add", central, "door-9"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_speedmeet(args);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(says) != std::string::npos);
  };
  usage({"--qr", dir.file("a.png")}, "--qr needs --url");
  usage({"--qr", dir.file("a.png"), "--url", "https://h:1"}, "needs --tls-cert");
  usage({"--qr", dir.file("a.png"), "--url", "ftp://h"}, "http:// or https://");
  usage({"--qr", dir.file("a.png"), "--url", "http://h", "--valid", "0"}, "--valid wants minutes");
  usage({"--qr", dir.file("a.png"), "--url", "https://h:1", "--tls-cert", key}, "not a PEM certificate");
  usage({"--qr", dir.file("a.png"), "--out", dir.file("t"), "--url", "http://h"}, "not both");
  usage({"--url", "http://h"}, "--url goes with --qr");
  usage({"--qr", dir.file("a.png"), "--url", "http://h", "--tls-cert", cert}, "goes with an https --url");
  // A folder that cannot take the picture: a runtime failure (exit 1), before any secret exists.
  const auto nowhere = run_speedmeet({"device", "add", central, "door-9", "--qr", dir.file("no/such/a.png"), "--url", "http://h"});
  CHECK(nowhere.exit_code == 1);
  CHECK(nowhere.err.find("no/such/a.png") != std::string::npos);
  CHECK(run_speedmeet({"device", "rotate", central, "nobody"}).exit_code == 2);
  // Nothing was issued by a refused command: door-9 has no secret.
  CHECK(count_rows(central, "SELECT count(*) FROM enrolment_secrets WHERE device = 'door-9'") == 0);
}

TEST_CASE("a kiosk with no token enrols from its setup code, syncs and admits a badge; bad codes each get their sentence") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const int port = free_port();
  ServerProcess server(dir, central, port);
  server.start();
  REQUIRE(server.wait_ready(10s));

  const std::string good_png = dir.file("door-1-setup.png");
  const auto good = setup_code(dir, central, "door-1", port);
  const auto expired = setup_code(dir, central, "door-2", port);
  expire_all_secrets(central, "door-2");
  auto newer = good;
  newer.handshake_version = 99;
  auto other_event = setup_code(dir, central, "door-3", port);
  other_event.event_key = "0123456789abcdef";

  // Codes a scanner types (scan) and the real picture the camera sees (image).
  const KioskSetup kiosk = unenrolled_kiosk(dir, "box");
  const std::string script = "+0 scan " + protocol::setup_code_text(newer) + "\n" +
                             "+0 scan " + protocol::setup_code_text(expired) + "\n" +
                             "+0 scan " + protocol::setup_code_text(other_event) + "\n" +
                             "+0 scan " + badge_of(central, "C01") + "\n" +
                             "+0 image " + good_png + "\n" +
                             "+0 sync\n+0 clock 2026-11-27T13:30\n+0 scan " + badge_of(central, "C01") + "\n+0 sync\n";
  const auto run = run_kiosks(dir, {{&kiosk, script, "2026-11-27T13:00", {"--screenshots", dir.file("shots")}}});
  INFO(run[0].err);
  const auto setup = setup_lines(run[0]);
  REQUIRE(setup.size() == 5);
  const auto said = [&](std::size_t i) { return setup[i].value("message", std::string{}); };
  CHECK(setup[0]["setup"] == "refused");
  CHECK(said(0).find("update the kiosk software") != std::string::npos);
  CHECK(said(1).find("This setup code has expired.") != std::string::npos);
  CHECK(said(2).find("another event") != std::string::npos);
  CHECK(said(3).find("not a speedmeet setup code") != std::string::npos);
  CHECK(setup[4]["setup"] == "enrolled");
  CHECK(setup[4]["device"] == "door-1");
  for (std::size_t i = 0; i < 4; ++i) CHECK(run[0].err.find("setup code refused: " + said(i)) != std::string::npos);

  const auto lines = json_lines(run[0]);
  std::vector<Json> after;
  for (const auto& l : lines)
    if (!l.contains("setup")) after.push_back(l);
  REQUIRE(after.size() == 3);
  CHECK(after[0]["sync"] == "ok");
  CHECK(after[1]["outcome"] == "welcome");
  CHECK(after[2]["sync"] == "ok");
  CHECK(after[2]["pending"] == 0);
  CHECK(count_rows(central, "SELECT count(*) FROM journal WHERE device = 'door-1' AND participant_id = 'C01'") == 1);

  // What the kiosk kept: the token private, the code's server and name beside it.
  struct stat st {};
  REQUIRE(::stat((kiosk.data + "/token").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const Json kept = Json::parse(read_file(kiosk.data + "/enrolment.json"));
  CHECK(kept["device"] == "door-1");
  CHECK(kept["url"] == good.url);
  CHECK(std::filesystem::exists(dir.file("shots/0001-setup-code.png")));
  CHECK(std::filesystem::exists(dir.file("shots/0002-setup-code-refused.png")));
  CHECK(run[0].err.find(good.secret) == std::string::npos);

  // Started again, it is enrolled: no setup screen, the same name.
  const auto again = run_kiosks(dir, {{&kiosk, "+0 sync\n", "2026-11-27T13:31"}});
  const auto again_lines = json_lines(again[0]);
  REQUIRE(again_lines.size() == 1);
  CHECK(again_lines[0]["sync"] == "ok");

  // The same picture shown to a second box: used.
  const KioskSetup second = unenrolled_kiosk(dir, "box-2");
  const auto reused = run_kiosks(dir, {{&second, "+0 image " + good_png + "\n", "2026-11-27T13:00"}});
  const auto refused = setup_lines(reused[0]);
  REQUIRE(refused.size() == 1);
  CHECK(refused[0]["message"] == "This setup code was already used. Make a new one with speedmeet device add --qr.");
  CHECK_FALSE(std::filesystem::exists(second.data + "/token"));
  server.kill(SIGTERM);
  CHECK(server.wait() == 0);
}

TEST_CASE("over TLS with a self-signed certificate and no CA file, a kiosk accepts only the pinned key") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::string cert = self_signed(dir, "venue");
  const std::string impostor = self_signed(dir, "impostor");
  const int port = free_port();
  ServerProcess server(dir, central, port, {"--tls-cert", cert, "--tls-key", dir.file("venue-key.pem")});
  server.start();
  const std::string url = "https://127.0.0.1:" + std::to_string(port);
  REQUIRE(tls_ready(url, server::tls_public_key_pin(cert), 10s));

  // A code pinned to another key: refused before anything is sent, so its
  // secret stays unused.
  require_ok(run_speedmeet({"device", "add", central, "door-x", "--qr", dir.file("x.png"), "--url", url, "--tls-cert", impostor}));
  require_ok(run_speedmeet({"device", "add", central, "door-t", "--qr", dir.file("t.png"), "--url", url, "--tls-cert", cert}));
  const KioskSetup kiosk = unenrolled_kiosk(dir, "tls-box");
  const auto run = run_kiosks(dir, {{&kiosk, "+0 image " + dir.file("x.png") + "\n+0 image " + dir.file("t.png") +
                                                 "\n+0 sync\n+0 scan " + badge_of(central, "P01") + "\n+0 sync\n",
                                     "2026-11-27T13:40"}});
  const auto setup = setup_lines(run[0]);
  REQUIRE(setup.size() == 2);
  CHECK(setup[0]["message"] ==
        "The server's TLS certificate does not match the setup code's fingerprint: the code was made for another "
        "server, or something is in between.");
  CHECK(setup[1]["setup"] == "enrolled");
  CHECK(count_rows(central, "SELECT count(*) FROM enrolment_secrets WHERE device = 'door-x' AND used_at IS NULL") == 1);
  const auto lines = json_lines(run[0]);
  REQUIRE(lines.size() == 5);
  CHECK(lines[2]["sync"] == "ok");
  CHECK(lines[3]["outcome"] == "welcome");
  CHECK(lines[4]["sync"] == "ok");
  CHECK(lines[4]["pending"] == 0);
  CHECK(count_rows(central, "SELECT count(*) FROM journal WHERE device = 'door-t'") == 1);
  CHECK(Json::parse(read_file(kiosk.data + "/enrolment.json"))["tls_pin"].get<std::string>().rfind("sha256//", 0) == 0);
  server.kill(SIGTERM);
  CHECK(server.wait() == 0);
}

TEST_CASE("in a window, the kiosk with no token takes its setup code from the scanner and opens") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const int port = free_port();
  ServerProcess server(dir, central, port);
  server.start();
  REQUIRE(server.wait_ready(10s));
  const auto code = setup_code(dir, central, "door-w", port);

  XvfbServer x(800, 480);
  ::setenv("DISPLAY", x.display().c_str(), 1);
  ::setenv("SDL_AUDIODRIVER", "dummy", 1);
  // As test_kiosk_display: SDL's X11 libraries keep allocations at exit.
  const std::string asan = std::getenv("ASAN_OPTIONS") ? std::getenv("ASAN_OPTIONS") : "";
  ::setenv("ASAN_OPTIONS", (asan + ":detect_leaks=0").c_str(), 1);
  const std::string data = dir.file("window-box");
  // A scanner that types at human speed here (a loaded test machine): accept_typing.
  const std::string toml = dir.write("window.toml", "data = \"" + data + "\"\nfullscreen = false\n" +
                                                        "[scanner]\naccept_typing = true\n[server]\nsetup_code = true\n" +
                                                        "token_file = \"" + data + "/token\"\n");
  ChildProcess kiosk({SPEEDMEET_KIOSK_BIN, "--config", toml}, dir.file("w.out"), dir.file("w.err"));
  const auto until = [&](const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + 90s;
    while (std::chrono::steady_clock::now() < deadline && kiosk.running()) {
      if (done()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  };
  REQUIRE(until([&] { return x.screenshot().at(400, 240) != Rgb{0, 0, 0}; }));
  const auto xdo = [](const std::vector<std::string>& args) {
    std::vector<std::string> argv{"/usr/bin/xdotool"};
    argv.insert(argv.end(), args.begin(), args.end());
    require_ok(run_process(argv));
  };
  xdo({"search", "--sync", "--name", "^speedmeet$", "windowfocus", "--sync"});
  xdo({"type", "--delay", "20", "not-a-code"});
  xdo({"key", "Return"});
  CHECK(until([&] { return read_file(dir.file("w.err")).find("not a speedmeet setup code") != std::string::npos; }));
  // xdotool on a loaded machine may stall mid-code, and a typed code's keys
  // then reach the wedge in bursts it takes for a scanner's: typed again
  // (a box's scanner sends it in one go; a code refused as garbled is not used up).
  const auto enrolled = [&] { return std::filesystem::exists(data + "/token"); };
  for (int attempt = 0; attempt < 3 && !enrolled(); ++attempt) {
    xdo({"type", "--delay", "20", protocol::setup_code_text(code)});
    xdo({"key", "Return"});
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!enrolled() && kiosk.running() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(100ms);
  }
  REQUIRE(enrolled());
  // Enrolled: the snapshot, then the event's own window.
  CHECK(until([&] { return std::filesystem::exists(data + "/kiosk.db"); }));
  CHECK(until([&] { return count_rows(central, "SELECT count(*) FROM devices WHERE name = 'door-w' AND last_seen_at IS NOT NULL") == 1; }));
  kiosk.kill(SIGTERM);
  CHECK(kiosk.wait() == 0);
  INFO(read_file(dir.file("w.err")));
  CHECK(read_file(dir.file("w.err")).find("enrolled as \"door-w\"") != std::string::npos);
  ::setenv("ASAN_OPTIONS", asan.c_str(), 1);
  server.kill(SIGTERM);
  CHECK(server.wait() == 0);
}
