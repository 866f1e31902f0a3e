#include "event_store.hpp"

#include <algorithm>
#include <iterator>

#include "database.hpp"
#include "store_error.hpp"

namespace speedmeet::store {
namespace {

Participant read_participant(const Statement& st, int first) {
  Participant p;
  p.id = st.text(first);
  p.name = st.text(first + 1);
  p.organization = st.text(first + 2);
  p.role = parse_role(st.text(first + 3)).value_or(Role::project);
  p.language = parse_language(st.text(first + 4)).value_or(Language::en);
  p.email = st.text(first + 5);
  p.badge_code = st.text(first + 6);
  if (!st.is_null(first + 9)) p.arrives = st.integer(first + 9);
  if (!st.is_null(first + 10)) p.leaves = st.integer(first + 10);
  return p;
}

constexpr const char* kParticipantColumns =
    "id, name, organization, role, language, email, badge_code, num, badge_serial, arrives, leaves";

}  // namespace

namespace {

// Parameters 1-10 of an event row, in the column order both writers use.
void bind_event_row(Statement& st, const Event& e) {
  st.bind(1, e.id).bind(2, e.name).bind(3, e.venue).bind(4, e.timezone).bind(5, to_string(e.default_language));
  st.bind(6, to_unix(e.plan.first_start)).bind(7, static_cast<std::int64_t>(e.plan.round_length.count()));
  st.bind(8, static_cast<std::int64_t>(e.plan.break_length.count()));
  st.bind(9, static_cast<std::int64_t>(e.checkin_window.count())).bind(10, static_cast<std::int64_t>(e.grace.count()));
}

}  // namespace

Statement& EventStore::cached(std::optional<Statement>& slot, const char* sql) {
  if (!slot) slot.emplace(db_.prepare(sql));
  return *slot;
}

bool EventStore::has_event() {
  auto st = db_.prepare("SELECT count(*) FROM event");
  return st.step() && st.int64(0) > 0;
}

void EventStore::save_event(const Event& e) {
  auto st = db_.prepare(
      "INSERT INTO event (singleton, id, name, venue, timezone, default_language, first_start, round_minutes, "
      "break_minutes, checkin_window_minutes, grace_minutes) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_event_row(st, e);
  st.run();

  auto round = db_.prepare("INSERT INTO rounds (number, starts_at, ends_at) VALUES (?, ?, ?)");
  for (const Round& r : e.rounds) round.bind(1, r.number).bind(2, to_unix(r.starts_at)).bind(3, to_unix(r.ends_at)).run();
  auto table = db_.prepare("INSERT INTO tables (number, label) VALUES (?, ?)");
  for (const Table& t : e.tables) table.bind(1, t.number).bind(2, t.label).run();
}

std::optional<Event> EventStore::load_event_row() {
  auto st = db_.prepare(
      "SELECT id, name, venue, timezone, default_language, first_start, round_minutes, break_minutes, "
      "checkin_window_minutes, grace_minutes FROM event");
  if (!st.step()) return std::nullopt;
  Event e;
  e.id = st.text(0);
  e.name = st.text(1);
  e.venue = st.text(2);
  e.timezone = st.text(3);
  e.default_language = parse_language(st.text(4)).value_or(Language::en);
  e.plan.first_start = from_unix(st.int64(5));
  e.plan.round_length = Minutes{st.int64(6)};
  e.plan.break_length = Minutes{st.int64(7)};
  e.checkin_window = Minutes{st.int64(8)};
  e.grace = Minutes{st.int64(9)};
  return e;
}

std::optional<Event> EventStore::load_event() {
  std::optional<Event> event = load_event_row();
  if (!event) return std::nullopt;
  Event& e = *event;
  auto rounds = db_.prepare("SELECT number, starts_at, ends_at FROM rounds ORDER BY number");
  while (rounds.step()) e.rounds.push_back({rounds.integer(0), from_unix(rounds.int64(1)), from_unix(rounds.int64(2))});
  e.plan.rounds = static_cast<int>(e.rounds.size());
  auto tables = db_.prepare("SELECT number, label FROM tables ORDER BY number");
  while (tables.step()) e.tables.push_back({tables.integer(0), tables.text(1)});
  return event;
}

void EventStore::set_public_key(const std::vector<unsigned char>& public_key) {
  db_.prepare("UPDATE event SET public_key = ?").bind_blob(1, public_key).run();
}

void EventStore::set_keys(const std::vector<unsigned char>& public_key, const std::vector<unsigned char>& secret_key) {
  set_public_key(public_key);
  db_.prepare("INSERT OR REPLACE INTO event_secret (singleton, secret_key) VALUES (1, ?)").bind_blob(1, secret_key).run();
}

std::vector<unsigned char> EventStore::public_key() {
  auto st = db_.prepare("SELECT public_key FROM event");
  return st.step() ? st.blob(0) : std::vector<unsigned char>{};
}

void EventStore::upsert_participant(const Participant& p) {
  auto& st = cached(upsert_participant_,
      "INSERT INTO participants (id, num, name, organization, role, language, email, badge_code, arrives, leaves) "
      "VALUES (?1, (SELECT coalesce(max(num), 0) + 1 FROM participants), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
      "ON CONFLICT (id) DO UPDATE SET name = excluded.name, organization = excluded.organization, "
      "role = excluded.role, language = excluded.language, email = excluded.email, badge_code = excluded.badge_code, "
      "arrives = excluded.arrives, leaves = excluded.leaves");
  st.bind(1, p.id).bind(2, p.name).bind(3, p.organization).bind(4, to_string(p.role)).bind(5, to_string(p.language));
  st.bind(6, p.email).bind_text_or_null(7, p.badge_code);
  if (p.arrives) st.bind(8, *p.arrives); else st.bind_null(8);
  if (p.leaves) st.bind(9, *p.leaves); else st.bind_null(9);
  st.run();
}

std::optional<ParticipantRecord> EventStore::find_participant(const std::string& id) {
  auto st = db_.prepare(std::string("SELECT ") + kParticipantColumns + " FROM participants WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return ParticipantRecord{read_participant(st, 0), st.int64(7), st.int64(8)};
}

std::vector<ParticipantRecord> EventStore::participants() {
  std::vector<ParticipantRecord> out;
  auto st = db_.prepare(std::string("SELECT ") + kParticipantColumns + " FROM participants ORDER BY id");
  while (st.step()) out.push_back({read_participant(st, 0), st.int64(7), st.int64(8)});
  return out;
}

int EventStore::participant_count() {
  auto st = db_.prepare("SELECT count(*) FROM participants");
  return st.step() ? st.integer(0) : 0;
}

void EventStore::upsert_wish(const Wish& w) {
  cached(upsert_wish_,
         "INSERT INTO wishes (from_id, to_id, priority) VALUES (?, ?, ?) "
         "ON CONFLICT (from_id, to_id) DO UPDATE SET priority = excluded.priority")
      .bind(1, w.from)
      .bind(2, w.to)
      .bind(3, w.priority)
      .run();
}

std::vector<Wish> EventStore::wishes() {
  std::vector<Wish> out;
  auto st = db_.prepare("SELECT from_id, to_id, priority FROM wishes ORDER BY from_id, to_id");
  while (st.step()) out.push_back({st.text(0), st.text(1), st.integer(2)});
  return out;
}

std::vector<Meeting> EventStore::replace_meetings(const std::vector<Meeting>& meetings, const std::string& origin) {
  db_.exec("DELETE FROM meetings; DELETE FROM replaced_meetings");
  return add_meetings(meetings, origin);
}

std::vector<Meeting> EventStore::add_meetings(const std::vector<Meeting>& meetings, const std::string& origin) {
  // Ids are never reused, not even after a whole new schedule: a journal
  // row names its meeting by id, so a new meeting taking an old one's id
  // would inherit its check-ins. The counter only grows.
  auto last = db_.prepare(
      "SELECT max(coalesce((SELECT last FROM id_counters WHERE name = 'meeting'), 0), "
      "coalesce((SELECT max(id) FROM meetings), 0), coalesce((SELECT max(id) FROM replaced_meetings), 0))");
  last.step();
  std::int64_t id = last.int64(0);
  auto st = db_.prepare("INSERT INTO meetings (id, round, table_no, a, b, origin) VALUES (?, ?, ?, ?, ?, ?)");
  std::vector<Meeting> stored = meetings;
  for (Meeting& m : stored) {
    m.id = ++id;
    m.rematch = origin == "rematch";
    st.bind(1, m.id).bind(2, m.round).bind(3, m.table).bind(4, m.a).bind(5, m.b).bind(6, origin).run();
  }
  db_.prepare("INSERT INTO id_counters (name, last) VALUES ('meeting', ?) ON CONFLICT (name) DO UPDATE SET last = "
              "max(last, excluded.last)")
      .bind(1, id)
      .run();
  return stored;
}

void EventStore::retire_meetings(const std::vector<std::int64_t>& ids, std::int64_t replaced_at_ms) {
  // Out of the schedule first, then kept apart: the change feed then tells
  // kiosks "delete", then "upsert, replaced", and they keep it too.
  auto read = db_.prepare("SELECT round, table_no, a, b, origin FROM meetings WHERE id = ?");
  auto remove = db_.prepare("DELETE FROM meetings WHERE id = ?");
  auto keep = db_.prepare(
      "INSERT INTO replaced_meetings (id, round, table_no, a, b, origin, replaced_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (std::int64_t id : ids) {
    read.bind(1, id);
    if (!read.step()) {
      read.reset();
      continue;
    }
    keep.bind(1, id).bind(2, read.int64(0)).bind(3, read.int64(1)).bind(4, read.text(2)).bind(5, read.text(3));
    keep.bind(6, read.text(4)).bind(7, replaced_at_ms);
    read.reset();
    remove.bind(1, id).run();
    keep.run();
  }
}

std::int64_t EventStore::meeting_checkins() {
  auto st = db_.prepare("SELECT count(*) FROM journal WHERE meeting_id IS NOT NULL");
  st.step();
  return st.int64(0);
}

namespace {

// Both meeting tables have the same first columns.
constexpr const char* kMeetingColumns = "id, round, table_no, a, b, origin";

MeetingRecord read_meeting(const Statement& st, bool replaced) {
  MeetingRecord r;
  r.meeting = {st.int64(0), st.integer(1), st.integer(2), st.text(3), st.text(4)};
  r.origin = st.text(5);
  r.meeting.rematch = r.origin == "rematch";
  r.replaced = replaced;
  return r;
}

std::vector<MeetingRecord> read_meetings(Database& db, bool replaced) {
  std::vector<MeetingRecord> out;
  auto st = db.prepare(std::string("SELECT ") + kMeetingColumns +
                       (replaced ? " FROM replaced_meetings ORDER BY round, table_no, id"
                                 : " FROM meetings ORDER BY round, table_no"));
  while (st.step()) out.push_back(read_meeting(st, replaced));
  return out;
}

std::vector<Meeting> meetings_of(std::vector<MeetingRecord> records) {
  std::vector<Meeting> out;
  out.reserve(records.size());
  for (MeetingRecord& r : records) out.push_back(std::move(r.meeting));
  return out;
}

// "INSERT ... VALUES " followed by `rows` groups of `columns` parameters.
std::string multi_row_insert(const char* head, int columns, std::size_t rows) {
  std::string group = "(?";
  for (int c = 1; c < columns; ++c) group += ", ?";
  group += ")";
  std::string sql = head;
  for (std::size_t r = 0; r < rows; ++r) sql.append(r ? ", " : "").append(group);
  return sql;
}

constexpr std::size_t kBulkRows = 256;

// Inserts every item, kBulkRows per statement; bind_one fills the
// parameters after `first` (0-based) of one item.
template <class T, class Bind>
void insert_all(Database& db, const char* head, int columns, const std::vector<T>& items, Bind bind_one) {
  std::optional<Statement> full;
  for (std::size_t done = 0; done < items.size();) {
    const std::size_t n = std::min(kBulkRows, items.size() - done);
    if (n == kBulkRows && !full) full.emplace(db.prepare(multi_row_insert(head, columns, kBulkRows)));
    std::optional<Statement> tail;
    if (n < kBulkRows) tail.emplace(db.prepare(multi_row_insert(head, columns, n)));
    Statement& st = n == kBulkRows ? *full : *tail;
    for (std::size_t i = 0; i < n; ++i) bind_one(st, static_cast<int>(i) * columns, items[done + i]);
    st.run();
    done += n;
  }
}

void bind_optional(Statement& st, int index, const std::optional<int>& v) {
  if (v) st.bind(index, *v); else st.bind_null(index);
}

// Parameters first + 1 ... first + 10 (no e-mail: kiosks never hold one).
constexpr int kRecordColumns = 10;
void bind_record(Statement& st, int first, const ParticipantRecord& r) {
  const Participant& p = r.participant;
  st.bind(first + 1, p.id).bind(first + 2, r.num).bind(first + 3, p.name).bind(first + 4, p.organization);
  st.bind(first + 5, to_string(p.role)).bind(first + 6, to_string(p.language)).bind_text_or_null(first + 7, p.badge_code);
  st.bind(first + 8, r.badge_serial);
  bind_optional(st, first + 9, p.arrives);
  bind_optional(st, first + 10, p.leaves);
}
constexpr const char* kRecordInsert =
    "INSERT INTO participants (id, num, name, organization, role, language, badge_code, badge_serial, arrives, "
    "leaves) VALUES ";

// Parameters first + 1 ... first + 6.
constexpr int kMeetingParameters = 6;
void bind_meeting(Statement& st, int first, const MeetingRecord& r) {
  const Meeting& m = r.meeting;
  st.bind(first + 1, m.id).bind(first + 2, m.round).bind(first + 3, m.table).bind(first + 4, m.a);
  st.bind(first + 5, m.b).bind(first + 6, r.origin);
}
constexpr const char* kMeetingInsert = "INSERT INTO meetings (id, round, table_no, a, b, origin) VALUES ";
constexpr const char* kReplacedUpsert =
    "INSERT INTO replaced_meetings (id, round, table_no, a, b, origin, replaced_at) VALUES (?, ?, ?, ?, ?, ?, 0) "
    "ON CONFLICT (id) DO UPDATE SET round = excluded.round, table_no = excluded.table_no, a = excluded.a, "
    "b = excluded.b, origin = excluded.origin";

}  // namespace

std::vector<Meeting> EventStore::meetings() { return meetings_of(read_meetings(db_, false)); }

std::vector<Meeting> EventStore::replaced_meetings() { return meetings_of(read_meetings(db_, true)); }

std::vector<MeetingRecord> EventStore::meeting_records() {
  std::vector<MeetingRecord> all = read_meetings(db_, false);
  std::vector<MeetingRecord> replaced = read_meetings(db_, true);
  all.insert(all.end(), std::make_move_iterator(replaced.begin()), std::make_move_iterator(replaced.end()));
  return all;
}

void EventStore::clear() {
  db_.exec("DELETE FROM meetings; DELETE FROM replaced_meetings; DELETE FROM wishes; DELETE FROM participants; "
           "DELETE FROM rounds; DELETE FROM tables; DELETE FROM event");
}

void EventStore::put_event_row(const Event& e, const std::vector<unsigned char>& public_key) {
  auto st = db_.prepare(
      "INSERT INTO event (singleton, id, name, venue, timezone, default_language, first_start, round_minutes, "
      "break_minutes, checkin_window_minutes, grace_minutes, public_key) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (singleton) DO UPDATE SET id = excluded.id, name = excluded.name, venue = excluded.venue, "
      "timezone = excluded.timezone, default_language = excluded.default_language, first_start = excluded.first_start, "
      "round_minutes = excluded.round_minutes, break_minutes = excluded.break_minutes, "
      "checkin_window_minutes = excluded.checkin_window_minutes, grace_minutes = excluded.grace_minutes, "
      "public_key = excluded.public_key");
  bind_event_row(st, e);
  st.bind_blob(11, public_key);
  st.run();
}

void EventStore::put_round(const Round& r) {
  db_.prepare("INSERT INTO rounds (number, starts_at, ends_at) VALUES (?, ?, ?) ON CONFLICT (number) DO "
              "UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at")
      .bind(1, r.number).bind(2, to_unix(r.starts_at)).bind(3, to_unix(r.ends_at)).run();
}

void EventStore::remove_round(int number) { db_.prepare("DELETE FROM rounds WHERE number = ?").bind(1, number).run(); }

void EventStore::put_table(const Table& t) {
  db_.prepare("INSERT INTO tables (number, label) VALUES (?, ?) ON CONFLICT (number) DO UPDATE SET "
              "label = excluded.label")
      .bind(1, t.number).bind(2, t.label).run();
}

void EventStore::remove_table(int number) { db_.prepare("DELETE FROM tables WHERE number = ?").bind(1, number).run(); }

void EventStore::put_participant(const ParticipantRecord& r) {
  auto& st = cached(put_participant_,
      "INSERT INTO participants (id, num, name, organization, role, language, badge_code, badge_serial, arrives, "
      "leaves) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET num = excluded.num, "
      "name = excluded.name, organization = excluded.organization, role = excluded.role, language = excluded.language, "
      "badge_code = excluded.badge_code, badge_serial = excluded.badge_serial, arrives = excluded.arrives, "
      "leaves = excluded.leaves");
  bind_record(st, 0, r);
  st.run();
}

void EventStore::remove_participant(const std::string& id) {
  db_.prepare("DELETE FROM participants WHERE id = ?").bind(1, id).run();
}

void EventStore::raise_badge_serial(const std::string& id, std::int64_t serial) {
  db_.prepare("UPDATE participants SET badge_serial = max(badge_serial, ?) WHERE id = ?").bind(1, serial).bind(2, id).run();
}

void EventStore::put_meeting(const MeetingRecord& r) {
  if (r.replaced) {
    auto& st = cached(put_replaced_, kReplacedUpsert);
    bind_meeting(st, 0, r);
    st.run();
    return;
  }
  auto& st = cached(put_meeting_,
      "INSERT INTO meetings (id, round, table_no, a, b, origin) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
      "SET round = excluded.round, table_no = excluded.table_no, a = excluded.a, b = excluded.b, origin = excluded.origin");
  bind_meeting(st, 0, r);
  st.run();
}

void EventStore::remove_meeting(std::int64_t id) {
  db_.prepare("DELETE FROM meetings WHERE id = ?").bind(1, id).run();
  db_.prepare("DELETE FROM replaced_meetings WHERE id = ?").bind(1, id).run();
}

void EventStore::insert_participants(const std::vector<ParticipantRecord>& records) {
  insert_all(db_, kRecordInsert, kRecordColumns, records, bind_record);
}

void EventStore::insert_meetings(const std::vector<MeetingRecord>& records) {
  std::vector<const MeetingRecord*> in_play;
  in_play.reserve(records.size());
  for (const MeetingRecord& r : records)
    if (!r.replaced) in_play.push_back(&r);
  insert_all(db_, kMeetingInsert, kMeetingParameters, in_play,
             [](Statement& st, int first, const MeetingRecord* r) { bind_meeting(st, first, *r); });
  for (const MeetingRecord& r : records)
    if (r.replaced) put_meeting(r);
}

}  // namespace speedmeet::store
