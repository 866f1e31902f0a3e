#pragma once
// libcurl transport: one easy handle reused for every request (keep-alive),
// gzip/brotli answers, connect and total timeouts, HTTPS with peer and host
// verification (optionally against a custom CA file), no redirects.
#include <memory>
#include <optional>
#include <string>

#include "transport.hpp"

namespace speedmeet::client {

class CurlTransport : public Transport {
 public:
  // Throws std::invalid_argument for a URL that is not http(s)://..., or a CA
  // file that does not exist.
  explicit CurlTransport(TransportConfig config);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  HttpResult get(const std::string& path_and_query) override;
  HttpResult post_json(const std::string& path, const std::string& body) override;

 private:
  HttpResult perform(const std::string& path, const std::string* body);
  struct Handles;
  TransportConfig config_;
  std::unique_ptr<Handles> handles_;
};

}  // namespace speedmeet::client
