#include "enrolment.hpp"

#include <nlohmann/json.hpp>

#include "curl_transport.hpp"
#include "protocol/bundles.hpp"

namespace speedmeet::client {
namespace {

using protocol::SetupCodeError;

std::string make_new_one() { return " Make a new one with speedmeet device add --qr."; }

// The refusal's `error` code and message from an error answer's body.
std::pair<std::string, std::string> error_of(const std::string& body) {
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) return {};
  return {j.value("error", std::string{}), j.value("message", std::string{})};
}

[[noreturn]] void refuse(const HttpResult& r, const std::string& url) {
  if (r.pin_mismatch)
    throw SetupCodeError("The server's TLS certificate does not match the setup code's fingerprint: the code was made "
                         "for another server, or something is in between.");
  if (r.status == 0)
    throw SetupCodeError("The server " + url + " cannot be reached (" + r.error +
                         "): check the network and that speedmeet serve runs there.");
  const auto [code, message] = error_of(r.body);
  if (code == "secret_used") throw SetupCodeError("This setup code was already used." + make_new_one());
  if (code == "secret_expired") throw SetupCodeError("This setup code has expired." + make_new_one());
  if (code == "secret_unknown")
    throw SetupCodeError("The server does not know this setup code (a newer one replaced it, or it is another "
                         "server's)." + make_new_one());
  if (code == "handshake_version")
    throw SetupCodeError("The server speaks an older enrolment handshake than this kiosk: update the server software.");
  if (code == "event_mismatch")
    throw SetupCodeError("The server holds another event than the setup code names." + make_new_one());
  if (code == "device_active")
    throw SetupCodeError("The server already has a kiosk enrolled under this code's name: revoke it with speedmeet "
                         "device revoke, then make a new code.");
  throw SetupCodeError("The server refused the enrolment (HTTP " + std::to_string(r.status) +
                       (message.empty() ? "" : ": " + message.substr(0, 200)) + ").");
}

}  // namespace

protocol::EnrollAnswer enrol_with_setup_code(const protocol::SetupCode& code, const EnrolFrom& from) {
  TransportConfig config;
  config.server_url = code.url;
  config.tls_pin = code.tls_pin;
  config.connect_timeout = std::chrono::seconds(5);
  config.request_timeout = std::chrono::seconds(20);
  config.max_response_bytes = 64 * 1024;  // a name, a token, a key
  CurlTransport transport(config);
  const HttpResult r = transport.post_json(
      "/api/v1/device/enroll",
      protocol::enroll_request_json({protocol::kHandshakeVersion, code.secret, code.event_key, from.software, from.hardware}));
  if (r.status != 200) refuse(r, code.url);
  protocol::EnrollAnswer answer = protocol::parse_enroll_answer(r.body);
  // The server checked the event key before using the secret; a kiosk
  // still believes only what the code said.
  if (protocol::key_fingerprint(answer.public_key) != code.event_key)
    throw SetupCodeError("The server answered with another event key than the setup code names: the code was made "
                         "for another server.");
  return answer;
}

}  // namespace speedmeet::client
