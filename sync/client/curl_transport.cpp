#include "curl_transport.hpp"

#include <curl/curl.h>

#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace speedmeet::client {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
  });
}

struct Sink {
  std::string* body;
  std::size_t limit;
  bool overflow = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->body->size() + n > sink->limit) {
    sink->overflow = true;
    return 0;  // makes curl fail the transfer with CURLE_WRITE_ERROR
  }
  sink->body->append(data, n);
  return n;
}

int check_cancel(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel && cancel->load() ? 1 : 0;  // non-zero aborts the transfer
}

}  // namespace

struct CurlTransport::Handles {
  struct EasyCleanup { void operator()(CURL* h) const { curl_easy_cleanup(h); } };
  struct ListCleanup { void operator()(curl_slist* l) const { curl_slist_free_all(l); } };
  std::unique_ptr<CURL, EasyCleanup> easy;
  std::unique_ptr<curl_slist, ListCleanup> get_headers;
  std::unique_ptr<curl_slist, ListCleanup> post_headers;
  char error[CURL_ERROR_SIZE] = {};
};

CurlTransport::CurlTransport(TransportConfig config) : config_(std::move(config)), handles_(std::make_unique<Handles>()) {
  const auto& url = config_.server_url;
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    throw std::invalid_argument("server URL must start with http:// or https://");
  while (!config_.server_url.empty() && config_.server_url.back() == '/') config_.server_url.pop_back();
  if (!config_.ca_file.empty() && !std::filesystem::exists(config_.ca_file))
    throw std::invalid_argument("CA file " + config_.ca_file + " does not exist");
  global_init_once();
  handles_->easy.reset(curl_easy_init());
  if (!handles_->easy) throw std::runtime_error("libcurl could not create a handle");

  const auto add = [](std::unique_ptr<curl_slist, Handles::ListCleanup>& list, const std::string& header) {
    curl_slist* grown = curl_slist_append(list.get(), header.c_str());
    if (!grown) throw std::runtime_error("out of memory for HTTP headers");
    list.release();
    list.reset(grown);
  };
  const std::string auth = "Authorization: Bearer " + config_.token;
  for (auto* list : {&handles_->get_headers, &handles_->post_headers}) {
    if (!config_.token.empty()) add(*list, auth);  // enrolment has no token yet
    add(*list, "Accept: application/json");
  }
  add(handles_->post_headers, "Content-Type: application/json");
  add(handles_->post_headers, "Expect:");  // no 100-continue round trip

  CURL* h = handles_->easy.get();
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without signals: we run on our own thread
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, handles_->error);
  // gzip only: the server answers gzip, and offering br would let a stock
  // cpp-httplib server spend its CPU on Brotli's slowest setting.
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip");
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.request_timeout.count()));
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  if (!config_.tls_pin.empty()) {
    // Enrolled by setup code: the pinned key is the server's identity. libcurl
    // compares it after the handshake and before sending anything, so a
    // wrong server never sees the request (nor a token or secret in it).
    curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, config_.tls_pin.c_str());
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
  } else {
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!config_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, config_.ca_file.c_str());
  }
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "speedmeet-kiosk/1");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_body);
  if (config_.cancel) {
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, check_cancel);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(config_.cancel));
  }
}

CurlTransport::~CurlTransport() = default;

HttpResult CurlTransport::get(const std::string& path_and_query) { return perform(path_and_query, nullptr); }

HttpResult CurlTransport::post_json(const std::string& path, const std::string& body) { return perform(path, &body); }

HttpResult CurlTransport::perform(const std::string& path, const std::string* body) {
  CURL* h = handles_->easy.get();
  const std::string url = config_.server_url + path;
  HttpResult result;
  Sink sink{&result.body, config_.max_response_bytes};
  handles_->error[0] = '\0';
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  if (body) {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, handles_->post_headers.get());
  } else {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, handles_->get_headers.get());
  }
  const CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    result.body.clear();
    result.pin_mismatch = rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
    result.error = sink.overflow ? "the answer was larger than " + std::to_string(config_.max_response_bytes) + " bytes"
                                 : std::string(curl_easy_strerror(rc)) +
                                       (handles_->error[0] ? std::string(": ") + handles_->error : std::string{});
    return result;
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  result.status = static_cast<int>(status);
  return result;
}

}  // namespace speedmeet::client
