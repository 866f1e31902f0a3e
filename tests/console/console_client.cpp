#include "console_client.hpp"

#include <signal.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "sync_fixtures.hpp"

using namespace std::chrono_literals;

namespace speedmeet::test {
namespace {

void add_account(const std::string& central, const std::string& name, const std::string& role,
                 const std::string& password) {
  REQUIRE(run_process({SPEEDMEET_BIN, "staff", "add", central, name, "--role", role}, password + "\n").exit_code == 0);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

ConsoleServer::ConsoleServer(const std::string& clock)
    : central(make_central_db(dir)), port(free_port()), server(dir, central, port, {"--console-clock", clock}) {
  add_account(central, "hana", "host", kHostPassword);
  add_account(central, "dora", "desk", kDeskPassword);
  add_account(central, "adam", "admin", kAdminPassword);
  server.start();
  REQUIRE(server.wait_ready(10s));
}

ConsoleServer::~ConsoleServer() {
  server.kill(SIGTERM);
  server.wait();
}

std::string header_of(const RawResponse& r, const std::string& name) {
  const std::string head = lower(r.head);
  const auto at = head.find("\r\n" + lower(name) + ":");
  if (at == std::string::npos) return "";
  const auto start = at + name.size() + 3;
  const auto end = r.head.find("\r\n", start);
  std::string value = r.head.substr(start, end - start);
  while (!value.empty() && value.front() == ' ') value.erase(0, 1);
  return value;
}

RawResponse ConsoleClient::login(const std::string& name, const std::string& password) {
  const std::string body = "name=" + name + "&password=" + password;  // test values need no escaping but spaces
  std::string form;
  for (char c : body) form += c == ' ' ? std::string("+") : std::string(1, c);
  return send_raw(port, http_request("POST", "/login", "", form, origin_header, "application/x-www-form-urlencoded"));
}

void ConsoleClient::log_in(const std::string& name, const std::string& password) {
  const auto r = login(name, password);
  REQUIRE(r.status == 303);
  REQUIRE(header_of(r, "location") == "/board");
  const std::string set = header_of(r, "set-cookie");
  cookie = set.substr(0, set.find(';'));
  const auto session = get("/console/api/session");
  REQUIRE(session.status == 200);
  csrf = nlohmann::json::parse(session.body)["csrf"];
}

RawResponse ConsoleClient::get(const std::string& target) const {
  return send_raw(port, http_request("GET", target, "", "", cookie.empty() ? "" : "Cookie: " + cookie + "\r\n"));
}

RawResponse ConsoleClient::post(const std::string& target, const std::string& body, bool with_csrf,
                                const std::string& content_type) const {
  std::string headers = origin_header;
  if (!cookie.empty()) headers += "Cookie: " + cookie + "\r\n";
  if (with_csrf) headers += "X-CSRF-Token: " + csrf + "\r\n";
  return send_raw(port, http_request("POST", target, "", body, headers, content_type));
}

}  // namespace speedmeet::test
