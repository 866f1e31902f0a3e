#include "badge_verifier.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "utf8.hpp"

namespace speedmeet::badge {
namespace {

Verification result(BadgeStatus status, std::string_view detail) {
  Verification v;
  v.status = status;
  v.detail = detail;
  return v;
}

}  // namespace

std::string_view to_string(BadgeStatus status) {
  switch (status) {
    case BadgeStatus::ok: return "ok";
    case BadgeStatus::bad_signature: return "bad_signature";
    case BadgeStatus::other_event: return "other_event";
    case BadgeStatus::revoked: return "revoked";
    case BadgeStatus::malformed: return "malformed";
    case BadgeStatus::unknown: return "unknown";
  }
  return "malformed";
}

bool looks_like_speedmeet_badge(std::string_view text) noexcept {
  if (text.size() < 4 || text.substr(0, 2) != "SM") return false;
  std::size_t i = 2;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  return i > 2 && i < text.size() && text[i] == '.';
}

void MemoryRoster::add(std::uint32_t num, std::string participant_id, std::int64_t serial, std::string external_code) {
  if (!external_code.empty()) by_external_code_[std::move(external_code)] = RosterEntry{participant_id, serial};
  by_num_[num] = RosterEntry{std::move(participant_id), serial};
}

std::optional<RosterEntry> MemoryRoster::find_num(std::uint32_t num) const {
  const auto it = by_num_.find(num);
  if (it == by_num_.end()) return std::nullopt;
  return it->second;
}

std::optional<RosterEntry> MemoryRoster::find_external_code(std::string_view code) const {
  const auto it = by_external_code_.find(std::string(code));
  if (it == by_external_code_.end()) return std::nullopt;
  return it->second;
}

BadgeVerifier::BadgeVerifier(std::string_view event_id, std::span<const unsigned char> public_key) {
  if (public_key.size() != kPublicKeyBytes)
    throw std::invalid_argument("an Ed25519 public key has " + std::to_string(kPublicKeyBytes) + " bytes");
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  tag_ = event_tag(event_id);
  std::copy(public_key.begin(), public_key.end(), public_key_.begin());
}

Verification BadgeVerifier::verify(std::string_view text, const BadgeRoster& roster) const noexcept {
  if (text.empty()) return result(BadgeStatus::malformed, "empty code");
  // Another ticketing system's code may look like anything, "SM2026.0042"
  // included: the roster decides first. Only a code it does not hold is
  // read as a speedmeet badge (the importer refuses external codes starting
  // "SM1.", so a genuine SM1 badge is never shadowed).
  if (auto external = find_external(text, roster)) return std::move(*external);
  if (looks_like_speedmeet_badge(text)) return verify_sm1(text, roster);
  if (text.size() > kMaxExternalCode) return result(BadgeStatus::malformed, "code too long");
  if (!is_printable_utf8(text)) return result(BadgeStatus::malformed, "code is not printable UTF-8");
  return result(BadgeStatus::unknown, "code not in the roster");
}

Verification BadgeVerifier::verify_sm1(std::string_view text, const BadgeRoster& roster) const noexcept {
  std::string_view problem;
  const auto badge = parse_badge(text, &problem);
  if (!badge) return result(BadgeStatus::malformed, problem);
  Verification v = result(BadgeStatus::ok, "");
  v.num = badge->payload.num;
  v.serial = badge->payload.serial;
  if (badge->payload.event_tag != tag_) {
    v.status = BadgeStatus::other_event;
    v.detail = "badge of another event";
    return v;
  }
  if (crypto_sign_verify_detached(badge->signature.data(), badge->signed_message.data(), badge->signed_size,
                                  public_key_.data()) != 0) {
    v.status = BadgeStatus::bad_signature;
    v.detail = "signature does not match the event key";
    return v;
  }
  try {
    auto entry = roster.find_num(badge->payload.num);
    if (!entry) {
      v.status = BadgeStatus::unknown;
      v.detail = "participant number not in the roster";
      return v;
    }
    v.participant_id = std::move(entry->participant_id);
    // A serial newer than the roster's was still signed by the event key:
    // this roster has not heard of the reissue yet, the badge is genuine.
    if (badge->payload.serial < entry->serial) {
      v.status = BadgeStatus::revoked;
      v.detail = "badge revoked, or replaced by a newer one";
    }
    return v;
  } catch (...) {
    return result(BadgeStatus::unknown, "roster lookup failed");
  }
}

std::optional<Verification> BadgeVerifier::find_external(std::string_view text, const BadgeRoster& roster) const noexcept {
  if (text.size() > kMaxExternalCode || !is_printable_utf8(text)) return std::nullopt;
  try {
    auto entry = roster.find_external_code(text);
    if (!entry) return std::nullopt;
    Verification v = result(BadgeStatus::ok, "");
    v.external = true;
    v.participant_id = std::move(entry->participant_id);
    if (entry->serial > kExternalCodeSerial) {
      v.status = BadgeStatus::revoked;
      v.detail = "external code revoked: its holder's badge was revoked or reissued";
    }
    return v;
  } catch (...) {
    return std::nullopt;  // as if not held: the code is then read as what it looks like
  }
}

}  // namespace speedmeet::badge
