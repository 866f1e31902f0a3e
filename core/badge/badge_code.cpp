#include "badge_code.hpp"

#include <sodium.h>

#include <stdexcept>

namespace speedmeet::badge {
namespace {

void ensure_sodium() {
  // Idempotent and thread-safe; needed before signing or verifying.
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

bool is_base64url_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::size_t put_varint(std::uint32_t value, unsigned char* out) {
  std::size_t n = 0;
  while (value >= 0x80) {
    out[n++] = static_cast<unsigned char>((value & 0x7F) | 0x80);
    value >>= 7;
  }
  out[n++] = static_cast<unsigned char>(value);
  return n;
}

// Reads a canonical LEB128 varint of at most 3 bytes from bytes[pos..size).
// Canonical: no superfluous trailing zero groups (0x80 0x00 is refused), so
// every number has exactly one encoding and every badge exactly one text.
std::optional<std::uint32_t> get_varint(const unsigned char* bytes, std::size_t size, std::size_t& pos) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    if (pos >= size) return std::nullopt;
    const unsigned char b = bytes[pos++];
    value |= static_cast<std::uint32_t>(b & 0x7F) << (7 * i);
    if ((b & 0x80) == 0) {
      if (i > 0 && b == 0) return std::nullopt;
      return value;
    }
  }
  return std::nullopt;
}

std::size_t build_signed_message(const BadgePayload& p, unsigned char* out) {
  std::size_t n = 0;
  for (char c : kVersionTag) out[n++] = static_cast<unsigned char>(c);
  for (auto b : p.event_tag) out[n++] = b;
  n += put_varint(p.num, out + n);
  n += put_varint(p.serial, out + n);
  return n;
}

std::optional<ParsedBadge> fail(std::string_view* problem, std::string_view why) {
  if (problem) *problem = why;
  return std::nullopt;
}

}  // namespace

EventTag event_tag(std::string_view event_id) {
  ensure_sodium();
  std::array<unsigned char, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(event_id.data()), event_id.size(),
                     nullptr, 0);
  EventTag tag{};
  for (std::size_t i = 0; i < tag.size(); ++i) tag[i] = hash[i];
  return tag;
}

std::string base64url_encode(std::span<const unsigned char> bytes) {
  const std::size_t capacity =
      sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);  // includes the NUL
  std::string out(capacity, '\0');
  sodium_bin2base64(out.data(), capacity, bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(capacity - 1);
  return out;
}

std::optional<std::size_t> base64url_decode(std::string_view text, std::span<unsigned char> out) noexcept {
  for (char c : text)
    if (!is_base64url_char(c)) return std::nullopt;
  std::size_t decoded = 0;
  // b64_end == nullptr: everything must be consumed. libsodium also refuses
  // non-zero unused bits and impossible lengths (4k+1 characters).
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &decoded, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  return decoded;
}

std::optional<ParsedBadge> parse_badge(std::string_view text, std::string_view* problem) noexcept {
  if (text.size() > kMaxBadgeText) return fail(problem, "longer than any SM1 badge");
  const std::size_t first_dot = text.find('.');
  if (first_dot == std::string_view::npos) return fail(problem, "no version tag");
  if (text.substr(0, first_dot) != kVersionTag) return fail(problem, "not an SM1 badge");
  const std::size_t second_dot = text.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos) return fail(problem, "no signature part");
  const std::string_view payload_text = text.substr(first_dot + 1, second_dot - first_dot - 1);
  const std::string_view signature_text = text.substr(second_dot + 1);
  if (payload_text.size() < kMinPayloadChars || payload_text.size() > kMaxPayloadChars)
    return fail(problem, "payload of the wrong length");
  if (signature_text.size() != kSignatureChars) return fail(problem, "signature of the wrong length");

  ParsedBadge badge;
  std::array<unsigned char, kMaxPayloadBytes> payload{};
  const auto payload_size = base64url_decode(payload_text, payload);
  if (!payload_size) return fail(problem, "payload is not canonical base64url");
  const auto signature_size = base64url_decode(signature_text, badge.signature);
  if (!signature_size || *signature_size != kSignatureBytes) return fail(problem, "signature is not canonical base64url");
  if (*payload_size < kMinPayloadBytes) return fail(problem, "payload too short");

  for (std::size_t i = 0; i < kEventTagBytes; ++i) badge.payload.event_tag[i] = payload[i];
  std::size_t pos = kEventTagBytes;
  const auto num = get_varint(payload.data(), *payload_size, pos);
  if (!num) return fail(problem, "participant number is not a canonical varint");
  const auto serial = get_varint(payload.data(), *payload_size, pos);
  if (!serial) return fail(problem, "serial is not a canonical varint");
  if (pos != *payload_size) return fail(problem, "trailing bytes after the serial");
  if (*num < 1 || *num > kMaxNum) return fail(problem, "participant number out of range");
  if (*serial < 1 || *serial > kMaxSerial) return fail(problem, "serial out of range");
  badge.payload.num = *num;
  badge.payload.serial = *serial;
  badge.signed_size = build_signed_message(badge.payload, badge.signed_message.data());
  return badge;
}

SigningKey::SigningKey(std::span<const unsigned char> secret_key) {
  if (secret_key.size() != kSecretKeyBytes)
    throw std::invalid_argument("an Ed25519 secret key has " + std::to_string(kSecretKeyBytes) + " bytes");
  std::copy(secret_key.begin(), secret_key.end(), secret_.begin());
}

SigningKey::~SigningKey() { sodium_memzero(secret_.data(), secret_.size()); }

SigningKey::SigningKey(SigningKey&& other) noexcept : secret_(other.secret_) {
  sodium_memzero(other.secret_.data(), other.secret_.size());
}

std::array<unsigned char, kPublicKeyBytes> SigningKey::public_key() const {
  std::array<unsigned char, kPublicKeyBytes> pk{};
  crypto_sign_ed25519_sk_to_pk(pk.data(), secret_.data());
  return pk;
}

std::string issue_badge(const SigningKey& key, std::string_view event_id, std::int64_t num, std::int64_t serial) {
  if (num < 1 || num > kMaxNum) throw std::invalid_argument("badge number " + std::to_string(num) + " is out of range");
  if (serial < 1 || serial > kMaxSerial)
    throw std::invalid_argument("badge serial " + std::to_string(serial) + " is out of range");
  ensure_sodium();
  BadgePayload payload{event_tag(event_id), static_cast<std::uint32_t>(num), static_cast<std::uint32_t>(serial)};
  std::array<unsigned char, 3 + kMaxPayloadBytes> message{};
  const std::size_t size = build_signed_message(payload, message.data());
  std::array<unsigned char, kSignatureBytes> signature{};
  crypto_sign_detached(signature.data(), nullptr, message.data(), size, key.bytes().data());
  const std::size_t tag_size = kVersionTag.size();
  return std::string(kVersionTag) + "." +
         base64url_encode(std::span<const unsigned char>(message.data() + tag_size, size - tag_size)) + "." +
         base64url_encode(signature);
}

}  // namespace speedmeet::badge
