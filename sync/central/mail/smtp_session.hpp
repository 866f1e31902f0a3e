#pragma once
// Sending messages with libcurl's SMTP, one connection for many: the easy
// handle is kept and reused, and libcurl keeps its connection open between
// transfers (and opens a new one when the server closed it). STARTTLS when
// asked, AUTH when a user is given; the password is handed to libcurl and
// never logged (no verbose output, no debug callback).
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace speedmeet::mail {

struct SmtpConfig {
  std::string url;          // smtp://HOST[:PORT] or smtps://HOST[:PORT] (implicit TLS)
  bool starttls = false;    // require STARTTLS on smtp://
  std::string user;         // empty: no AUTH
  std::string password;     // with user
  std::string ca_file;      // extra CA bundle for a private server certificate; empty: the system's
  std::string helo_domain;  // what EHLO names this machine
  std::chrono::milliseconds connect_timeout{15000};
  std::chrono::milliseconds response_timeout{60000};  // for each server answer
};

// The server cannot be reached, refuses TLS or our login, or the connection
// broke. The message names the server and why.
class SmtpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class SendOutcome {
  accepted,           // 2xx after the end of data: the server has it
  deferred,           // 4xx for the recipient or the message: try again later
  refused,            // 5xx for the recipient or the message: it will never arrive
  sender_refused,     // MAIL FROM refused: no message can go; stop
  connection_failed,  // no verdict, and the message did not arrive (it never got to its end)
  uncertain,          // the whole message left but no verdict came back: it may have arrived
};
const char* to_string(SendOutcome outcome);

struct SendResult {
  SendOutcome outcome = SendOutcome::connection_failed;
  std::string reply;  // the server's answer ("550 5.1.1 ..."), or libcurl's error
};

class SmtpSession {
 public:
  // Throws std::invalid_argument for a URL that is not smtp:// or smtps://
  // HOST[:PORT], or a CA file that does not exist.
  explicit SmtpSession(const SmtpConfig& config);
  ~SmtpSession();
  SmtpSession(const SmtpSession&) = delete;
  SmtpSession& operator=(const SmtpSession&) = delete;

  // Opens the connection (greeting, EHLO, STARTTLS, AUTH) and sends NOOP.
  // Throws SmtpError when that fails.
  void probe();

  // One message to one recipient. on_body_done runs once the message's last
  // byte has been handed to libcurl, before the end-of-data mark that makes
  // the server take it; when it throws, the transfer is aborted before that
  // mark and send() rethrows.
  SendResult send(const std::string& from, const std::string& to, std::string_view message,
                  const std::function<void()>& on_body_done);

  // The next send() opens a new connection (after a 421 or a broken one).
  void reconnect_next();

 private:
  struct Handles;
  std::string server_;  // scheme://host:port, for messages
  std::unique_ptr<Handles> handles_;
};

// Throws std::invalid_argument, one sentence naming the URL, unless it is
// smtp:// or smtps:// HOST[:PORT] and nothing more.
void check_smtp_url(const std::string& url);

// True for 127.0.0.0/8, ::1 and localhost: where a password may go without TLS.
bool is_loopback_host(const std::string& url);

}  // namespace speedmeet::mail
