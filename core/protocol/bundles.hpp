#pragma once
// Offline bundles carried on a USB stick (docs/API.md, "Offline bundles"): a
// snapshot for a kiosk with no network, and a kiosk's journal carried back.
//
// A bundle file is one header line, a JSON object of at most
// kMaxBundleHeaderBytes ending in "\n", then the payload: the JSON message.
// The header's signature covers the payload's exact bytes:
//   snapshot  Ed25519 by the event's key (the key that signs badges); a
//             kiosk verifies it with the key it trusts.
//   journal   HMAC-SHA-256 keyed by the kiosk's journal key, which both ends
//             derive from its device token (journal_key_from_token[_hash]):
//             the kiosk holds the token, the central database its hash.
// Pure: nlohmann-json and libsodium; files are read and written by callers.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "messages.hpp"

namespace speedmeet::protocol {

inline constexpr const char* kSnapshotFormat = "speedmeet-snapshot";
inline constexpr const char* kJournalFormat = "speedmeet-journal";
inline constexpr int kBundleVersion = 2;
inline constexpr std::size_t kMaxBundleBytes = 512ull * 1024 * 1024;
inline constexpr std::size_t kMaxBundleHeaderBytes = 1024;

// What a bundle's first line says, before anything is verified.
struct BundleHeader {
  std::string format;
  std::string event_id;
  std::string public_key_hex;  // snapshots: the event key that signed it
  std::string device;          // journals: the kiosk whose token keyed the MAC
  std::string signature_hex;   // snapshots: Ed25519, 128 hex digits; journals: the MAC, 64
};

// Reads the header of a bundle that must be of `format`. Throws
// ProtocolError(400, "not_a_bundle" | "bundle_version" | "invalid_field")
// with a sentence saying what the file is instead.
BundleHeader read_bundle_header(std::string_view file, const char* format);

// A kiosk's journal key, wiped from memory when destroyed.
class JournalKey {
 public:
  static constexpr std::size_t kBytes = 32;
  JournalKey() = default;
  ~JournalKey();
  JournalKey(const JournalKey& other) = default;
  JournalKey& operator=(const JournalKey& other) = default;
  std::array<unsigned char, kBytes>& bytes() { return bytes_; }
  const std::array<unsigned char, kBytes>& bytes() const { return bytes_; }

 private:
  std::array<unsigned char, kBytes> bytes_{};
};

// HMAC-SHA-256(key = BLAKE2b-256(token), "speedmeet journal key"): the
// central database keeps only BLAKE2b-256(token), so it derives the same key.
JournalKey journal_key_from_token_hash(std::span<const unsigned char> token_hash);
JournalKey journal_key_from_token(std::string_view token);

// --- snapshots ---------------------------------------------------------------
// `secret_key`: the event's Ed25519 secret key (libsodium's 64-byte form).
std::string make_snapshot_bundle(const Snapshot& snapshot, std::int64_t created_at_ms,
                                 std::span<const unsigned char> secret_key);

// Verifies and reads a snapshot bundle. A kiosk passes the event and key it
// trusts; empty strings on its first load, when the bundle's own key is
// trusted (but must still verify). Throws ProtocolError naming the problem:
// 409 "bundle_other_event" / "bundle_other_key" (not this kiosk's event or
// key), 400 "bundle_signature" (changed after it was signed), or a header or
// content error.
Snapshot read_snapshot_bundle(std::string_view file, const std::string& trusted_event_id,
                              const std::string& trusted_key_hex);

// --- journals ----------------------------------------------------------------
struct JournalBundle {
  std::string event_id;
  std::string device;  // the kiosk that exported it; every row is its own
  std::int64_t exported_at_ms = 0;
  std::vector<RowParse> rows;  // each row checked like an upload
};

std::string make_journal_bundle(const std::string& event_id, const std::string& device,
                                const std::vector<JournalRow>& rows, std::int64_t exported_at_ms,
                                const JournalKey& key);

// Verifies the MAC with `key` (the header's device's) before reading the
// payload, whose event and device must be the header's and whose rows must
// all claim that device. Throws ProtocolError: 400 "bundle_signature",
// "bundle_foreign_rows", or a header or content error.
JournalBundle read_journal_bundle(std::string_view file, const JournalKey& key);

// The first hex digits of a key, for people comparing keys by eye.
std::string key_fingerprint(const std::string& key_hex);

}  // namespace speedmeet::protocol
