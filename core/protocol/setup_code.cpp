#include "setup_code.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "json_guard.hpp"
#include "messages.hpp"
#include "protocol_error.hpp"

namespace speedmeet::protocol {
namespace {

using nlohmann::json;

bool is_lower_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool is_base64(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
  });
}

// "sha256//" and the 44 base64 characters of a SHA-256 digest.
bool is_tls_pin(std::string_view text) {
  constexpr std::string_view prefix = "sha256//";
  return text.size() == prefix.size() + 44 && text.substr(0, prefix.size()) == prefix &&
         is_base64(text.substr(prefix.size()));
}

bool is_server_url(std::string_view url) {
  if (url.size() > 512) return false;
  const bool https = url.rfind("https://", 0) == 0;
  if (!https && url.rfind("http://", 0) != 0) return false;
  const auto host = url.substr(https ? 8 : 7);
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return c > 0x20 && c < 0x7F && c != '?' && c != '#' && c != '@' && c != '\\';
  });
}

json parse_object(std::string_view text) {
  json j = parse_json(text, 4);
  if (!j.is_object()) throw ProtocolError(400, "invalid_field", "the body must be a JSON object");
  return j;
}

std::string text_field(const json& j, const char* name, std::size_t max) {
  const auto it = j.find(name);
  if (it == j.end() || !it->is_string()) throw ProtocolError(400, "invalid_field", std::string(name) + " must be a string");
  std::string value = it->get<std::string>();
  if (value.size() > max) throw ProtocolError(400, "invalid_field", std::string(name) + " is too long");
  return value;
}

int version_field(const json& j) {
  const auto it = j.find("handshake_version");
  if (it == j.end() || !it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > 1'000'000)
    throw ProtocolError(400, "invalid_field", "handshake_version must be a whole number from 1");
  return static_cast<int>(it->get<std::int64_t>());
}

}  // namespace

bool looks_like_setup_code(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{' &&
         text.find("\"handshake_version\"") != std::string_view::npos;
}

bool looks_like_enrolment_secret(std::string_view text) {
  return text.size() == 68 && text.substr(0, 4) == "sme_" && is_lower_hex(text.substr(4));
}

std::string setup_code_text(const SetupCode& code) {
  // Fixed key order (nlohmann's ordered_json): the same code is the same text.
  const nlohmann::ordered_json j = {{"handshake_version", code.handshake_version},
                                    {"url", code.url},
                                    {"secret", code.secret},
                                    {"tls_pin", code.tls_pin},
                                    {"event_key", code.event_key}};
  return j.dump();
}

SetupCode parse_setup_code(std::string_view text) {
  if (text.size() > kMaxSetupCodeBytes || !looks_like_setup_code(text))
    throw SetupCodeError("This is not a speedmeet setup code: show the code that speedmeet device add --qr made.");
  json j;
  SetupCode code;
  try {
    j = parse_object(text);
    code.handshake_version = version_field(j);
  } catch (const ProtocolError&) {
    throw SetupCodeError("This setup code is damaged or incomplete: make a new one with speedmeet device add --qr.");
  }
  if (code.handshake_version > kHandshakeVersion)
    throw SetupCodeError("This setup code needs newer kiosk software (handshake version " +
                         std::to_string(code.handshake_version) + ", this kiosk speaks " +
                         std::to_string(kHandshakeVersion) + "): update the kiosk software.");
  try {
    code.url = text_field(j, "url", 512);
    code.secret = text_field(j, "secret", 128);
    code.tls_pin = text_field(j, "tls_pin", 128);
    code.event_key = text_field(j, "event_key", 64);
  } catch (const ProtocolError&) {
    throw SetupCodeError("This setup code is damaged or incomplete: make a new one with speedmeet device add --qr.");
  }
  const bool https = code.url.rfind("https://", 0) == 0;
  if (!is_server_url(code.url) || !looks_like_enrolment_secret(code.secret) || code.event_key.size() != 16 ||
      !is_lower_hex(code.event_key) || (https ? !is_tls_pin(code.tls_pin) : !code.tls_pin.empty()))
    throw SetupCodeError("This setup code is damaged or incomplete: make a new one with speedmeet device add --qr.");
  return code;
}

std::string enroll_request_json(const EnrollRequest& r) {
  const json j = {{"handshake_version", r.handshake_version},
                  {"secret", r.secret},
                  {"event_key", r.event_key},
                  {"software", r.software},
                  {"hardware", r.hardware}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

EnrollRequest parse_enroll_request(std::string_view body) {
  const json j = parse_object(body);
  EnrollRequest r;
  r.handshake_version = version_field(j);
  if (r.handshake_version > kHandshakeVersion) return r;  // refused by the caller, whatever else the body holds
  r.secret = text_field(j, "secret", 128);
  r.event_key = text_field(j, "event_key", 64);
  if (j.contains("software")) r.software = text_field(j, "software", 128);
  if (j.contains("hardware")) r.hardware = text_field(j, "hardware", 128);
  return r;
}

std::string enroll_answer_json(const EnrollAnswer& a) {
  const json j = {{"api", 1},
                  {"device", a.device},
                  {"token", a.token},
                  {"event_id", a.event_id},
                  {"public_key", a.public_key},
                  {"server_time", a.server_time}};
  return j.dump();
}

EnrollAnswer parse_enroll_answer(std::string_view body) {
  EnrollAnswer a;
  try {
    const json j = parse_object(body);
    a.device = text_field(j, "device", 64);
    a.token = text_field(j, "token", 256);
    a.event_id = text_field(j, "event_id", 256);
    a.public_key = text_field(j, "public_key", 128);
    const auto t = j.find("server_time");
    if (t != j.end() && t->is_number_integer()) a.server_time = t->get<std::int64_t>();
  } catch (const ProtocolError&) {
    throw SetupCodeError("The server's answer to the enrolment is not one this kiosk understands: update the kiosk software.");
  }
  if (!is_device_name(a.device) || a.token.empty() || a.public_key.size() != 64 || !is_lower_hex(a.public_key))
    throw SetupCodeError("The server's answer to the enrolment is not one this kiosk understands: update the kiosk software.");
  return a;
}

}  // namespace speedmeet::protocol
