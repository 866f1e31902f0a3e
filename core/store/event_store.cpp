#include "event_store.hpp"

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
  st.bind(1, e.id).bind(2, e.name).bind(3, e.venue).bind(4, e.timezone).bind(5, to_string(e.default_language));
  st.bind(6, to_unix(e.plan.first_start)).bind(7, static_cast<std::int64_t>(e.plan.round_length.count()));
  st.bind(8, static_cast<std::int64_t>(e.plan.break_length.count()));
  st.bind(9, static_cast<std::int64_t>(e.checkin_window.count())).bind(10, static_cast<std::int64_t>(e.grace.count()));
  st.run();

  auto round = db_.prepare("INSERT INTO rounds (number, starts_at, ends_at) VALUES (?, ?, ?)");
  for (const Round& r : e.rounds) round.bind(1, r.number).bind(2, to_unix(r.starts_at)).bind(3, to_unix(r.ends_at)).run();
  auto table = db_.prepare("INSERT INTO tables (number, label) VALUES (?, ?)");
  for (const Table& t : e.tables) table.bind(1, t.number).bind(2, t.label).run();
}

std::optional<Event> EventStore::load_event() {
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

  auto rounds = db_.prepare("SELECT number, starts_at, ends_at FROM rounds ORDER BY number");
  while (rounds.step()) e.rounds.push_back({rounds.integer(0), from_unix(rounds.int64(1)), from_unix(rounds.int64(2))});
  e.plan.rounds = static_cast<int>(e.rounds.size());
  auto tables = db_.prepare("SELECT number, label FROM tables ORDER BY number");
  while (tables.step()) e.tables.push_back({tables.integer(0), tables.text(1)});
  return e;
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

std::vector<Meeting> EventStore::meetings() {
  std::vector<Meeting> out;
  auto st = db_.prepare(
      "SELECT id, round, table_no, a, b, origin = 'rematch' FROM meetings ORDER BY round, table_no");
  while (st.step())
    out.push_back({st.int64(0), st.integer(1), st.integer(2), st.text(3), st.text(4), st.integer(5) != 0});
  return out;
}

std::vector<Meeting> EventStore::replaced_meetings() {
  std::vector<Meeting> out;
  auto st = db_.prepare(
      "SELECT id, round, table_no, a, b, origin = 'rematch' FROM replaced_meetings ORDER BY round, table_no, id");
  while (st.step())
    out.push_back({st.int64(0), st.integer(1), st.integer(2), st.text(3), st.text(4), st.integer(5) != 0});
  return out;
}

}  // namespace speedmeet::store
