#pragma once
// The append-only journal of scans and check-ins. Each append is its own
// durable transaction: when append() returns, the row survives a power cut.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "statement.hpp"

namespace speedmeet::store {

class Database;

enum class JournalKind { entrance, meeting, scan };
std::string to_string(JournalKind kind);

struct JournalEntry {
  std::string uuid;
  std::string device;
  std::int64_t seq = 0;
  std::int64_t device_time_ms = 0;
  JournalKind kind = JournalKind::scan;
  std::string participant;                // empty: the scan named nobody
  std::optional<std::int64_t> meeting_id;
  std::string outcome;                    // welcome, next, late, done, rejected, staff
  std::string reason;
  std::string code;                       // the scanned text, kept for rejected scans
  std::optional<std::int64_t> received_at_ms;
};

class Journal {
 public:
  Journal(Database& db, std::string device);

  // Gives the entry a fresh UUID v4 and the next sequence number of this
  // device, stores it and commits. Returns the stored entry.
  JournalEntry append(JournalEntry entry);
  std::vector<JournalEntry> all();
  std::int64_t count();

 private:
  Database& db_;
  std::string device_;
  // Prepared once: append() is on the scan-to-screen path.
  Statement next_seq_;
  Statement insert_;
};

// A random (version 4) UUID from libsodium's CSPRNG, lower-case hex.
std::string make_uuid_v4();
bool is_uuid(const std::string& text);

}  // namespace speedmeet::store
