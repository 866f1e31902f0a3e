#pragma once
// A fixed test event: a key pair made from a constant seed (so codes are
// reproducible across runs, fuzz corpus included) and a small roster.
#include <sodium.h>

#include <array>
#include <stdexcept>
#include <string>

#include "badge/badge_code.hpp"
#include "badge/badge_verifier.hpp"

namespace speedmeet::test {

inline constexpr const char* kTestEventId = "test-event-2026";
inline constexpr const char* kOtherEventId = "other-event-2026";

struct TestKeys {
  std::array<unsigned char, badge::kPublicKeyBytes> public_key{};
  std::array<unsigned char, badge::kSecretKeyBytes> secret_key{};
};

inline TestKeys keys_from_seed(unsigned char fill) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
  seed.fill(fill);
  TestKeys k;
  crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), seed.data());
  return k;
}

inline const TestKeys& event_keys() {
  static const TestKeys k = keys_from_seed(0x42);
  return k;
}
inline const TestKeys& other_keys() {
  static const TestKeys k = keys_from_seed(0x17);
  return k;
}

// num 7 -> P07 at serial 2; num 8 -> P08 at serial 3; num 300 -> C300 at 1;
// code TKT-8F3A-2291 -> C06. Num 9 is nobody.
inline badge::MemoryRoster test_roster() {
  badge::MemoryRoster roster;
  roster.add(7, "P07", 2);
  roster.add(8, "P08", 3);
  roster.add(300, "C300", 1);
  roster.add(6, "C06", 1, "TKT-8F3A-2291");
  return roster;
}

inline std::string issue_test_badge(std::int64_t num, std::int64_t serial, const TestKeys& keys = event_keys(),
                                    const char* event_id = kTestEventId) {
  const badge::SigningKey key(keys.secret_key);
  return badge::issue_badge(key, event_id, num, serial);
}

}  // namespace speedmeet::test
