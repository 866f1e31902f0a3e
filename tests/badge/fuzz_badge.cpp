// libFuzzer target for the badge parser and verifier (scripts/fuzz builds it
// with clang and -fsanitize=fuzzer,address,undefined; fuzz_replay_main.cpp
// replays the corpus in the ordinary build). Beyond "no crash, no UB, no
// out-of-bounds read", it checks invariants that would mean a forgery or a
// malleable encoding:
//   * parse_badge accepts nothing longer than kMaxBadgeText;
//   * a code verified ok as an SM1 badge is exactly the code the event key
//     issues for its num and serial (one text per badge, no variants);
//   * ok and revoked always name a participant, other answers never do.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

#include "badge_fixture.hpp"

namespace {

void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz_badge invariant broken: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace speedmeet;
  static const badge::BadgeVerifier verifier(test::kTestEventId, test::event_keys().public_key);
  static const badge::MemoryRoster roster = test::test_roster();
  static const badge::SigningKey key(test::event_keys().secret_key);

  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto parsed = badge::parse_badge(text)) require(text.size() <= badge::kMaxBadgeText, "over-long parse");

  const badge::Verification v = verifier.verify(text, roster);
  const bool names_someone = v.status == badge::BadgeStatus::ok || v.status == badge::BadgeStatus::revoked;
  require(names_someone == !v.participant_id.empty(), "participant named for the wrong answers");
  if (v.status == badge::BadgeStatus::ok && !v.external)
    require(badge::issue_badge(key, test::kTestEventId, v.num, v.serial) == text, "a second text for one badge");
  return 0;
}
