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

void bind_journal_row(store::Statement& st, const protocol::JournalRow& r, std::optional<std::int64_t> received_at_ms) {
  st.bind(1, r.uuid).bind(2, r.device).bind(3, r.seq).bind(4, r.device_time_ms).bind(5, r.kind);
  st.bind_text_or_null(6, r.participant);
  if (r.meeting_id) st.bind(7, *r.meeting_id); else st.bind_null(7);
  st.bind(8, r.outcome).bind(9, r.reason).bind(10, r.code);
  if (received_at_ms) st.bind(11, *received_at_ms); else st.bind_null(11);
}

}  // namespace speedmeet::sync_rows
