#pragma once
// Kiosk enrolment by setup code (docs/API.md, "Enrolment"): the text of the
// QR code `speedmeet device add DB NAME --qr FILE.png` makes, and the body
// and answer of POST /api/v1/device/enroll. Pure: no network, no files.
//
// A setup code is one line of JSON:
//   {"handshake_version":1,"url":"https://10.0.0.2:8443","secret":"sme_<64 hex>",
//    "tls_pin":"sha256//<base64>","event_key":"<16 hex>"}
// tls_pin is empty for an http:// URL.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace speedmeet::protocol {

// The handshake this software speaks. A setup code or request with a higher
// number comes from newer software and is refused, never half-understood.
inline constexpr int kHandshakeVersion = 1;
// A setup code's text is short (about 240 bytes over https: QR version 11 at
// level M); anything over this bound is not one.
inline constexpr std::size_t kMaxSetupCodeBytes = 1024;

struct SetupCode {
  int handshake_version = kHandshakeVersion;
  std::string url;        // http(s)://host:port, no path
  std::string secret;     // one-time enrolment secret
  std::string tls_pin;    // "sha256//" + base64 SHA-256 of the certificate's public key; empty for http
  std::string event_key;  // key_fingerprint() of the event's public key
};

// Whether `text` is meant as a setup code (a JSON object naming a
// handshake_version) rather than a badge: the kiosk's setup screen takes
// nothing else, and a badge shown to it gets its own sentence.
bool looks_like_setup_code(std::string_view text);

// The code's text (compact JSON, ASCII).
std::string setup_code_text(const SetupCode& code);

// Thrown for a setup code or enrolment answer that cannot be used; what()
// is one sentence for the screen and the log.
class SetupCodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a setup code; a code for a newer handshake is refused first, before
// its other fields are looked at ("update the kiosk software"). Throws
// SetupCodeError.
SetupCode parse_setup_code(std::string_view text);

// Secrets and tokens: prefix and 64 lower-case hex digits.
bool looks_like_enrolment_secret(std::string_view text);  // "sme_..."

struct EnrollRequest {
  int handshake_version = kHandshakeVersion;
  std::string secret;
  std::string event_key;  // the setup code's: the server refuses another event's code before using it
  std::string software;   // e.g. "speedmeet-kiosk 0.1.0" (informative, at most 128 bytes)
  std::string hardware;   // e.g. "Linux aarch64" (informative, at most 128 bytes)
};
std::string enroll_request_json(const EnrollRequest& request);
// Throws ProtocolError (400 invalid_field, malformed_json, too_deep).
EnrollRequest parse_enroll_request(std::string_view body);

struct EnrollAnswer {
  std::string device;      // the name the kiosk is enrolled as: its journal rows' device
  std::string token;       // the device token, sent only in this answer
  std::string event_id;
  std::string public_key;  // the event's Ed25519 public key, hex
  std::int64_t server_time = 0;
};
std::string enroll_answer_json(const EnrollAnswer& answer);
// Throws SetupCodeError for an answer that is not one.
EnrollAnswer parse_enroll_answer(std::string_view body);

}  // namespace speedmeet::protocol
