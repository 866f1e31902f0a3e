#include "journal.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "database.hpp"
#include "transaction.hpp"

namespace speedmeet::store {

std::string to_string(JournalKind kind) {
  switch (kind) {
    case JournalKind::entrance: return "entrance";
    case JournalKind::meeting: return "meeting";
    case JournalKind::scan: return "scan";
  }
  return "scan";
}

namespace {

JournalKind parse_kind(const std::string& text) {
  if (text == "entrance") return JournalKind::entrance;
  if (text == "meeting") return JournalKind::meeting;
  return JournalKind::scan;
}

}  // namespace

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

bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Journal::Journal(Database& db, std::string device)
    : db_(db),
      device_(std::move(device)),
      next_seq_(db.prepare("SELECT coalesce(max(seq), 0) + 1 FROM journal WHERE device = ?")),
      insert_(db.prepare(
          "INSERT INTO journal (uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome, reason, "
          "code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {}

JournalEntry Journal::append(JournalEntry e) {
  e.uuid = make_uuid_v4();
  e.device = device_;
  Transaction tx(db_);
  // Read inside the write transaction: another connection (the sync thread
  // importing this device's rows back from the server) cannot race it.
  next_seq_.bind(1, device_);
  e.seq = next_seq_.step() ? next_seq_.int64(0) : 1;
  next_seq_.reset();
  auto& st = insert_;
  st.bind(1, e.uuid).bind(2, e.device).bind(3, e.seq).bind(4, e.device_time_ms).bind(5, to_string(e.kind));
  st.bind_text_or_null(6, e.participant);
  if (e.meeting_id) st.bind(7, *e.meeting_id); else st.bind_null(7);
  st.bind(8, e.outcome).bind(9, e.reason).bind(10, e.code);
  st.run();
  tx.commit();
  return e;
}

std::vector<JournalEntry> Journal::all() {
  std::vector<JournalEntry> out;
  auto st = db_.prepare(
      "SELECT uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome, reason, code, received_at "
      "FROM journal ORDER BY device, seq");
  while (st.step()) {
    JournalEntry e;
    e.uuid = st.text(0);
    e.device = st.text(1);
    e.seq = st.int64(2);
    e.device_time_ms = st.int64(3);
    e.kind = parse_kind(st.text(4));
    e.participant = st.text(5);
    if (!st.is_null(6)) e.meeting_id = st.int64(6);
    e.outcome = st.text(7);
    e.reason = st.text(8);
    e.code = st.text(9);
    if (!st.is_null(10)) e.received_at_ms = st.int64(10);
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t Journal::count() {
  auto st = db_.prepare("SELECT count(*) FROM journal");
  return st.step() ? st.int64(0) : 0;
}

}  // namespace speedmeet::store
