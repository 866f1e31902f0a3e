#pragma once
// Offline bundles carried on a USB stick: a snapshot for a kiosk with no
// network, and a kiosk's journal carried back. Plain JSON files with a
// format tag and version, so a wrong file is refused with a clear reason.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "messages.hpp"

namespace speedmeet::protocol {

inline constexpr const char* kSnapshotFormat = "speedmeet-snapshot";
inline constexpr const char* kJournalFormat = "speedmeet-journal";
inline constexpr int kBundleVersion = 1;
inline constexpr std::size_t kMaxBundleBytes = 512ull * 1024 * 1024;

std::string make_snapshot_bundle(const Snapshot& snapshot, std::int64_t created_at_ms);
// Throws ProtocolError naming what is wrong with the file's content.
Snapshot read_snapshot_bundle(std::string_view text);

struct JournalBundle {
  std::string device;  // the kiosk that exported it
  std::int64_t exported_at_ms = 0;
  std::vector<RowParse> rows;  // each row checked like an upload
};

std::string make_journal_bundle(const std::string& device, const std::vector<JournalRow>& rows,
                                std::int64_t exported_at_ms);
JournalBundle read_journal_bundle(std::string_view text);

// File helpers (no network): reading refuses files over max_bytes; writing
// goes through a temporary file, fsync and rename, so a reader never sees
// half a bundle.
std::string read_file_bounded(const std::string& path, std::size_t max_bytes);
void write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace speedmeet::protocol
