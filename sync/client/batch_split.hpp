#pragma once
// Upload batches that fit the server's body limit. 1,000 legal rows can
// exceed 4 MiB (a rejected scan keeps up to 4,096 bytes of scanned text,
// and JSON escaping can grow it sixfold), and the server refuses such a body
// whole (413 too_large): the kiosk sends the oldest rows that fit instead,
// and the rest in the next request.
#include <cstddef>
#include <string>
#include <vector>

#include "protocol/messages.hpp"

namespace speedmeet::client {

struct SizedBatch {
  std::size_t rows = 0;  // rows[0, rows) are in `body`; 0 when even the first row alone is too large
  std::string body;      // POST /api/v1/journal body, at most max_bytes
};

// The longest prefix of `rows` whose batch body stays within `max_bytes`.
SizedBatch first_batch_within(const std::string& event_id, const std::vector<protocol::JournalRow>& rows,
                              std::size_t max_bytes);

}  // namespace speedmeet::client
