#pragma once
// A real `speedmeet serve` on the demo event with one console account per
// role, and a raw-HTTP browser stand-in that keeps a session cookie.
#include <chrono>
#include <string>

#include "net_helpers.hpp"
#include "support/temp_dir.hpp"

namespace speedmeet::test {

inline const std::string kHostPassword = "host password 1";
inline const std::string kDeskPassword = "desk password 1";
inline const std::string kAdminPassword = "admin password 1";

// The demo event's central database with accounts hana (host), dora (desk)
// and adam (admin), served with the console's clock at 13:58 on the day.
struct ConsoleServer {
  TempDir dir;
  std::string central;
  int port;
  ServerProcess server;
  explicit ConsoleServer(const std::string& clock = "2026-11-27T13:58");
  ~ConsoleServer();
};

// The value of header NAME (case-insensitive) in an answer's head; "".
std::string header_of(const RawResponse& r, const std::string& name);

struct ConsoleClient {
  explicit ConsoleClient(int server_port) : port(server_port) {}
  int port;
  std::string cookie;  // sm_session=...
  std::string csrf;
  std::string origin_header = "";  // e.g. "Origin: http://evil.example\r\n"

  RawResponse login(const std::string& name, const std::string& password);
  // Logs in (REQUIREs success) and reads the CSRF token.
  void log_in(const std::string& name, const std::string& password);
  RawResponse get(const std::string& target) const;
  // A POST with the session cookie; with the CSRF header when `with_csrf`.
  RawResponse post(const std::string& target, const std::string& body = "", bool with_csrf = true,
                   const std::string& content_type = "application/json") const;
};

}  // namespace speedmeet::test
