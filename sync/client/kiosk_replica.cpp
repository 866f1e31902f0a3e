#include "kiosk_replica.hpp"

#include <sqlite3.h>

#include "protocol/protocol_error.hpp"
#include "protocol/records.hpp"
#include "store/event_store.hpp"
#include "store/journal.hpp"
#include "store/database.hpp"
#include "store/relaxed_durability.hpp"
#include "store/transaction.hpp"

namespace speedmeet::client {
namespace {

// Journal rows of other devices, as a snapshot or the change feed brings
// them; statements prepared once per transaction.
class ForeignRows {
 public:
  explicit ForeignRows(store::Database& db)
      : insert_(db.prepare(store::insert_journal_sql(1))),
        unqueue_(db.prepare("DELETE FROM sync_outbox WHERE uuid = ?")) {}

  void add(const protocol::JournalRow& r) {
    store::bind_journal_row(insert_, r, r.received_at_ms);
    insert_.run();
    // A row from elsewhere is never ours to upload.
    if (!r.received_at_ms) unqueue_.bind(1, r.uuid).run();
  }

 private:
  store::Statement insert_, unqueue_;
};

// Secondary indexes of the tables a snapshot refills, dropped for the bulk
// insert and created again from their own schema text before commit:
// building an index once from 40,000 rows is about three times cheaper than
// 40,000 insertions into it. Inside the snapshot's transaction, so a failure
// rolls the indexes back with everything else. Names and SQL come from the
// database's own schema, never from the wire.
class IndexesRebuiltAfter {
 public:
  explicit IndexesRebuiltAfter(store::Database& db) : db_(db) {
    auto st = db_.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
        "tbl_name IN ('participants', 'meetings')");
    while (st.step()) indexes_.emplace_back(st.text(0), st.text(1));
    for (const auto& [name, sql] : indexes_) db_.exec("DROP INDEX \"" + name + "\"");
  }
  void rebuild() {
    for (const auto& [name, sql] : indexes_) db_.exec(sql);
  }

 private:
  store::Database& db_;
  std::vector<std::pair<std::string, std::string>> indexes_;
};

// Triggers switched off on this connection for the bulk insert of a
// snapshot's roster and schedule, when every trigger on those tables is a
// central change-log trigger, which a kiosk (role=kiosk) silences anyway:
// evaluating their WHEN for 50,000 rows costs about a third of the insert.
// A trigger without that guard (a future one, or one that runs only on
// kiosks: WHEN EXISTS (... 'kiosk')) keeps them all on. Statements
// prepared while this lives carry no trigger code; prepare nothing else.
class SilencedTriggersOff {
 public:
  explicit SilencedTriggersOff(store::Database& db) : db_(db) {
    auto others = db_.prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('participants', 'meetings') "
        "AND sql NOT LIKE '%NOT EXISTS (SELECT 1 FROM sync_state WHERE key = ''role'' AND value = ''kiosk'')%'");
    off_ = others.step() && others.int64(0) == 0 && set(false);
  }
  ~SilencedTriggersOff() {
    if (off_) set(true);
  }
  SilencedTriggersOff(const SilencedTriggersOff&) = delete;
  SilencedTriggersOff& operator=(const SilencedTriggersOff&) = delete;

 private:
  bool set(bool enabled) {
    int now = -1;
    return sqlite3_db_config(db_.handle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, enabled ? 1 : 0, &now) == SQLITE_OK &&
           now == (enabled ? 1 : 0);
  }
  store::Database& db_;
  bool off_ = false;
};

// Rounds, tables and meetings are keyed by number.
std::int64_t key_number(const protocol::Change& c) {
  const bool digits = !c.key.empty() && c.key.size() <= 15 &&
                      c.key.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) throw protocol::ProtocolError(400, "invalid_field", "change " + std::to_string(c.cursor) + ": bad key");
  return std::stoll(c.key);
}

}  // namespace

KioskReplica::KioskReplica(store::Database& db) : db_(db) {
  auto secret = db_.prepare("SELECT count(*) FROM event_secret");
  if (secret.step() && secret.int64(0) > 0)
    throw std::runtime_error(db_.path() + " is the central database (it holds the signing key), not a kiosk's");
  if (state("role") == "kiosk") return;
  store::Transaction tx(db_);
  set_state("role", "kiosk");
  // Whatever was logged before this file became a kiosk means nothing here.
  db_.exec("DELETE FROM change_log");
  tx.commit();
}

std::optional<std::string> KioskReplica::state(const std::string& key) {
  auto st = db_.prepare("SELECT value FROM sync_state WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

void KioskReplica::set_state(const std::string& key, const std::string& value) {
  db_.prepare("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

std::optional<std::int64_t> KioskReplica::cursor() {
  const auto v = state("cursor");
  if (!v) return std::nullopt;
  return std::stoll(*v);
}

std::string KioskReplica::event_id() { return state("event_id").value_or(""); }
std::string KioskReplica::public_key_hex() { return state("public_key").value_or(""); }

void KioskReplica::check_trust(const std::string& event_id, const std::string& key_hex) {
  const std::string trusted_event = this->event_id();
  const std::string trusted_key = public_key_hex();
  if (!trusted_event.empty() && trusted_event != event_id)
    throw EnrolmentMismatch("the server holds event \"" + event_id + "\" but this kiosk is enrolled for \"" +
                            trusted_event + "\"; re-enrol the kiosk");
  if (!trusted_key.empty() && trusted_key != key_hex)
    throw EnrolmentMismatch("the event's signing key changed; refusing it until the kiosk is re-enrolled");
}

void KioskReplica::apply_snapshot(const protocol::Snapshot& s) {
  check_trust(s.event.id, s.event.public_key_hex);
  store::Transaction tx(db_);
  // The snapshot is consistent as a whole; rows go in table by table.
  db_.exec("PRAGMA defer_foreign_keys = ON");
  store::EventStore events(db_);
  events.clear();
  IndexesRebuiltAfter indexes(db_);
  events.put_event_row(protocol::event_of(s.event), protocol::key_bytes(s.event.public_key_hex));
  for (const auto& r : s.rounds) events.put_round(protocol::round_of(r));
  for (const auto& t : s.tables) events.put_table(protocol::table_of(t));
  std::vector<store::ParticipantRecord> people;
  people.reserve(s.participants.size());
  for (const auto& p : s.participants) people.push_back(protocol::participant_of(p));
  std::vector<store::MeetingRecord> meetings;
  meetings.reserve(s.meetings.size());
  for (const auto& m : s.meetings) meetings.push_back(protocol::meeting_of(m));
  {
    const SilencedTriggersOff quiet(db_);
    store::EventStore bulk(db_);  // its statements are prepared while the triggers are off
    bulk.insert_participants(people);
    bulk.insert_meetings(meetings);
  }
  indexes.rebuild();
  ForeignRows foreign(db_);
  for (const auto& r : s.journal) foreign.add(r);
  set_state("event_id", s.event.id);
  set_state("public_key", s.event.public_key_hex);
  set_state("cursor", std::to_string(s.cursor));
  tx.commit();
}

namespace {

// An upsert's data, of the type its entity names (the page reader makes it
// so; a page built otherwise is refused).
template <class T>
const T& data_of(const protocol::Change& c) {
  const T* data = std::get_if<T>(&c.data);
  if (!data)
    throw protocol::ProtocolError(400, "invalid_field", "change " + std::to_string(c.cursor) + ": data of the wrong kind");
  return *data;
}

}  // namespace

void KioskReplica::apply_changes(const protocol::ChangesPage& page) {
  check_trust(page.event_id, page.public_key_hex);
  using protocol::Entity;
  store::Transaction tx(db_);
  db_.exec("PRAGMA defer_foreign_keys = ON");
  store::EventStore events(db_);
  ForeignRows foreign(db_);
  for (const protocol::Change& c : page.changes) {
    switch (c.entity) {
      case Entity::event: {
        if (c.is_delete) break;  // a kiosk keeps its event until re-enrolled
        const auto& e = data_of<protocol::EventInfo>(c);
        check_trust(e.id, e.public_key_hex);
        events.put_event_row(protocol::event_of(e), protocol::key_bytes(e.public_key_hex));
        break;
      }
      case Entity::round:
        if (c.is_delete) events.remove_round(static_cast<int>(key_number(c)));
        else events.put_round(protocol::round_of(data_of<protocol::RoundInfo>(c)));
        break;
      case Entity::table:
        if (c.is_delete) events.remove_table(static_cast<int>(key_number(c)));
        else events.put_table(protocol::table_of(data_of<protocol::TableInfo>(c)));
        break;
      case Entity::participant:
        if (c.is_delete) events.remove_participant(c.key);
        else events.put_participant(protocol::participant_of(data_of<protocol::ParticipantInfo>(c)));
        break;
      case Entity::revocation:
        if (!c.is_delete) {
          const auto& r = data_of<protocol::Revocation>(c);
          events.raise_badge_serial(r.participant, r.badge_serial);
        }
        break;
      case Entity::meeting:
        // A replaced meeting leaves the schedule and is kept apart: check-ins
        // that name it still place its people in its round.
        if (c.is_delete || data_of<protocol::MeetingInfo>(c).replaced) events.remove_meeting(key_number(c));
        if (!c.is_delete) events.put_meeting(protocol::meeting_of(data_of<protocol::MeetingInfo>(c)));
        break;
      case Entity::journal:
        if (!c.is_delete) foreign.add(data_of<protocol::JournalRow>(c));
        break;
    }
  }
  set_state("cursor", std::to_string(page.next_cursor));
  tx.commit();
}

std::vector<protocol::JournalRow> KioskReplica::pending_rows(std::size_t limit) {
  std::vector<protocol::JournalRow> rows;
  // USING (uuid): the one uuid column of the join, so the shared column list fits.
  auto st = db_.prepare(std::string("SELECT ") + store::kJournalColumns +
                        " FROM sync_outbox o JOIN journal USING (uuid) ORDER BY o.rowid LIMIT ?");
  st.bind(1, static_cast<std::int64_t>(limit));
  while (st.step()) rows.push_back(store::read_journal_row(st));
  return rows;
}

std::int64_t KioskReplica::pending_count() {
  auto st = db_.prepare("SELECT count(*) FROM sync_outbox");
  return st.step() ? st.int64(0) : 0;
}

std::int64_t KioskReplica::rejected_count() {
  auto st = db_.prepare("SELECT count(*) FROM sync_rejected");
  return st.step() ? st.int64(0) : 0;
}

std::int64_t KioskReplica::record_results(const std::vector<protocol::JournalRow>& sent,
                                          const std::vector<protocol::RowOutcome>& outcomes) {
  if (sent.size() != outcomes.size()) throw std::runtime_error("the server answered for a different number of rows");
  for (std::size_t i = 0; i < sent.size(); ++i) {
    if (outcomes[i].uuid != sent[i].uuid) throw std::runtime_error("the server answered for other rows");
    if (outcomes[i].result == protocol::RowResult::rejected && outcomes[i].reason == "device_mismatch")
      throw EnrolmentMismatch("the server enrolled this kiosk under another name than \"" + sent[i].device +
                              "\", the name in its journal; fix the kiosk's device name");
  }
  // A lost acknowledgement costs a re-send that the server answers with
  // "duplicate": this commit needs no fsync (3-4 ms per 1,000-row batch).
  const store::RelaxedDurability relaxed(db_);
  store::Transaction tx(db_);
  auto done = db_.prepare("DELETE FROM sync_outbox WHERE uuid = ?");
  auto rejected = db_.prepare(
      "INSERT INTO sync_rejected (uuid, reason, rejected_at) VALUES (?, ?, strftime('%s', 'now') * 1000) "
      "ON CONFLICT (uuid) DO UPDATE SET reason = excluded.reason");
  std::int64_t removed = 0;
  for (std::size_t i = 0; i < sent.size(); ++i) {
    if (outcomes[i].result == protocol::RowResult::rejected) rejected.bind(1, sent[i].uuid).bind(2, outcomes[i].reason).run();
    done.bind(1, sent[i].uuid).run();
    removed += db_.changes();
  }
  tx.commit();
  return removed;
}

void KioskReplica::forget_enrolment() {
  store::Transaction tx(db_);
  db_.exec("DELETE FROM sync_state WHERE key IN ('cursor', 'event_id', 'public_key')");
  tx.commit();
}

void KioskReplica::forget_cursor() {
  store::Transaction tx(db_);
  db_.exec("DELETE FROM sync_state WHERE key = 'cursor'");
  tx.commit();
}

}  // namespace speedmeet::client
