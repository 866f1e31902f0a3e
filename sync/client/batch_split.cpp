#include "batch_split.hpp"

#include <algorithm>

namespace speedmeet::client {

SizedBatch first_batch_within(const std::string& event_id, const std::vector<protocol::JournalRow>& rows,
                              std::size_t max_bytes) {
  SizedBatch batch{rows.size(), protocol::make_journal_batch(event_id, rows)};
  if (batch.body.size() <= max_bytes) return batch;  // the usual case: one encoding
  // A batch is its empty form plus each row's text and a comma between rows.
  const std::size_t empty = protocol::make_journal_batch(event_id, {}).size();
  std::size_t size = empty, count = 0;
  for (const auto& row : rows) {
    const std::size_t row_bytes = protocol::make_journal_batch(event_id, {row}).size() - empty + (count > 0 ? 1 : 0);
    if (size + row_bytes > max_bytes) break;
    size += row_bytes;
    ++count;
  }
  std::vector<protocol::JournalRow> prefix(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(count));
  batch = {count, count > 0 ? protocol::make_journal_batch(event_id, prefix) : std::string{}};
  // Never trust the sum alone: a body over the limit is refused whole.
  while (batch.rows > 0 && batch.body.size() > max_bytes) {
    prefix.pop_back();
    batch = {prefix.size(), prefix.empty() ? std::string{} : protocol::make_journal_batch(event_id, prefix)};
  }
  return batch;
}

}  // namespace speedmeet::client
