#include "bundles.hpp"

#include <sodium.h>

#include <stdexcept>

#include "json_guard.hpp"
#include "json_tree.hpp"
#include "protocol_error.hpp"

namespace speedmeet::protocol {
namespace {

constexpr int kPayloadDepth = 8;
constexpr int kHeaderDepth = 1;
constexpr std::string_view kJournalKeyContext = "speedmeet journal key";
constexpr std::size_t kSignatureBytes = crypto_sign_BYTES;
constexpr std::size_t kMacBytes = crypto_auth_hmacsha256_BYTES;

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}


std::string to_hex(std::span<const unsigned char> bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  return hex;
}

// Exactly `out.size()` bytes of lower-case hex, or false.
bool from_hex(const std::string& hex, std::span<unsigned char> out) {
  if (hex.size() != out.size() * 2) return false;
  for (const char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  std::size_t length = 0;
  return sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &length, nullptr) == 0 &&
         length == out.size();
}

[[noreturn]] void refuse(int status, const char* code, const std::string& message) {
  throw ProtocolError(status, code, message);
}

// The bytes after the header line.
std::string_view payload_of(std::string_view file) { return file.substr(file.find('\n') + 1); }

std::string header_text(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void require_header_field(bool ok, const char* format, const char* field) {
  if (!ok) refuse(400, "invalid_field", std::string("its ") + format + " header has no valid \"" + field + "\"");
}

// The payload's format and version, as the header's.
void require_payload_format(const Json& envelope, const char* format) {
  const auto f = envelope.find("format");
  const auto v = envelope.find("version");
  if (f == envelope.end() || *f != format || v == envelope.end() || *v != kBundleVersion)
    refuse(400, "bundle_mismatch", std::string("its content is not a ") + format + " of version 2, as its header says");
}

}  // namespace

JournalKey::~JournalKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

BundleHeader read_bundle_header(std::string_view file, const char* format) {
  const std::string not_signed = std::string("is not a signed ") + format +
                                 " file (files made before bundle version 2 are unsigned: make it again)";
  const std::size_t end = file.find('\n');
  if (file.empty() || file.front() != '{' || end == std::string_view::npos || end > kMaxBundleHeaderBytes)
    refuse(400, "not_a_bundle", not_signed);
  Json j;
  try {
    j = parse_json(file.substr(0, end), kHeaderDepth);
  } catch (const ProtocolError&) {
    refuse(400, "not_a_bundle", not_signed);
  }
  if (!j.is_object()) refuse(400, "not_a_bundle", not_signed);
  BundleHeader h;
  h.format = header_text(j, "format");
  if (h.format != format) {
    if (h.format == kSnapshotFormat || h.format == kJournalFormat)
      refuse(400, "not_a_bundle", "is a " + h.format + " file, not a " + format);
    refuse(400, "not_a_bundle", not_signed);
  }
  const auto version = j.find("version");
  if (version == j.end() || !version->is_number_integer() || *version != kBundleVersion)
    refuse(400, "bundle_version", std::string("is a ") + format + " of another version than 2; make it again with this speedmeet");
  h.event_id = header_text(j, "event_id");
  require_header_field(!h.event_id.empty() && h.event_id.size() <= 128, format, "event_id");
  if (h.format == kSnapshotFormat) {
    h.public_key_hex = header_text(j, "public_key");
    require_header_field(is_public_key_hex(h.public_key_hex), format, "public_key");
    h.signature_hex = header_text(j, "signature");
    require_header_field(h.signature_hex.size() == kSignatureBytes * 2, format, "signature");
  } else {
    h.device = header_text(j, "device");
    require_header_field(is_device_name(h.device), format, "device");
    h.signature_hex = header_text(j, "mac");
    require_header_field(h.signature_hex.size() == kMacBytes * 2, format, "mac");
  }
  return h;
}

JournalKey journal_key_from_token_hash(std::span<const unsigned char> token_hash) {
  init_sodium();
  if (token_hash.size() != crypto_auth_hmacsha256_KEYBYTES)
    throw std::invalid_argument("a device token hash has 32 bytes");
  JournalKey key;
  crypto_auth_hmacsha256(key.bytes().data(), reinterpret_cast<const unsigned char*>(kJournalKeyContext.data()),
                         kJournalKeyContext.size(), token_hash.data());
  return key;
}

JournalKey journal_key_from_token(std::string_view token) {
  init_sodium();
  std::array<unsigned char, 32> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  JournalKey key = journal_key_from_token_hash(hash);
  sodium_memzero(hash.data(), hash.size());
  return key;
}

std::string key_fingerprint(const std::string& key_hex) { return key_hex.substr(0, 16); }

// --- snapshots ---------------------------------------------------------------

std::string make_snapshot_bundle(const Snapshot& snapshot, std::int64_t created_at_ms,
                                 std::span<const unsigned char> secret_key) {
  init_sodium();
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) throw std::invalid_argument("not an Ed25519 secret key");
  // Keys in nlohmann's (alphabetical) order; the snapshot, the bulk of it,
  // is written without building JSON values first.
  const std::string payload = "{\"created_at\":" + std::to_string(created_at_ms) + ",\"format\":" +
                              dump(kSnapshotFormat) + ",\"snapshot\":" + snapshot_json(snapshot) +
                              ",\"version\":" + std::to_string(kBundleVersion) + "}";
  std::array<unsigned char, kSignatureBytes> signature{};
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(payload.data()),
                       payload.size(), secret_key.data());
  const Json header = {{"format", kSnapshotFormat},
                       {"version", kBundleVersion},
                       {"event_id", snapshot.event.id},
                       {"public_key", snapshot.event.public_key_hex},
                       {"signature", to_hex(signature)}};
  return dump(header) + "\n" + payload;
}

Snapshot read_snapshot_bundle(std::string_view file, const std::string& trusted_event_id,
                              const std::string& trusted_key_hex) {
  init_sodium();
  const BundleHeader h = read_bundle_header(file, kSnapshotFormat);
  if (!trusted_event_id.empty() && h.event_id != trusted_event_id)
    refuse(409, "bundle_other_event",
           "is a snapshot of event \"" + h.event_id + "\", but this kiosk belongs to event \"" + trusted_event_id + "\"");
  if (!trusted_key_hex.empty() && h.public_key_hex != trusted_key_hex)
    refuse(409, "bundle_other_key",
           "is signed with key " + key_fingerprint(h.public_key_hex) + "…, not with the event key this kiosk trusts (" +
               key_fingerprint(trusted_key_hex) + "…)");
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> key{};
  std::array<unsigned char, kSignatureBytes> signature{};
  if (!from_hex(h.public_key_hex, key) || !from_hex(h.signature_hex, signature))
    refuse(400, "invalid_field", "its header's key or signature is not lower-case hex");
  const std::string_view payload = payload_of(file);
  if (crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(payload.data()),
                                  payload.size(), key.data()) != 0)
    refuse(400, "bundle_signature",
           "its signature does not verify under the event key " + key_fingerprint(h.public_key_hex) +
               "…: the file was changed or damaged after speedmeet snapshot wrote it");
  // Signed by the key: from here on the content is the event's own.
  Json envelope;
  auto snapshot = read_enveloped_snapshot(payload, kPayloadDepth, envelope);
  if (!envelope.is_object()) refuse(400, "bundle_mismatch", "its content is not a JSON object");
  require_payload_format(envelope, kSnapshotFormat);
  if (!snapshot) refuse(400, "invalid_field", "its content holds no snapshot");
  if (snapshot->event.id != h.event_id || snapshot->event.public_key_hex != h.public_key_hex)
    refuse(400, "bundle_mismatch", "its header names another event or key than its signed content");
  return std::move(*snapshot);
}

// --- journals ----------------------------------------------------------------

std::string make_journal_bundle(const std::string& event_id, const std::string& device,
                                const std::vector<JournalRow>& rows, std::int64_t exported_at_ms,
                                const JournalKey& key) {
  init_sodium();
  Json payload = {{"format", kJournalFormat},  {"version", kBundleVersion}, {"event_id", event_id},
                  {"device", device},          {"exported_at", exported_at_ms}, {"rows", Json::array()}};
  for (const JournalRow& r : rows) payload["rows"].push_back(to_json(r));
  const std::string text = dump(payload);
  std::array<unsigned char, kMacBytes> mac{};
  crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                         key.bytes().data());
  const Json header = {{"format", kJournalFormat},
                       {"version", kBundleVersion},
                       {"event_id", event_id},
                       {"device", device},
                       {"mac", to_hex(mac)}};
  return dump(header) + "\n" + text;
}

JournalBundle read_journal_bundle(std::string_view file, const JournalKey& key) {
  init_sodium();
  const BundleHeader h = read_bundle_header(file, kJournalFormat);
  std::array<unsigned char, kMacBytes> mac{};
  if (!from_hex(h.signature_hex, mac)) refuse(400, "invalid_field", "its header's MAC is not lower-case hex");
  const std::string_view payload = payload_of(file);
  if (crypto_auth_hmacsha256_verify(mac.data(), reinterpret_cast<const unsigned char*>(payload.data()),
                                    payload.size(), key.bytes().data()) != 0)
    refuse(400, "bundle_signature",
           "its signature does not verify with kiosk \"" + h.device +
               "\"'s token: the file was changed after the kiosk wrote it, or the kiosk's token has been replaced "
               "since");
  const Json j = parse_json(payload, kPayloadDepth);
  if (!j.is_object()) refuse(400, "bundle_mismatch", "its content is not a JSON object");
  require_payload_format(j, kJournalFormat);
  JournalBundle bundle;
  bundle.event_id = header_text(j, "event_id");
  bundle.device = header_text(j, "device");
  if (bundle.event_id != h.event_id || bundle.device != h.device)
    refuse(400, "bundle_mismatch", "its header names another event or kiosk than its signed content");
  const auto at = j.find("exported_at");
  if (at != j.end() && at->is_number_integer()) bundle.exported_at_ms = at->get<std::int64_t>();
  const auto rows = j.find("rows");
  if (rows == j.end() || !rows->is_array()) refuse(400, "invalid_field", "field \"rows\": must be an array");
  // The array itself, not json's iterators: GCC 12 -O2 warns falsely
  // (-Wnull-dereference) about iterating a json reached through find().
  const auto& list = rows->get_ref<const Json::array_t&>();
  bundle.rows.reserve(list.size());
  for (const Json& row : list) {
    bundle.rows.push_back(read_uploaded_row(row));
    const RowParse& parsed = bundle.rows.back();
    if (parsed.row && parsed.row->device != bundle.device)
      refuse(400, "bundle_foreign_rows",
             "row " + std::to_string(bundle.rows.size()) + " (" + parsed.uuid + ") claims kiosk \"" +
                 parsed.row->device + "\", but the journal is kiosk \"" + bundle.device + "\"'s");
  }
  return bundle;
}

}  // namespace speedmeet::protocol
