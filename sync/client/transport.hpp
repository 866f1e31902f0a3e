#pragma once
// How the sync client reaches the server: one request at a time, answers
// read whole. CurlTransport is the real one; tests substitute their own.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

namespace speedmeet::client {

struct HttpResult {
  int status = 0;     // 0: no HTTP answer at all (see error)
  std::string body;
  std::string error;  // transport failure, never containing the token
  bool pin_mismatch = false;  // the server's certificate key is not the pinned one (nothing was sent)
};

class Transport {
 public:
  virtual ~Transport() = default;
  // path_and_query starts with "/api/v1/...".
  virtual HttpResult get(const std::string& path_and_query) = 0;
  virtual HttpResult post_json(const std::string& path, const std::string& body) = 0;
};

struct TransportConfig {
  std::string server_url;  // http://host:port or https://host:port (no trailing path)
  std::string token;
  std::string ca_file;     // extra CA bundle for https; empty: the system's
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{20000};
  std::size_t max_response_bytes = 256 * 1024 * 1024;  // after decompression
  // When set and true, a request in flight is abandoned at once (shutdown).
  const std::atomic<bool>* cancel = nullptr;
  // "sha256//BASE64" of the server certificate's public key (a setup code's
  // tls_pin): when set, that key is the only check (no CA chain, no host
  // name), so a self-signed certificate needs no CA file.
  std::string tls_pin = {};
};

}  // namespace speedmeet::client
