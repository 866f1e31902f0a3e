#pragma once
// A request or response that breaks the protocol. Carries the HTTP status the
// server answers with and a stable machine-readable code.
#include <stdexcept>
#include <string>

namespace speedmeet::protocol {

class ProtocolError : public std::runtime_error {
 public:
  ProtocolError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

}  // namespace speedmeet::protocol
