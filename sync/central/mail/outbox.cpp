#include "outbox.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "domain/local_time.hpp"
#include "message.hpp"
#include "reports/csv_writer.hpp"
#include "store/database.hpp"
#include "store/transaction.hpp"

namespace speedmeet::mail {
namespace {

constexpr const char* kColumns =
    "participant_id, kind, recipient, message_id, state, attempts, deferrals, uncertain, body_done, reply, queued_at, "
    "attempted_at, finished_at";

OutboxState parse_state(const std::string& text) {
  if (text == "pending") return OutboxState::pending;
  if (text == "sending") return OutboxState::sending;
  if (text == "sent") return OutboxState::sent;
  if (text == "failed") return OutboxState::failed;
  throw std::runtime_error("mail_outbox holds an unknown state \"" + text + "\"");
}

OutboxRow read_row(const store::Statement& st) {
  OutboxRow row;
  row.participant_id = st.text(0);
  row.kind = st.text(1);
  row.recipient = st.text(2);
  row.message_id = st.text(3);
  row.state = parse_state(st.text(4));
  row.attempts = st.integer(5);
  row.deferrals = st.integer(6);
  row.uncertain = st.integer(7);
  row.body_done = st.integer(8) != 0;
  row.reply = st.text(9);
  row.queued_at = st.int64(10);
  if (!st.is_null(11)) row.attempted_at = st.int64(11);
  if (!st.is_null(12)) row.finished_at = st.int64(12);
  return row;
}

// Server answers are network input: bounded, one line, printable.
std::string bounded_reply(const std::string& reply) {
  std::string out;
  for (const char c : reply.substr(0, 500)) out += (c >= 0x20 && c < 0x7F) ? c : ' ';
  return out;
}

std::string iso_utc(const std::optional<std::int64_t>& unix_seconds) {
  return unix_seconds ? format_utc(from_unix(*unix_seconds)) : std::string{};
}

}  // namespace

const char* to_string(OutboxState state) {
  switch (state) {
    case OutboxState::pending: return "pending";
    case OutboxState::sending: return "sending";
    case OutboxState::sent: return "sent";
    case OutboxState::failed: return "failed";
  }
  return "pending";
}

std::optional<OutboxRow> Outbox::find(const std::string& participant_id, const std::string& kind) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM mail_outbox WHERE participant_id = ? AND kind = ?");
  st.bind(1, participant_id).bind(2, kind);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<OutboxRow> Outbox::all() {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM mail_outbox ORDER BY participant_id, kind");
  std::vector<OutboxRow> rows;
  while (st.step()) rows.push_back(read_row(st));
  return rows;
}

Outbox::Recovery Outbox::recover() {
  store::Transaction tx(db_);
  Recovery recovery;
  auto count = db_.prepare("SELECT count(*), coalesce(sum(body_done), 0) FROM mail_outbox WHERE state = 'sending'");
  if (count.step()) {
    recovery.interrupted = count.integer(0);
    recovery.uncertain = count.integer(1);
  }
  db_.prepare(
         "UPDATE mail_outbox SET state = 'pending', uncertain = uncertain + body_done, body_done = 0, "
         "reply = CASE WHEN body_done = 1 THEN 'interrupted after the whole message was sent: it may have arrived'"
         " ELSE 'interrupted before the end of the message: it did not arrive' END "
         "WHERE state = 'sending'")
      .run();
  tx.commit();
  return recovery;
}

void Outbox::queue(const std::vector<QueueRequest>& requests, const std::string& kind, const std::string& from_address,
                   std::int64_t now, bool resend) {
  store::Transaction tx(db_);
  auto insert = db_.prepare(
      "INSERT INTO mail_outbox (participant_id, kind, recipient, message_id, queued_at) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (participant_id, kind) DO NOTHING");
  auto refresh = db_.prepare(
      "UPDATE mail_outbox SET recipient = ?3 WHERE participant_id = ?1 AND kind = ?2 AND state = 'pending'");
  // A refused address corrected in participants.csv: the new one is tried.
  auto retry_changed = db_.prepare(
      "UPDATE mail_outbox SET state = 'pending', recipient = ?3, deferrals = 0, reply = '', finished_at = NULL "
      "WHERE participant_id = ?1 AND kind = ?2 AND state = 'failed' AND recipient <> ?3");
  auto renew = db_.prepare(
      "UPDATE mail_outbox SET state = 'pending', recipient = ?3, message_id = ?4, queued_at = ?5, attempts = 0, "
      "deferrals = 0, uncertain = 0, body_done = 0, reply = '', attempted_at = NULL, finished_at = NULL "
      "WHERE participant_id = ?1 AND kind = ?2 AND state IN ('sent', 'failed')");
  for (const auto& r : requests) {
    insert.reset();
    insert.bind(1, r.participant_id).bind(2, kind).bind(3, r.address).bind(4, new_message_id(from_address)).bind(5, now);
    insert.run();
    if (db_.changes() == 1) continue;
    if (resend) {
      renew.reset();
      renew.bind(1, r.participant_id).bind(2, kind).bind(3, r.address).bind(4, new_message_id(from_address)).bind(5, now);
      renew.run();
    }
    refresh.reset();
    refresh.bind(1, r.participant_id).bind(2, kind).bind(3, r.address).run();
    retry_changed.reset();
    retry_changed.bind(1, r.participant_id).bind(2, kind).bind(3, r.address).run();
  }
  tx.commit();
}

void Outbox::mark_sending(const std::string& participant_id, const std::string& kind, const std::string& address,
                          std::int64_t now) {
  auto st = db_.prepare(
      "UPDATE mail_outbox SET state = 'sending', recipient = ?3, attempts = attempts + 1, body_done = 0, "
      "attempted_at = ?4 WHERE participant_id = ?1 AND kind = ?2 AND state = 'pending'");
  st.bind(1, participant_id).bind(2, kind).bind(3, address).bind(4, now).run();
  if (db_.changes() != 1)
    throw std::logic_error("mail_outbox: " + participant_id + " is not pending; is another speedmeet mail running?");
}

void Outbox::mark_body_done(const std::string& participant_id, const std::string& kind) {
  db_.prepare("UPDATE mail_outbox SET body_done = 1 WHERE participant_id = ? AND kind = ? AND state = 'sending'")
      .bind(1, participant_id)
      .bind(2, kind)
      .run();
}

void Outbox::update_state(const std::string& participant_id, const std::string& kind, const char* sql,
                          const std::string& reply, std::int64_t now) {
  auto st = db_.prepare(sql);
  st.bind(1, participant_id).bind(2, kind).bind(3, bounded_reply(reply)).bind(4, now).run();
}

void Outbox::mark_sent(const std::string& participant_id, const std::string& kind, const std::string& reply,
                       std::int64_t now) {
  update_state(participant_id, kind,
               "UPDATE mail_outbox SET state = 'sent', reply = ?3, finished_at = ?4, body_done = 0 "
               "WHERE participant_id = ?1 AND kind = ?2 AND state = 'sending'",
               reply, now);
}

void Outbox::mark_failed(const std::string& participant_id, const std::string& kind, const std::string& reply,
                         std::int64_t now) {
  update_state(participant_id, kind,
               "UPDATE mail_outbox SET state = 'failed', reply = ?3, finished_at = ?4, body_done = 0 "
               "WHERE participant_id = ?1 AND kind = ?2 AND state IN ('sending', 'pending')",
               reply, now);
}

OutboxState Outbox::mark_deferred(const std::string& participant_id, const std::string& kind, const std::string& reply,
                                  std::int64_t now) {
  auto st = db_.prepare(
      "UPDATE mail_outbox SET deferrals = deferrals + 1, body_done = 0, reply = ?3, "
      "state = CASE WHEN deferrals + 1 >= ?4 THEN 'failed' ELSE 'pending' END, "
      "finished_at = CASE WHEN deferrals + 1 >= ?4 THEN ?5 ELSE NULL END "
      "WHERE participant_id = ?1 AND kind = ?2 AND state = 'sending' RETURNING state");
  st.bind(1, participant_id).bind(2, kind).bind(3, bounded_reply(reply)).bind(4, kMaxDeferrals).bind(5, now);
  const OutboxState state = st.step() ? parse_state(st.text(0)) : OutboxState::pending;
  while (st.step()) {
  }
  return state;
}

void Outbox::mark_interrupted(const std::string& participant_id, const std::string& kind, const std::string& reply) {
  auto st = db_.prepare(
      "UPDATE mail_outbox SET state = 'pending', uncertain = uncertain + body_done, body_done = 0, reply = ?3 "
      "WHERE participant_id = ?1 AND kind = ?2 AND state = 'sending'");
  st.bind(1, participant_id).bind(2, kind).bind(3, bounded_reply(reply)).run();
}

void write_outbox_csv(store::Database& db, const std::string& path) {
  server::CsvFile csv(path, {"participant_id", "name", "language", "kind", "recipient", "state", "attempts",
                             "deferrals", "uncertain", "message_id", "queued_at", "attempted_at", "finished_at",
                             "server_answer"});
  auto st = db.prepare(
      "SELECT o.participant_id, p.name, p.language, o.kind, o.recipient, o.state, o.attempts, o.deferrals, "
      "o.uncertain, o.message_id, o.queued_at, o.attempted_at, o.finished_at, o.reply "
      "FROM mail_outbox o JOIN participants p ON p.id = o.participant_id ORDER BY p.num, o.kind");
  while (st.step()) {
    const auto when = [&](int column) {
      return st.is_null(column) ? std::string{} : iso_utc(st.int64(column));
    };
    csv.row({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), std::to_string(st.integer(6)),
             std::to_string(st.integer(7)), std::to_string(st.integer(8)), st.text(9), when(10), when(11), when(12),
             st.text(13)});
  }
  csv.close();
}

}  // namespace speedmeet::mail
