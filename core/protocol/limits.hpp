#pragma once
// Hard limits of the sync API. The server refuses anything beyond them before
// doing work; docs/API.md lists the same numbers.
#include <cstddef>
#include <cstdint>

namespace speedmeet::protocol {

inline constexpr int kApiVersion = 1;
inline constexpr const char* kApiPrefix = "/api/v1";

struct Limits {
  std::size_t max_body_bytes = 4 * 1024 * 1024;  // POST bodies
  std::size_t max_rows_per_batch = 1000;          // journal rows per POST
  int max_json_depth = 8;                         // a journal batch needs 3
  int max_changes_per_page = 1000;
  int default_changes_per_page = 500;
};

// Field bounds of a journal row, in bytes.
inline constexpr std::size_t kMaxDeviceName = 64;
inline constexpr std::size_t kMaxParticipantId = 64;
inline constexpr std::size_t kMaxOutcome = 32;
inline constexpr std::size_t kMaxReason = 64;
inline constexpr std::size_t kMaxCode = 4096;  // a QR code holds at most ~3 KB
inline constexpr std::int64_t kMaxDeviceTimeMs = 4'102'444'800'000;  // 2100-01-01
inline constexpr std::int64_t kMaxSafeInteger = 9'007'199'254'740'991;  // 2^53-1: exact in every JSON reader

}  // namespace speedmeet::protocol
