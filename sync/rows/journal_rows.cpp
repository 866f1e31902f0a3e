#include "journal_rows.hpp"

#include "store/statement.hpp"

namespace speedmeet::sync_rows {

protocol::JournalRow read_journal_row(const store::Statement& st, int first) {
  protocol::JournalRow r;
  r.uuid = st.text(first);
  r.device = st.text(first + 1);
  r.seq = st.int64(first + 2);
  r.device_time_ms = st.int64(first + 3);
  r.kind = st.text(first + 4);
  r.participant = st.text(first + 5);
  if (!st.is_null(first + 6)) r.meeting_id = st.int64(first + 6);
  r.outcome = st.text(first + 7);
  r.reason = st.text(first + 8);
  r.code = st.text(first + 9);
  if (!st.is_null(first + 10)) r.received_at_ms = st.int64(first + 10);
  return r;
}

std::string insert_journal_sql(std::size_t rows, bool returning) {
  std::string sql =
      "INSERT OR IGNORE INTO journal (uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome, "
      "reason, code, received_at) VALUES ";
  for (std::size_t i = 0; i < rows; ++i) sql += i ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  if (returning) sql += " RETURNING uuid, device, seq";
  return sql;
}

void bind_journal_row(store::Statement& st, const protocol::JournalRow& r, std::optional<std::int64_t> received_at_ms,
                      int first) {
  const int i = first;
  st.bind(i, r.uuid).bind(i + 1, r.device).bind(i + 2, r.seq).bind(i + 3, r.device_time_ms).bind(i + 4, r.kind);
  st.bind_text_or_null(i + 5, r.participant);
  if (r.meeting_id) st.bind(i + 6, *r.meeting_id); else st.bind_null(i + 6);
  st.bind(i + 7, r.outcome).bind(i + 8, r.reason).bind(i + 9, r.code);
  if (received_at_ms) st.bind(i + 10, *received_at_ms); else st.bind_null(i + 10);
}

}  // namespace speedmeet::sync_rows
