#pragma once
// Deciding what a scanned code means for this event, offline, with only the
// event's public key and the roster. No SQL here: the roster is an interface.
//
// Order of checks (first answer wins):
//   0. empty                                            -> malformed
//   1. printable UTF-8 of at most kMaxExternalCode bytes that the roster
//      holds as another ticketing system's code, whatever it looks like
//      ("SM2026.0042" too)                              -> ok (external)
//   2. text starting "SM<digits>." is a speedmeet badge:
//      version other than SM1, or anything parse_badge refuses -> malformed
//   3. event tag differs from this event's              -> other_event
//   4. Ed25519 signature fails with this event's key    -> bad_signature
//   5. num not in the roster                            -> unknown
//   6. serial older than the roster's current serial    -> revoked
//      otherwise                                        -> ok
// An external code the roster holds is revoked once its holder's serial has
// moved past kExternalCodeSerial (the badge was revoked or reissued).
// Any other text: longer than kMaxExternalCode or not printable -> malformed,
// else unknown (an external code not in the roster).
//
// other_event vs bad_signature: a badge of another event carries another
// event tag, and its signature cannot be checked without that event's key,
// so the tag alone decides other_event. A badge with our tag whose signature
// fails is a forgery or damage: bad_signature. (Two event ids share a tag with
// probability 2^-32; such a foreign badge reads bad_signature, still refused.)
// A valid signature is required before the roster's participant numbers are
// consulted, so forged SM1 codes never reveal who is in the roster; an
// external code is itself the credential, looked up exactly as scanned.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "badge_code.hpp"

namespace speedmeet::badge {

inline constexpr std::size_t kMaxExternalCode = 512;  // bytes; the importer allows 128 characters
// Another ticketing system's code is its holder's first badge: it is valid
// while their badge serial is 1. Revoking or reissuing bumps the serial, which
// refuses the code everywhere (it carries no serial of its own); what follows
// is an SM1 badge.
inline constexpr std::int64_t kExternalCodeSerial = 1;

enum class BadgeStatus { ok, bad_signature, other_event, revoked, malformed, unknown };
std::string_view to_string(BadgeStatus status);

struct RosterEntry {
  std::string participant_id;
  std::int64_t serial = 1;  // current badge serial
};

// The kiosk's (or the server's) view of who holds which badge.
class BadgeRoster {
 public:
  virtual ~BadgeRoster() = default;
  virtual std::optional<RosterEntry> find_num(std::uint32_t num) const = 0;
  // The holder of another ticketing system's code, with their current serial.
  virtual std::optional<RosterEntry> find_external_code(std::string_view code) const = 0;
};

// A roster held in memory (tests, kiosk).
class MemoryRoster : public BadgeRoster {
 public:
  void add(std::uint32_t num, std::string participant_id, std::int64_t serial, std::string external_code = "");
  std::optional<RosterEntry> find_num(std::uint32_t num) const override;
  std::optional<RosterEntry> find_external_code(std::string_view code) const override;

 private:
  std::unordered_map<std::uint32_t, RosterEntry> by_num_;
  std::unordered_map<std::string, RosterEntry> by_external_code_;
};

// A roster made of two callbacks, for callers with their own storage.
class CallbackRoster : public BadgeRoster {
 public:
  using NumLookup = std::function<std::optional<RosterEntry>(std::uint32_t)>;
  using CodeLookup = std::function<std::optional<RosterEntry>(std::string_view)>;
  CallbackRoster(NumLookup by_num, CodeLookup by_code) : by_num_(std::move(by_num)), by_code_(std::move(by_code)) {}
  std::optional<RosterEntry> find_num(std::uint32_t num) const override { return by_num_(num); }
  std::optional<RosterEntry> find_external_code(std::string_view code) const override { return by_code_(code); }

 private:
  NumLookup by_num_;
  CodeLookup by_code_;
};

struct Verification {
  BadgeStatus status = BadgeStatus::malformed;
  std::string participant_id;  // ok, revoked: whose badge it is
  bool external = false;       // another ticketing system's code
  std::uint32_t num = 0;       // SM1 badges that parsed
  std::uint32_t serial = 0;
  std::string_view detail;     // short static explanation, for logs (never contains the code)
};

class BadgeVerifier {
 public:
  // Throws std::invalid_argument unless public_key has kPublicKeyBytes bytes.
  BadgeVerifier(std::string_view event_id, std::span<const unsigned char> public_key);

  // Never throws. A roster that throws yields unknown.
  Verification verify(std::string_view text, const BadgeRoster& roster) const noexcept;

  const EventTag& tag() const { return tag_; }

 private:
  Verification verify_sm1(std::string_view text, const BadgeRoster& roster) const noexcept;
  // The roster's answer for another ticketing system's code; nullopt when
  // it holds no such code (or the text could not be one).
  std::optional<Verification> find_external(std::string_view text, const BadgeRoster& roster) const noexcept;
  EventTag tag_{};
  std::array<unsigned char, kPublicKeyBytes> public_key_{};
};

// True when text claims to be a speedmeet badge of some version ("SM<digits>.").
bool looks_like_speedmeet_badge(std::string_view text) noexcept;

}  // namespace speedmeet::badge
