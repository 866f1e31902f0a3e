#include "schema.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "database.hpp"
#include "store_error.hpp"
#include "transaction.hpp"

namespace speedmeet::store {
namespace {

// Never edit a migration once released: add the next one.
constexpr std::array<const char*, 12> kMigrations = {
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
    // 2: sync (owned by sync/server and sync/client). The central database
    // records every change to what kiosks hold in change_log, by triggers, so
    // every writer (imports, schedule, re-match, journal uploads) feeds the
    // sync change feed. A kiosk database marks itself role=kiosk in
    // sync_state, which silences those triggers there (each trigger's WHEN
    // repeats the test inline: a view there costs a temporary table per row).
    R"sql(
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
-- Central: enrolled kiosks. Tokens are kept only as a BLAKE2b hash.
CREATE TABLE devices (
  name          TEXT PRIMARY KEY,
  token_hash    BLOB NOT NULL UNIQUE,
  created_at    INTEGER NOT NULL,             -- unix ms
  revoked_at    INTEGER,
  last_seen_at  INTEGER,
  rows_received INTEGER NOT NULL DEFAULT 0
);
-- Central: the change feed. cursor only grows (AUTOINCREMENT never reuses).
CREATE TABLE change_log (
  cursor INTEGER PRIMARY KEY AUTOINCREMENT,
  -- OR, not IN: SQLite builds a temporary b-tree per row for IN lists of 3+.
  entity TEXT NOT NULL CHECK (entity = 'journal' OR entity = 'participant' OR entity = 'meeting' OR
                              entity = 'revocation' OR entity = 'round' OR entity = 'table' OR entity = 'event'),
  op     TEXT NOT NULL CHECK (op IN ('upsert','delete')),
  key    TEXT NOT NULL,
  data   TEXT,                                -- JSON state at the time; NULL for deletes and journal rows
  device TEXT                                 -- journal rows: the device that made them
);
-- Kiosk: journal rows made here and not yet acknowledged by the server.
CREATE TABLE sync_outbox (uuid TEXT PRIMARY KEY);
-- Kiosk: rows the server refused, kept for the staff screen.
CREATE TABLE sync_rejected (
  uuid        TEXT PRIMARY KEY,
  reason      TEXT NOT NULL,
  rejected_at INTEGER NOT NULL
);
-- Central: rounds whose no-show re-match has run (exactly once each).
CREATE TABLE rematch_runs (
  round    INTEGER PRIMARY KEY,
  ran_at   INTEGER NOT NULL,
  meetings INTEGER NOT NULL
);
CREATE TRIGGER journal_outbox AFTER INSERT ON journal WHEN NEW.received_at IS NULL
  BEGIN INSERT OR IGNORE INTO sync_outbox (uuid) VALUES (NEW.uuid); END;


CREATE TRIGGER change_event_insert AFTER INSERT ON event
  WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk') AND NEW.public_key IS NOT NULL
  BEGIN INSERT INTO change_log (entity, op, key, data) VALUES ('event', 'upsert', NEW.id, json_object(
    'id', NEW.id, 'name', NEW.name, 'venue', NEW.venue, 'timezone', NEW.timezone,
    'default_language', NEW.default_language, 'first_start', NEW.first_start, 'round_minutes', NEW.round_minutes,
    'break_minutes', NEW.break_minutes, 'checkin_window_minutes', NEW.checkin_window_minutes,
    'grace_minutes', NEW.grace_minutes, 'public_key', lower(hex(NEW.public_key)))); END;
CREATE TRIGGER change_event_update AFTER UPDATE ON event
  WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk') AND NEW.public_key IS NOT NULL
  BEGIN INSERT INTO change_log (entity, op, key, data) VALUES ('event', 'upsert', NEW.id, json_object(
    'id', NEW.id, 'name', NEW.name, 'venue', NEW.venue, 'timezone', NEW.timezone,
    'default_language', NEW.default_language, 'first_start', NEW.first_start, 'round_minutes', NEW.round_minutes,
    'break_minutes', NEW.break_minutes, 'checkin_window_minutes', NEW.checkin_window_minutes,
    'grace_minutes', NEW.grace_minutes, 'public_key', lower(hex(NEW.public_key)))); END;

CREATE TRIGGER change_round_upsert AFTER INSERT ON rounds WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key, data) VALUES ('round', 'upsert', NEW.number,
    json_object('number', NEW.number, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at)); END;
CREATE TRIGGER change_round_update AFTER UPDATE ON rounds WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN
    INSERT INTO change_log (entity, op, key) SELECT 'round', 'delete', OLD.number WHERE OLD.number <> NEW.number;
    INSERT INTO change_log (entity, op, key, data) VALUES ('round', 'upsert', NEW.number,
      json_object('number', NEW.number, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at));
  END;
CREATE TRIGGER change_round_delete AFTER DELETE ON rounds WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key) VALUES ('round', 'delete', OLD.number); END;

CREATE TRIGGER change_table_insert AFTER INSERT ON tables WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key, data) VALUES ('table', 'upsert', NEW.number,
    json_object('number', NEW.number, 'label', NEW.label)); END;
CREATE TRIGGER change_table_update AFTER UPDATE ON tables WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN
    INSERT INTO change_log (entity, op, key) SELECT 'table', 'delete', OLD.number WHERE OLD.number <> NEW.number;
    INSERT INTO change_log (entity, op, key, data) VALUES ('table', 'upsert', NEW.number,
      json_object('number', NEW.number, 'label', NEW.label));
  END;
CREATE TRIGGER change_table_delete AFTER DELETE ON tables WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key) VALUES ('table', 'delete', OLD.number); END;

-- Participants travel without e-mail: kiosks do not need it.
CREATE TRIGGER change_participant_insert AFTER INSERT ON participants WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key, data) VALUES ('participant', 'upsert', NEW.id, json_object(
    'id', NEW.id, 'num', NEW.num, 'name', NEW.name, 'organization', NEW.organization, 'role', NEW.role,
    'language', NEW.language, 'badge_code', NEW.badge_code, 'badge_serial', NEW.badge_serial,
    'arrives', NEW.arrives, 'leaves', NEW.leaves)); END;
CREATE TRIGGER change_participant_update AFTER UPDATE ON participants
  WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk') AND (OLD.id IS NOT NEW.id OR OLD.num IS NOT NEW.num
    OR OLD.name IS NOT NEW.name OR OLD.organization IS NOT NEW.organization OR OLD.role IS NOT NEW.role
    OR OLD.language IS NOT NEW.language OR OLD.badge_code IS NOT NEW.badge_code
    OR OLD.badge_serial IS NOT NEW.badge_serial OR OLD.arrives IS NOT NEW.arrives OR OLD.leaves IS NOT NEW.leaves)
  BEGIN
    INSERT INTO change_log (entity, op, key) SELECT 'participant', 'delete', OLD.id WHERE OLD.id <> NEW.id;
    INSERT INTO change_log (entity, op, key, data) VALUES ('participant', 'upsert', NEW.id, json_object(
      'id', NEW.id, 'num', NEW.num, 'name', NEW.name, 'organization', NEW.organization, 'role', NEW.role,
      'language', NEW.language, 'badge_code', NEW.badge_code, 'badge_serial', NEW.badge_serial,
      'arrives', NEW.arrives, 'leaves', NEW.leaves));
    INSERT INTO change_log (entity, op, key, data) SELECT 'revocation', 'upsert', NEW.id,
      json_object('participant', NEW.id, 'num', NEW.num, 'badge_serial', NEW.badge_serial)
      WHERE NEW.badge_serial > OLD.badge_serial;
  END;
CREATE TRIGGER change_participant_delete AFTER DELETE ON participants WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key) VALUES ('participant', 'delete', OLD.id); END;

CREATE TRIGGER change_meeting_insert AFTER INSERT ON meetings WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key, data) VALUES ('meeting', 'upsert', NEW.id, json_object(
    'id', NEW.id, 'round', NEW.round, 'table', NEW.table_no, 'a', NEW.a, 'b', NEW.b, 'origin', NEW.origin)); END;
CREATE TRIGGER change_meeting_update AFTER UPDATE ON meetings WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN
    INSERT INTO change_log (entity, op, key) SELECT 'meeting', 'delete', OLD.id WHERE OLD.id <> NEW.id;
    INSERT INTO change_log (entity, op, key, data) VALUES ('meeting', 'upsert', NEW.id, json_object(
      'id', NEW.id, 'round', NEW.round, 'table', NEW.table_no, 'a', NEW.a, 'b', NEW.b, 'origin', NEW.origin));
  END;
CREATE TRIGGER change_meeting_delete AFTER DELETE ON meetings WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key) VALUES ('meeting', 'delete', OLD.id); END;

-- Journal rows are immutable: the feed reads them from the journal itself.
CREATE TRIGGER change_journal_insert AFTER INSERT ON journal WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key, device) VALUES ('journal', 'upsert', NEW.uuid, NEW.device); END;
)sql",
    // 3: central history of re-matches. A stood-up meeting leaves the
    // schedule (kiosks see a delete) but stays here for the reports; its id
    // is never given to another meeting.
    R"sql(
CREATE TABLE replaced_meetings (
  id          INTEGER PRIMARY KEY,
  round       INTEGER NOT NULL,
  table_no    INTEGER NOT NULL,
  a           TEXT NOT NULL,
  b           TEXT NOT NULL,
  origin      TEXT NOT NULL,
  replaced_at INTEGER NOT NULL              -- unix milliseconds
);
)sql",
    // 4: the journal's kind check as OR, not IN. SQLite builds a temporary
    // b-tree for an IN list of three per checked row: it made every journal
    // insert ~4 us dearer (a server ingesting 1,000 rows paid ~4 ms). A CHECK
    // cannot be altered, so the table is rebuilt with its rowids; nothing
    // references it, and its index and triggers are made again as they were.
    R"sql(
CREATE TABLE journal_v4 (
  uuid           TEXT PRIMARY KEY,            -- UUID v4, made by the device
  device         TEXT NOT NULL,
  seq            INTEGER NOT NULL,            -- device-local sequence number
  device_time    INTEGER NOT NULL,            -- device wall clock, unix milliseconds
  kind           TEXT NOT NULL CHECK (kind = 'entrance' OR kind = 'meeting' OR kind = 'scan'),
  participant_id TEXT,                        -- NULL when the badge named nobody
  meeting_id     INTEGER,                     -- no foreign key: re-matches may replace a meeting
  outcome        TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  code           TEXT NOT NULL DEFAULT '',    -- scanned text, kept for rejected scans only
  received_at    INTEGER,                     -- server receive time, unix ms; NULL where it was made
  UNIQUE (device, seq)
);
INSERT INTO journal_v4 (rowid, uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome, reason,
                        code, received_at)
  SELECT rowid, uuid, device, seq, device_time, kind, participant_id, meeting_id, outcome, reason, code, received_at
  FROM journal;
DROP TABLE journal;
ALTER TABLE journal_v4 RENAME TO journal;
CREATE INDEX journal_by_participant ON journal(participant_id, kind);
CREATE TRIGGER journal_is_append_only_update BEFORE UPDATE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_is_append_only_delete BEFORE DELETE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_outbox AFTER INSERT ON journal WHEN NEW.received_at IS NULL
  BEGIN INSERT OR IGNORE INTO sync_outbox (uuid) VALUES (NEW.uuid); END;
CREATE TRIGGER change_journal_insert AFTER INSERT ON journal WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key, device) VALUES ('journal', 'upsert', NEW.uuid, NEW.device); END;
)sql",
    // 5: meeting ids are never reused, not even by a new `speedmeet schedule`
    // (a journal row names its meeting by id); and the meetings re-matches
    // replace travel to kiosks, flagged, so that presence carries over from
    // them there too. Retiring a meeting deletes it first (a feed delete),
    // then keeps it apart (a feed upsert with "replaced": true).
    R"sql(
CREATE TABLE id_counters (
  name TEXT PRIMARY KEY,
  last INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO id_counters (name, last) SELECT 'meeting',
  max(coalesce((SELECT max(id) FROM meetings), 0), coalesce((SELECT max(id) FROM replaced_meetings), 0));
CREATE TRIGGER change_replaced_meeting_insert AFTER INSERT ON replaced_meetings
  WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key, data) VALUES ('meeting', 'upsert', NEW.id, json_object(
    'id', NEW.id, 'round', NEW.round, 'table', NEW.table_no, 'a', NEW.a, 'b', NEW.b, 'origin', NEW.origin,
    'replaced', json('true'))); END;
CREATE TRIGGER change_replaced_meeting_delete AFTER DELETE ON replaced_meetings
  WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'role' AND value = 'kiosk')
  BEGIN INSERT INTO change_log (entity, op, key) VALUES ('meeting', 'delete', OLD.id); END;
)sql",
    // 6: who checked a person in by hand on a kiosk's staff panel (their
    // participant id); empty for a badge scan.
    R"sql(
ALTER TABLE journal ADD COLUMN staff TEXT NOT NULL DEFAULT '';
)sql",
    // 7: central record of uploaded rows refused as seq_conflict: their
    // device name already had another row with that seq, so a second kiosk
    // uses the name. `speedmeet device list` and the report flag such names.
    R"sql(
CREATE TABLE device_conflicts (
  device  TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  uuid    TEXT NOT NULL,                      -- the refused row
  seen_at INTEGER NOT NULL,                   -- first refusal, unix ms
  PRIMARY KEY (device, seq, uuid)
) WITHOUT ROWID;
)sql",
    // 8: badges revoked without a new one (speedmeet badges revoke; owned by
    // sync/central/print). Central bookkeeping only: a revoke also bumps the
    // participant's badge_serial, and that bump is what kiosks hear of. A row
    // here means "no valid badge is out": nothing is printed for them until
    // --reissue removes the row.
    R"sql(
CREATE TABLE revoked_badges (
  participant_id TEXT PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE ON UPDATE CASCADE,
  revoked_at     INTEGER NOT NULL             -- unix milliseconds
) WITHOUT ROWID;
)sql",
    // 9: the central database's mail outbox (speedmeet mail; owned by
    // sync/central/mail): one row per participant and kind of message, its
    // Message-ID fixed when queued, its state and the server's last answer.
    // Central bookkeeping only, never sent to kiosks. docs/MAIL.md.
    R"sql(
CREATE TABLE mail_outbox (
  participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE ON UPDATE CASCADE,
  kind           TEXT NOT NULL,                 -- 'badge': badge PDF, QR image and agenda
  recipient      TEXT NOT NULL,                 -- the address queued, or of the last attempt
  message_id     TEXT NOT NULL UNIQUE,          -- "<...@domain>", the same on every attempt
  state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts       INTEGER NOT NULL DEFAULT 0,    -- SMTP transactions started
  deferrals      INTEGER NOT NULL DEFAULT 0,    -- 4xx answers ("try again later")
  uncertain      INTEGER NOT NULL DEFAULT 0,    -- attempts cut off after the whole message had left
  body_done      INTEGER NOT NULL DEFAULT 0 CHECK (body_done IN (0, 1)),
  reply          TEXT NOT NULL DEFAULT '',      -- the server's last answer
  queued_at      INTEGER NOT NULL,              -- unix seconds; the message's Date
  attempted_at   INTEGER,
  finished_at    INTEGER,
  PRIMARY KEY (participant_id, kind)
) WITHOUT ROWID;
)sql",
    // 10: the staff console (owned by sync/central/console; docs/CONSOLE.md):
    // staff accounts with Argon2id password hashes, their browser sessions
    // (only a BLAKE2b hash of the cookie is kept), an append-only audit of
    // every action, and the people desk staff marked as gone (the re-match
    // no longer places them). Central bookkeeping only, never sent to kiosks.
    R"sql(
CREATE TABLE staff (
  name          TEXT PRIMARY KEY,
  role          TEXT NOT NULL CHECK (role = 'host' OR role = 'desk' OR role = 'admin'),
  password_hash TEXT NOT NULL,                -- crypto_pwhash_str (Argon2id), parameters inside
  created_at    INTEGER NOT NULL,             -- unix ms
  changed_at    INTEGER NOT NULL              -- unix ms of the last password or role change
) WITHOUT ROWID;
CREATE TABLE staff_sessions (
  token_hash BLOB PRIMARY KEY,                -- BLAKE2b-256 of the cookie value
  staff_name TEXT NOT NULL REFERENCES staff(name) ON DELETE CASCADE,
  csrf       TEXT NOT NULL,                   -- the token every state-changing request repeats
  created_at INTEGER NOT NULL,                -- unix ms
  expires_at INTEGER NOT NULL,                -- unix ms
  address    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX staff_sessions_by_name ON staff_sessions(staff_name);
CREATE TABLE staff_audit (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,                   -- unix ms
  staff   TEXT NOT NULL,                      -- account name, or "cli" for the staff command
  address TEXT NOT NULL DEFAULT '',           -- the browser's IP address
  action  TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  detail  TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER staff_audit_is_append_only_update BEFORE UPDATE ON staff_audit
  BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;
CREATE TRIGGER staff_audit_is_append_only_delete BEFORE DELETE ON staff_audit
  BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;
CREATE TABLE departures (
  participant_id TEXT PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE ON UPDATE CASCADE,
  left_at        INTEGER NOT NULL,            -- unix ms
  staff          TEXT NOT NULL
) WITHOUT ROWID;
)sql",
    // 11: one-time enrolment secrets behind setup codes
    // (speedmeet device add DB NAME --qr), kept hashed like device tokens.
    // A row is used at most once (used_at set in the same transaction that
    // enrols the device) and refused after expires_at. Central only.
    R"sql(
CREATE TABLE enrolment_secrets (
  secret_hash BLOB PRIMARY KEY,               -- BLAKE2b of the secret
  device      TEXT NOT NULL,                  -- the name the kiosk is enrolled as
  created_at  INTEGER NOT NULL,               -- unix ms
  expires_at  INTEGER NOT NULL,               -- unix ms
  used_at     INTEGER                         -- unix ms; NULL while unused
) WITHOUT ROWID;
)sql",
    // 12: the kiosk's clock (docs/CHECKIN.md, "The kiosk's clock"). Each
    // journal row keeps the device's own time and, when the device had
    // measured its offset to the server, the corrected time. Central: each
    // device's last reported offset. Kiosk: its last measured offset, the
    // boot it was measured in and who confirmed the clock.
    R"sql(
ALTER TABLE journal ADD COLUMN corrected_time INTEGER;     -- unix ms; NULL: the device's clock was all it had
ALTER TABLE devices ADD COLUMN clock_offset_ms INTEGER;   -- server minus device, as last reported
ALTER TABLE devices ADD COLUMN clock_rtt_ms INTEGER;      -- the round trip of that measurement
ALTER TABLE devices ADD COLUMN clock_reported_at INTEGER; -- unix ms, server time
CREATE TABLE kiosk_clock (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  offset_ms    INTEGER,                        -- server minus device; NULL: never measured
  rtt_ms       INTEGER,
  boot_id      TEXT NOT NULL DEFAULT '',       -- the boot the clock was confirmed in (/proc boot_id)
  boot_epoch   INTEGER,                        -- corrected unix ms when CLOCK_BOOTTIME read 0, in that boot
  confirmed_by TEXT NOT NULL DEFAULT ''        -- 'sync' or 'staff:ID'; '' never
);
)sql",
};

int read_user_version(Database& db) {
  auto st = db.prepare("PRAGMA user_version");
  return st.step() ? st.integer(0) : 0;
}

}  // namespace

int schema_version() { return static_cast<int>(kMigrations.size()); }

void migrate(Database& db) { migrate(db, schema_version()); }

void migrate(Database& db, int target) {
  const int current = read_user_version(db);
  if (current > schema_version())
    throw StoreError(db.path() + " has schema version " + std::to_string(current) + " but this speedmeet knows only " +
                         std::to_string(schema_version()) + "; use a newer speedmeet",
                     0);
  for (int version = current; version < std::min(target, schema_version()); ++version) {
    Transaction tx(db);
    db.exec(kMigrations[static_cast<std::size_t>(version)]);
    // PRAGMA takes no bound parameters; the value is our own integer.
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    tx.commit();
  }
}

}  // namespace speedmeet::store
