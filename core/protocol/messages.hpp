#pragma once
// The messages of /api/v1 (docs/API.md) and of the offline bundles, as plain
// structs, with writers that make their text and strict readers that take
// text: every reader checks types and bounds and throws ProtocolError(400)
// naming the field, so neither end trusts the wire. No JSON library shows
// here; the codecs are in this folder's .cpp files.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/clock_offset.hpp"
#include "domain/journal_row.hpp"
#include "limits.hpp"

namespace speedmeet::protocol {

// One journal row as it travels: the domain's row, received_at set by the
// server (and ignored in uploads).
using speedmeet::JournalRow;

struct EventInfo {
  std::string id, name, venue, timezone, default_language;
  std::int64_t first_start = 0;  // unix seconds
  std::int64_t round_minutes = 0, break_minutes = 0, checkin_window_minutes = 0, grace_minutes = 0;
  std::string public_key_hex;  // Ed25519, 64 hex digits
  bool operator==(const EventInfo&) const = default;
};
struct RoundInfo {
  std::int64_t number = 0, starts_at = 0, ends_at = 0;
  bool operator==(const RoundInfo&) const = default;
};
struct TableInfo {
  std::int64_t number = 0;
  std::string label;
  bool operator==(const TableInfo&) const = default;
};
// A participant as a kiosk sees it: no e-mail address.
struct ParticipantInfo {
  std::string id;
  std::int64_t num = 0;
  std::string name, organization, role, language;
  std::string badge_code;  // empty: none
  std::int64_t badge_serial = 1;
  std::optional<std::int64_t> arrives, leaves;
  bool operator==(const ParticipantInfo&) const = default;
};
struct MeetingInfo {
  std::int64_t id = 0, round = 0, table = 0;
  std::string a, b, origin;  // origin: import | schedule | rematch
  // A stood-up meeting a re-match took out of the schedule: not to attend,
  // but check-ins that name it still place its people in its round.
  bool replaced = false;
  bool operator==(const MeetingInfo&) const = default;
};
// Badges of `participant` with a serial below badge_serial are revoked.
struct Revocation {
  std::string participant;
  std::int64_t num = 0, badge_serial = 1;
  bool operator==(const Revocation&) const = default;
};

struct Snapshot {
  EventInfo event;
  std::vector<RoundInfo> rounds;
  std::vector<TableInfo> tables;
  std::vector<ParticipantInfo> participants;
  std::vector<MeetingInfo> meetings;
  std::vector<Revocation> revocations;
  std::vector<JournalRow> journal;  // every device's rows up to `cursor`
  std::int64_t cursor = 0;
};

enum class Entity { event, round, table, participant, revocation, meeting, journal };
std::string to_string(Entity entity);
std::optional<Entity> parse_entity(std::string_view text);

// An upsert's new state, of the change's entity (monostate for deletes).
using ChangeData =
    std::variant<std::monostate, EventInfo, RoundInfo, TableInfo, ParticipantInfo, Revocation, MeetingInfo, JournalRow>;

struct Change {
  std::int64_t cursor = 0;
  Entity entity = Entity::event;
  bool is_delete = false;
  std::string key;
  ChangeData data;
};

struct ChangesPage {
  std::string event_id;
  std::string public_key_hex;
  std::vector<Change> changes;
  std::int64_t next_cursor = 0;
  bool more = false;
};

struct ChangesQuery {
  std::int64_t since = 0;
  int limit = 0;
};

enum class RowResult { stored, duplicate, rejected };
std::string to_string(RowResult result);

struct RowOutcome {
  std::string uuid;
  RowResult result = RowResult::rejected;
  std::string reason;  // rejected only
};

// A row of an uploaded batch as the server read it: `row` when it is sound,
// otherwise `reason` ("invalid:<field>") and whatever uuid could be read.
struct RowParse {
  std::optional<JournalRow> row;
  std::string uuid;
  std::string reason;
};

struct JournalBatch {
  std::string event_id;
  std::vector<RowParse> rows;
};

struct Health {
  std::string event_id;
  std::int64_t server_time_ms = 0;
};

// --- validation of single values -------------------------------------------
bool is_device_name(std::string_view text);  // [A-Za-z0-9._-]{1,64}
bool is_public_key_hex(std::string_view text);

// --- writers: compact JSON text ---------------------------------------------
// GET /snapshot's answer and the snapshot bundle's core, written straight
// from the structs (it is the one large message).
std::string snapshot_json(const Snapshot& snapshot);
std::string changes_page_json(const ChangesPage& page);
std::string health_json(const Health& health);
// POST /journal's answer: one result per row, in order, and the counts.
std::string journal_results_text(const std::vector<RowOutcome>& outcomes);
// How many rows were stored, duplicate, rejected (indexed by RowResult).
std::array<int, 3> count_results(const std::vector<RowOutcome>& outcomes);
// POST /journal's body: the rows without received_at (the server decides).
std::string make_journal_batch(const std::string& event_id, const std::vector<JournalRow>& rows);
// The change feed moved: {"cursor": HEAD, "entities": [...]}, the data of
// the `change` server-sent event (docs/API.md).
std::string change_notice_json(std::int64_t cursor, const std::vector<std::string>& entities);
// {"error": code, "message": message}
std::string error_json(const std::string& code, const std::string& message);
// The code of such an answer; "" when the text is not one.
std::string read_error_code(std::string_view text);

// --- strict readers (throw ProtocolError(400, ...)) ------------------------
// Read in one pass without building JSON values; a top-level member given
// twice is refused.
Snapshot read_snapshot_text(std::string_view text, int max_depth);
ChangesPage read_changes_page(std::string_view text, int max_depth);
Health read_health(std::string_view text, int max_depth);
// The server's answer to a batch of `sent` rows; one result per row, in order.
std::vector<RowOutcome> read_journal_results(std::string_view text, std::size_t sent, int max_depth);
// An upsert's data as the server's change log holds it (JSON text).
ChangeData read_change_data(Entity entity, std::string_view text, int max_depth);

// Server side: an upload body. Structural problems throw (400, or 413 for too
// many rows); a bad row only marks that row.
JournalBatch parse_journal_batch(std::string_view body, const Limits& limits);
// ?since=&limit= of GET /changes; absent values take their defaults.
ChangesQuery parse_changes_query(const std::optional<std::string>& since, const std::optional<std::string>& limit,
                                 const Limits& limits);
// ?clock_offset_ms=&clock_rtt_ms= of GET /changes: the kiosk's measured
// offset to the server (docs/API.md). Both or neither; nullopt when absent.
// Throws ProtocolError 400 invalid_query when one is alone, not a whole
// number, or out of bounds (kMaxClockOffsetMs, kMaxClockRttMs).
std::optional<ClockSample> parse_clock_report(const std::optional<std::string>& offset_ms,
                                              const std::optional<std::string>& rtt_ms);

}  // namespace speedmeet::protocol
