#include "schema.hpp"

#include <array>
#include <string>

#include "database.hpp"
#include "store_error.hpp"
#include "transaction.hpp"

namespace speedmeet::store {
namespace {

// Never edit a migration once released: add the next one.
constexpr std::array<const char*, 1> kMigrations = {
    // 1: event, roster, schedule, wishes, journal.
    R"sql(
CREATE TABLE event (
  singleton        INTEGER PRIMARY KEY CHECK (singleton = 1),
  id               TEXT NOT NULL,
  name             TEXT NOT NULL,
  venue            TEXT NOT NULL,
  timezone         TEXT NOT NULL,
  default_language TEXT NOT NULL CHECK (default_language IN ('fr','en','de')),
  first_start      INTEGER NOT NULL,          -- unix seconds, UTC
  round_minutes    INTEGER NOT NULL CHECK (round_minutes > 0),
  break_minutes    INTEGER NOT NULL CHECK (break_minutes >= 0),
  checkin_window_minutes INTEGER NOT NULL DEFAULT 5 CHECK (checkin_window_minutes >= 0),
  grace_minutes    INTEGER NOT NULL DEFAULT 3 CHECK (grace_minutes >= 0),
  public_key       BLOB                       -- Ed25519, 32 bytes
);
-- Central database only: never copied into a snapshot.
CREATE TABLE event_secret (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  secret_key BLOB NOT NULL
);
CREATE TABLE rounds (
  number    INTEGER PRIMARY KEY CHECK (number >= 1),
  starts_at INTEGER NOT NULL,
  ends_at   INTEGER NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE TABLE tables (
  number INTEGER PRIMARY KEY CHECK (number >= 1),
  label  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE participants (
  id           TEXT PRIMARY KEY,
  num          INTEGER NOT NULL UNIQUE,       -- compact key printed in badges
  name         TEXT NOT NULL CHECK (length(name) > 0),
  organization TEXT NOT NULL DEFAULT '',
  role         TEXT NOT NULL CHECK (role IN ('company','project','staff')),
  language     TEXT NOT NULL CHECK (language IN ('fr','en','de')),
  email        TEXT NOT NULL DEFAULT '',
  badge_code   TEXT UNIQUE,                   -- another ticketing system's code, or NULL
  badge_serial INTEGER NOT NULL DEFAULT 1 CHECK (badge_serial >= 1),
  arrives      INTEGER,                       -- availability: first round, or NULL
  leaves       INTEGER                        -- availability: last round, or NULL
);
CREATE TABLE wishes (
  from_id  TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  to_id    TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),
  PRIMARY KEY (from_id, to_id),
  CHECK (from_id <> to_id)
) WITHOUT ROWID;
CREATE TABLE meetings (
  id       INTEGER PRIMARY KEY,
  round    INTEGER NOT NULL REFERENCES rounds(number),
  table_no INTEGER NOT NULL REFERENCES tables(number),
  a        TEXT NOT NULL REFERENCES participants(id),
  b        TEXT NOT NULL REFERENCES participants(id),
  origin   TEXT NOT NULL DEFAULT 'import' CHECK (origin IN ('import','schedule','rematch')),
  UNIQUE (round, table_no),
  CHECK (a <> b)
);
CREATE INDEX meetings_by_a ON meetings(a, round);
CREATE INDEX meetings_by_b ON meetings(b, round);
-- Append-only record of every scan; the unit that sync moves.
CREATE TABLE journal (
  uuid           TEXT PRIMARY KEY,            -- UUID v4, made by the device
  device         TEXT NOT NULL,
  seq            INTEGER NOT NULL,            -- device-local sequence number
  device_time    INTEGER NOT NULL,            -- device wall clock, unix milliseconds
  kind           TEXT NOT NULL CHECK (kind IN ('entrance','meeting','scan')),
  participant_id TEXT,                        -- NULL when the badge named nobody
  meeting_id     INTEGER,                     -- no foreign key: re-matches may replace a meeting
  outcome        TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  code           TEXT NOT NULL DEFAULT '',    -- scanned text, kept for rejected scans only
  received_at    INTEGER,                     -- server receive time, unix ms; NULL where it was made
  UNIQUE (device, seq)
);
CREATE INDEX journal_by_participant ON journal(participant_id, kind);
CREATE TRIGGER journal_is_append_only_update BEFORE UPDATE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_is_append_only_delete BEFORE DELETE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
)sql",
};

int read_user_version(Database& db) {
  auto st = db.prepare("PRAGMA user_version");
  return st.step() ? st.integer(0) : 0;
}

}  // namespace

int schema_version() { return static_cast<int>(kMigrations.size()); }

void migrate(Database& db) {
  const int current = read_user_version(db);
  if (current > schema_version())
    throw StoreError(db.path() + " has schema version " + std::to_string(current) + " but this speedmeet knows only " +
                         std::to_string(schema_version()) + "; use a newer speedmeet",
                     0);
  for (int version = current; version < schema_version(); ++version) {
    Transaction tx(db);
    db.exec(kMigrations[static_cast<std::size_t>(version)]);
    // PRAGMA takes no bound parameters; the value is our own integer.
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    tx.commit();
  }
}

}  // namespace speedmeet::store
