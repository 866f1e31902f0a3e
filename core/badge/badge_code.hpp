#pragma once
// The SM1 badge code: what a speedmeet QR badge says, and how it is made and
// read. Pure: libsodium only, no I/O.
//
//   SM1.<payload>.<signature>          base64url, no padding
//   payload   = event tag (4 bytes: the first 4 bytes of the 32-byte BLAKE2b
//               hash of the event id, crypto_generichash)
//               || num (the participant's compact number, LEB128 varint)
//               || serial (badge serial, LEB128 varint)
//   signature = Ed25519 (crypto_sign_detached) by the event's key over
//               "SM1" || payload bytes
//
// A badge is 101 characters for num < 16384 and serial < 128, and at most
// 105 (kMaxBadgeText): it always fits a version 6 QR code at error
// correction level M (106 bytes in byte mode).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace speedmeet::badge {

inline constexpr std::string_view kVersionTag = "SM1";
inline constexpr std::size_t kEventTagBytes = 4;
inline constexpr std::uint32_t kMaxNum = (1u << 21) - 1;     // 3-byte varint
inline constexpr std::uint32_t kMaxSerial = (1u << 21) - 1;  // 3-byte varint
inline constexpr std::size_t kMinPayloadBytes = kEventTagBytes + 2;
inline constexpr std::size_t kMaxPayloadBytes = kEventTagBytes + 6;
inline constexpr std::size_t kSignatureBytes = 64;
inline constexpr std::size_t kSignatureChars = 86;  // base64url of 64 bytes, no padding
inline constexpr std::size_t kMinPayloadChars = 8;  // base64url of 6 bytes
inline constexpr std::size_t kMaxPayloadChars = 14; // base64url of 10 bytes
inline constexpr std::size_t kMaxBadgeText = kVersionTag.size() + 1 + kMaxPayloadChars + 1 + kSignatureChars;  // 105
inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSecretKeyBytes = 64;

using EventTag = std::array<std::uint8_t, kEventTagBytes>;

// First 4 bytes of BLAKE2b-256(event id).
EventTag event_tag(std::string_view event_id);

struct BadgePayload {
  EventTag event_tag{};
  std::uint32_t num = 0;     // 1..kMaxNum
  std::uint32_t serial = 0;  // 1..kMaxSerial
  bool operator==(const BadgePayload&) const = default;
};

// A syntactically valid SM1 code, signature not yet checked.
struct ParsedBadge {
  BadgePayload payload;
  std::array<unsigned char, kSignatureBytes> signature{};
  // What the signature covers: "SM1" || payload bytes.
  std::array<unsigned char, 3 + kMaxPayloadBytes> signed_message{};
  std::size_t signed_size = 0;
};

// Strict parser: length, alphabet, canonical base64url (unused bits zero),
// exact field lengths, canonical varints in range, no trailing bytes.
// Allocates nothing and never throws; on failure, *problem (when given) is
// set to a short static explanation.
std::optional<ParsedBadge> parse_badge(std::string_view text, std::string_view* problem = nullptr) noexcept;

// The event's Ed25519 secret key (libsodium's 64-byte form), wiped from
// memory when destroyed. Never print, log or send it.
class SigningKey {
 public:
  // Throws std::invalid_argument unless the key has kSecretKeyBytes bytes.
  explicit SigningKey(std::span<const unsigned char> secret_key);
  ~SigningKey();
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  SigningKey(SigningKey&& other) noexcept;
  SigningKey& operator=(SigningKey&&) = delete;

  std::span<const unsigned char, kSecretKeyBytes> bytes() const { return secret_; }
  // The matching public key (the last 32 bytes of libsodium's secret key).
  std::array<unsigned char, kPublicKeyBytes> public_key() const;

 private:
  std::array<unsigned char, kSecretKeyBytes> secret_{};
};

// The badge code for participant num of the event, with the given serial.
// Deterministic (Ed25519 signatures are). Throws std::invalid_argument when
// num or serial is outside 1..kMaxNum / 1..kMaxSerial.
std::string issue_badge(const SigningKey& key, std::string_view event_id, std::int64_t num, std::int64_t serial);

// Base64url without padding (libsodium's URL-safe variant).
std::string base64url_encode(std::span<const unsigned char> bytes);
// Strict decode into out; returns the number of bytes, or nullopt for any
// character outside [A-Za-z0-9_-], padding, non-zero unused bits, or more
// bytes than out holds.
std::optional<std::size_t> base64url_decode(std::string_view text, std::span<unsigned char> out) noexcept;

}  // namespace speedmeet::badge
