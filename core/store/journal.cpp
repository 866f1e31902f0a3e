#include "journal.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "database.hpp"
#include "transaction.hpp"

namespace speedmeet::store {

std::string make_uuid_v4() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::array<unsigned char, 16> b{};
  randombytes_buf(b.data(), b.size());
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4];
    out += hex[b[i] & 0x0F];
  }
  return out;
}

JournalRow read_journal_row(const Statement& st, int first) {
  JournalRow r;
  r.uuid = st.text(first);
  r.device = st.text(first + 1);
  r.seq = st.int64(first + 2);
  r.device_time_ms = st.int64(first + 3);
  r.kind = parse_journal_kind(st.text(first + 4)).value_or(JournalKind::scan);  // the table's CHECK allows no other
  r.participant = st.text(first + 5);
  if (!st.is_null(first + 6)) r.meeting_id = st.int64(first + 6);
  r.outcome = st.text(first + 7);
  r.reason = st.text(first + 8);
  r.code = st.text(first + 9);
  if (!st.is_null(first + 10)) r.received_at_ms = st.int64(first + 10);
  r.staff = st.text(first + 11);
  if (!st.is_null(first + 12)) r.corrected_time_ms = st.int64(first + 12);
  return r;
}

std::string journal_columns(const std::string& table) {
  std::string out;
  const std::string all = kJournalColumns;
  std::size_t at = 0;
  while (at < all.size()) {
    const std::size_t comma = std::min(all.find(", ", at), all.size());
    if (!out.empty()) out += ", ";
    out += table + "." + all.substr(at, comma - at);
    at = comma + 2;
  }
  return out;
}

std::vector<JournalRow> read_arrival_rows(Database& db) {
  std::vector<JournalRow> out;
  auto st = db.prepare(std::string("SELECT ") + kJournalColumns +
                       " FROM journal WHERE participant_id IS NOT NULL AND (kind = 'entrance' OR kind = 'meeting' "
                       "OR meeting_id IS NOT NULL) ORDER BY coalesce(corrected_time, device_time), device, seq");
  while (st.step()) out.push_back(read_journal_row(st));
  return out;
}

namespace {

constexpr const char* kInsertColumns =
    "INTO journal (uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome, reason, code, "
    "received_at, staff, corrected_time) VALUES ";
constexpr const char* kRowParameters = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

}  // namespace

std::string insert_journal_sql(std::size_t rows, bool returning) {
  std::string sql = std::string("INSERT OR IGNORE ") + kInsertColumns;
  for (std::size_t i = 0; i < rows; ++i) sql.append(i ? ", " : "").append(kRowParameters);
  if (returning) sql += " RETURNING uuid, device, seq";
  return sql;
}

void bind_journal_row(Statement& st, const JournalRow& r, std::optional<std::int64_t> received_at_ms, int first) {
  const int i = first;
  st.bind(i, r.uuid).bind(i + 1, r.device).bind(i + 2, r.seq).bind(i + 3, r.device_time_ms);
  st.bind(i + 4, to_string(r.kind));
  st.bind_text_or_null(i + 5, r.participant);
  if (r.meeting_id) st.bind(i + 6, *r.meeting_id); else st.bind_null(i + 6);
  st.bind(i + 7, r.outcome).bind(i + 8, r.reason).bind(i + 9, r.code);
  if (received_at_ms) st.bind(i + 10, *received_at_ms); else st.bind_null(i + 10);
  st.bind(i + 11, r.staff);
  if (r.corrected_time_ms) st.bind(i + 12, *r.corrected_time_ms); else st.bind_null(i + 12);
}

Journal::Journal(Database& db, std::string device)
    : db_(db),
      device_(std::move(device)),
      next_seq_(db.prepare("SELECT coalesce(max(seq), 0) + 1 FROM journal WHERE device = ?")),
      // A plain INSERT: a row that cannot be stored must fail loudly (the
      // kiosk then goes out of order), never be ignored.
      insert_(db.prepare(std::string("INSERT ") + kInsertColumns + kRowParameters)) {}

JournalRow Journal::append(JournalRow row) {
  row.uuid = make_uuid_v4();
  row.device = device_;
  row.received_at_ms.reset();
  Transaction tx(db_);
  // Read inside the write transaction: another connection (the sync thread
  // importing this device's rows back from the server) cannot race it.
  next_seq_.bind(1, device_);
  row.seq = next_seq_.step() ? next_seq_.int64(0) : 1;
  next_seq_.reset();
  bind_journal_row(insert_, row, std::nullopt);
  insert_.run();
  tx.commit();
  return row;
}

std::vector<JournalRow> Journal::all() {
  std::vector<JournalRow> out;
  auto st = db_.prepare(std::string("SELECT ") + kJournalColumns + " FROM journal ORDER BY device, seq");
  while (st.step()) out.push_back(read_journal_row(st));
  return out;
}

std::int64_t Journal::count() {
  auto st = db_.prepare("SELECT count(*) FROM journal");
  return st.step() ? st.int64(0) : 0;
}

}  // namespace speedmeet::store
