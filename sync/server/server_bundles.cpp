#include "server_bundles.hpp"

#include <sodium.h>

#include "device_registry.hpp"
#include "event_reader.hpp"
#include "journal_ingest.hpp"
#include "log.hpp"
#include "domain/input_error.hpp"
#include "files/private_file.hpp"
#include "protocol/bundles.hpp"
#include "protocol/protocol_error.hpp"
#include "store/database.hpp"

namespace speedmeet::server {
namespace {

constexpr const char* kNothingImported = "; nothing was imported";
// A refusal lists this many rows by name, then counts the rest.
constexpr std::size_t kRowsNamed = 5;

// The event's secret key, wiped when it goes out of scope.
class EventSecret {
 public:
  explicit EventSecret(store::Database& db) {
    auto st = db.prepare("SELECT secret_key FROM event_secret WHERE singleton = 1");
    if (!st.step()) throw std::runtime_error(db.path() + " holds no event key: snapshots are made from the central database");
    bytes_ = st.blob(0);
  }
  ~EventSecret() { sodium_memzero(bytes_.data(), bytes_.size()); }
  EventSecret(const EventSecret&) = delete;
  EventSecret& operator=(const EventSecret&) = delete;
  const std::vector<unsigned char>& bytes() const { return bytes_; }

 private:
  std::vector<unsigned char> bytes_;
};

[[noreturn]] void refuse(const std::string& path, const std::string& problem) {
  throw InputError(path, 0, "", problem + kNothingImported);
}

// "seq 5 (uuid ...), seq 6 (...) and 3 more"
std::string name_rows(const std::vector<const protocol::JournalRow*>& rows) {
  std::string out;
  for (std::size_t i = 0; i < rows.size() && i < kRowsNamed; ++i)
    out += (i ? ", seq " : "seq ") + std::to_string(rows[i]->seq) + " (" + rows[i]->uuid + ")";
  if (rows.size() > kRowsNamed) out += " and " + std::to_string(rows.size() - kRowsNamed) + " more";
  return out;
}

// The rows the upload rules refused, as one sentence naming them.
[[noreturn]] void refuse_rows(const std::string& path, const std::string& device,
                              const std::vector<protocol::RowParse>& rows,
                              const std::vector<protocol::RowOutcome>& outcomes) {
  std::vector<const protocol::JournalRow*> seq_clash, uuid_clash;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i].result != protocol::RowResult::rejected) continue;
    if (!rows[i].row)
      refuse(path, "row " + std::to_string(i + 1) + " (" + rows[i].uuid + ") is refused: " + rows[i].reason);
    if (outcomes[i].reason == "seq_conflict") seq_clash.push_back(&*rows[i].row);
    else uuid_clash.push_back(&*rows[i].row);
  }
  if (!seq_clash.empty())
    refuse(path, std::to_string(seq_clash.size()) + " rows of kiosk \"" + device +
                     "\" have sequence numbers that another \"" + device + "\" already used: " + name_rows(seq_clash) +
                     "; two kiosks share that device name (give each kiosk its own name; these rows stay on the kiosk)");
  refuse(path, std::to_string(uuid_clash.size()) + " rows reuse the uuid of another row already stored: " +
                   name_rows(uuid_clash));
}

}  // namespace

protocol::Snapshot write_snapshot_bundle(store::Database& db, const std::string& path) {
  protocol::Snapshot snapshot = build_snapshot(db);
  const EventSecret secret(db);
  files::write_private_file(path, protocol::make_snapshot_bundle(snapshot, unix_ms_now(), secret.bytes()));
  return snapshot;
}

ImportSummary import_journal_bundle(store::Database& db, const std::string& path) {
  std::string text;
  try {
    text = files::read_file_bounded(path, protocol::kMaxBundleBytes);
  } catch (const files::TooLarge& e) {
    throw InputError(path, 0, "", std::string("is larger than a journal bundle can be (") +
                                      std::to_string(protocol::kMaxBundleBytes) + " bytes)");
  }
  protocol::JournalBundle bundle;
  try {
    // What the header claims decides which key to check it with; nothing in
    // it counts before the MAC holds.
    const protocol::BundleHeader header = protocol::read_bundle_header(text, protocol::kJournalFormat);
    const std::string event_id = read_event_info(db).id;
    if (header.event_id != event_id)
      refuse(path, "is a journal of event \"" + header.event_id + "\", but " + db.path() + " holds event \"" +
                       event_id + "\"");
    const auto device = DeviceRegistry(db).credentials(header.device);
    if (!device)
      refuse(path, "comes from kiosk \"" + header.device + "\", which is not enrolled in " + db.path() +
                       " (speedmeet device add)");
    if (device->revoked)
      refuse(path, "comes from kiosk \"" + header.device + "\", whose enrolment was revoked");
    bundle = protocol::read_journal_bundle(text, protocol::journal_key_from_token_hash(device->token_hash));
  } catch (const protocol::ProtocolError& e) {
    refuse(path, e.what());
  }
  // One transaction for the whole file: a refused row leaves nothing behind.
  IngestOptions options;
  options.device = bundle.device;
  options.received_at_ms = unix_ms_now();
  options.all_or_nothing = true;
  const auto outcomes = ingest_rows(db, bundle.rows, options);
  ImportSummary summary;
  summary.device = bundle.device;
  for (const auto& outcome : outcomes) {
    if (outcome.result == protocol::RowResult::rejected) refuse_rows(path, bundle.device, bundle.rows, outcomes);
    ++(outcome.result == protocol::RowResult::stored ? summary.stored : summary.duplicate);
  }
  return summary;
}

}  // namespace speedmeet::server
