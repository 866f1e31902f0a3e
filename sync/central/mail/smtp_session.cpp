#include "smtp_session.hpp"

#include <curl/curl.h>

#include <cstring>
#include <filesystem>
#include <mutex>
#include <vector>

namespace speedmeet::mail {
namespace {

constexpr std::size_t kMaxAnswerLines = 64;   // kept per transfer; EHLO has a dozen
constexpr std::size_t kMaxAnswerLength = 512;  // RFC 5321 4.5.3.1.5: 512 octets a reply line

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
  });
}

struct UrlDeleter { void operator()(CURLU* u) const { curl_url_cleanup(u); } };
struct CurlStringDeleter { void operator()(char* s) const { curl_free(s); } };

std::string url_part(CURLU* url, CURLUPart part) {
  char* raw = nullptr;
  if (curl_url_get(url, part, &raw, 0) != CURLUE_OK || !raw) return "";
  const std::unique_ptr<char, CurlStringDeleter> owned(raw);
  return raw;
}

struct ParsedUrl {
  std::string scheme, host, port;
};

// smtp:// or smtps:// HOST[:PORT] and nothing else: users go in --user, the
// EHLO name is ours to choose.
ParsedUrl parse_url(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return std::invalid_argument("--smtp \"" + text + "\": " + why + "; expected smtp://HOST:PORT or smtps://HOST:PORT");
  };
  if (text.size() > 300) throw bad("too long");
  const std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
  if (!url) throw std::runtime_error("out of memory");
  if (curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) throw bad("not a URL");
  ParsedUrl parsed{url_part(url.get(), CURLUPART_SCHEME), url_part(url.get(), CURLUPART_HOST),
                   url_part(url.get(), CURLUPART_PORT)};
  if (parsed.scheme != "smtp" && parsed.scheme != "smtps") throw bad("the scheme must be smtp or smtps");
  if (parsed.host.empty()) throw bad("no host");
  if (!url_part(url.get(), CURLUPART_USER).empty()) throw bad("put the user name in --user, not in the URL");
  const std::string path = url_part(url.get(), CURLUPART_PATH);
  if (!(path.empty() || path == "/") || !url_part(url.get(), CURLUPART_QUERY).empty() ||
      !url_part(url.get(), CURLUPART_FRAGMENT).empty())
    throw bad("no path, query or fragment");
  if (parsed.port.empty()) parsed.port = parsed.scheme == "smtps" ? "465" : "25";
  return parsed;
}

// The 3-digit code an answer line starts with, or 0.
int answer_code(std::string_view line) {
  if (line.size() < 3) return 0;
  for (std::size_t i = 0; i < 3; ++i)
    if (line[i] < '0' || line[i] > '9') return 0;
  return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

}  // namespace

const char* to_string(SendOutcome outcome) {
  switch (outcome) {
    case SendOutcome::accepted: return "accepted";
    case SendOutcome::deferred: return "deferred";
    case SendOutcome::refused: return "refused";
    case SendOutcome::sender_refused: return "sender refused";
    case SendOutcome::connection_failed: return "connection failed";
    case SendOutcome::uncertain: return "uncertain";
  }
  return "connection failed";
}

void check_smtp_url(const std::string& url) { parse_url(url); }

bool is_loopback_host(const std::string& url) {
  try {
    const std::string host = parse_url(url).host;
    return host == "localhost" || host == "[::1]" || host == "::1" || host.rfind("127.", 0) == 0;
  } catch (const std::invalid_argument&) {
    return false;
  }
}

// What one transfer reads and hears: the message as libcurl asks for it, and
// the server's answers (libcurl hands SMTP replies to the header callback).
struct Transfer {
  std::string_view message;
  std::size_t sent = 0;
  const std::function<void()>* on_body_done = nullptr;
  bool body_done = false;
  std::exception_ptr failure;
  std::vector<std::string> answers;  // bounded
  std::string final_answer;          // the first answer after the body: the verdict

  static std::size_t read(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* self = static_cast<Transfer*>(user);
    const std::size_t n = std::min(size * count, self->message.size() - self->sent);
    if (n > 0) {
      std::memcpy(buffer, self->message.data() + self->sent, n);
      self->sent += n;
      return n;
    }
    if (!self->body_done) {
      try {
        if (self->on_body_done && *self->on_body_done) (*self->on_body_done)();
      } catch (...) {
        self->failure = std::current_exception();
        return CURL_READFUNC_ABORT;  // before the end-of-data mark: the server drops the message
      }
      self->body_done = true;
    }
    return 0;
  }

  static std::size_t answer(char* data, std::size_t size, std::size_t count, void* user) {
    auto* self = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    std::string line(data, std::min(n, kMaxAnswerLength));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (self->body_done && self->final_answer.empty() && line.size() >= 4 && line[3] == ' ') self->final_answer = line;
    if (self->answers.size() < kMaxAnswerLines) self->answers.push_back(std::move(line));
    return n;
  }

  // The last complete answer with this code ("550 5.1.1 ..."), else any.
  std::string answer_with(long code) const {
    for (auto it = answers.rbegin(); it != answers.rend(); ++it)
      if (answer_code(*it) == code && it->size() >= 4 && it->at(3) == ' ') return *it;
    return answers.empty() ? std::string{} : answers.back();
  }
};

struct SmtpSession::Handles {
  struct EasyCleanup { void operator()(CURL* h) const { curl_easy_cleanup(h); } };
  struct ListCleanup { void operator()(curl_slist* l) const { curl_slist_free_all(l); } };
  std::unique_ptr<CURL, EasyCleanup> easy;
  char error[CURL_ERROR_SIZE] = {};
};

SmtpSession::SmtpSession(const SmtpConfig& config) : handles_(std::make_unique<Handles>()) {
  const ParsedUrl url = parse_url(config.url);
  server_ = url.scheme + "://" + url.host + ":" + url.port;
  if (!config.ca_file.empty() && !std::filesystem::is_regular_file(config.ca_file))
    throw std::invalid_argument("--cacert " + config.ca_file + ": no such file");
  global_init_once();
  handles_->easy.reset(curl_easy_init());
  if (!handles_->easy) throw std::runtime_error("libcurl could not create a handle");
  CURL* h = handles_->easy.get();
  // The URL's path is the EHLO name in libcurl.
  const std::string full = server_ + "/" + (config.helo_domain.empty() ? "localhost" : config.helo_domain);
  curl_easy_setopt(h, CURLOPT_URL, full.c_str());  // libcurl copies option strings
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, handles_->error);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT, static_cast<long>((config.response_timeout.count() + 999) / 1000));
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!config.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, config.ca_file.c_str());
  if (config.starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config.user.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, config.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, config.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Transfer::answer);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &Transfer::read);
}

SmtpSession::~SmtpSession() = default;

void SmtpSession::reconnect_next() { curl_easy_setopt(handles_->easy.get(), CURLOPT_FRESH_CONNECT, 1L); }

void SmtpSession::probe() {
  CURL* h = handles_->easy.get();
  Transfer transfer;
  std::string ignored;
  handles_->error[0] = '\0';
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 0L);
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, nullptr);
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "NOOP");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, +[](char*, std::size_t size, std::size_t count, void*) { return size * count; });
  const CURLcode rc = curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, nullptr);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, nullptr);
  if (rc != CURLE_OK)
    throw SmtpError("cannot use the SMTP server " + server_ + ": " + curl_easy_strerror(rc) +
                    (handles_->error[0] ? std::string(" (") + handles_->error + ")" : std::string{}));
}

SendResult SmtpSession::send(const std::string& from, const std::string& to, std::string_view message,
                             const std::function<void()>& on_body_done) {
  CURL* h = handles_->easy.get();
  Transfer transfer;
  transfer.message = message;
  transfer.on_body_done = &on_body_done;
  const std::unique_ptr<curl_slist, Handles::ListCleanup> recipients(curl_slist_append(nullptr, ("<" + to + ">").c_str()));
  if (!recipients) throw std::runtime_error("out of memory for the recipient list");
  const std::string mail_from = "<" + from + ">";
  handles_->error[0] = '\0';
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  // No CURLOPT_INFILESIZE: with a known size libcurl stops reading at the
  // last byte, and the read callback would not see the end of the body.
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(-1));
  curl_easy_setopt(h, CURLOPT_READDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
  const CURLcode rc = curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, nullptr);  // the list dies here
  curl_easy_setopt(h, CURLOPT_READDATA, nullptr);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, nullptr);
  curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 0L);
  if (transfer.failure) std::rethrow_exception(transfer.failure);

  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  const std::string curl_error = std::string(curl_easy_strerror(rc)) +
                                 (handles_->error[0] ? std::string(" (") + handles_->error + ")" : std::string{});
  // libcurl succeeds only on a 250 to the end of data: the server has it.
  if (rc == CURLE_OK) return {SendOutcome::accepted, transfer.answers.empty() ? "250" : transfer.answers.back()};
  if (transfer.body_done) {
    // The verdict on the message is the answer to its end-of-data mark.
    if (transfer.final_answer.empty()) return {SendOutcome::uncertain, "no answer after the message: " + curl_error};
    const int verdict = answer_code(transfer.final_answer);
    if (verdict / 100 == 4) return {SendOutcome::deferred, transfer.final_answer};
    if (verdict / 100 == 5) return {SendOutcome::refused, transfer.final_answer};
    return {SendOutcome::uncertain, transfer.final_answer + " (" + curl_error + ")"};
  }
  // Before the end of the message: whatever happened, it did not arrive.
  // libcurl says which command failed in its error text.
  const std::string_view said(handles_->error);
  const std::string answer = transfer.answer_with(code);
  if (code == 421) return {SendOutcome::connection_failed, answer};  // the server is closing the connection
  if (said.rfind("MAIL failed", 0) == 0) return {SendOutcome::sender_refused, answer};
  if (said.rfind("RCPT failed", 0) == 0 || said.rfind("DATA failed", 0) == 0) {
    if (code / 100 == 4) return {SendOutcome::deferred, answer};
    if (code / 100 == 5) return {SendOutcome::refused, answer};
  }
  return {SendOutcome::connection_failed, curl_error};
}

}  // namespace speedmeet::mail
