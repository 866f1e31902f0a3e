#pragma once
// The JSON messages of /api/v1 (docs/API.md) and of the offline bundles, as
// plain structs with strict readers: every reader checks types and bounds and
// throws ProtocolError(400) naming the field, so neither end trusts the wire.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "limits.hpp"

namespace speedmeet::protocol {

using Json = nlohmann::json;

// One journal row as it travels (store::JournalEntry on both ends).
struct JournalRow {
  std::string uuid;
  std::string device;
  std::int64_t seq = 0;
  std::int64_t device_time_ms = 0;
  std::string kind;         // entrance | meeting | scan
  std::string participant;  // empty: the scan named nobody
  std::optional<std::int64_t> meeting_id;
  std::string outcome;
  std::string reason;
  std::string code;
  std::optional<std::int64_t> received_at_ms;  // set by the server; ignored in uploads
  bool operator==(const JournalRow&) const = default;
};

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

struct Change {
  std::int64_t cursor = 0;
  Entity entity = Entity::event;
  bool is_delete = false;
  std::string key;
  Json data;  // upserts: the entity's JSON (read it with the parse_* below)
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

// --- encoders ----------------------------------------------------------------
Json to_json(const JournalRow& row);
Json to_json(const EventInfo& event);
Json to_json(const RoundInfo& round);
Json to_json(const TableInfo& table);
Json to_json(const ParticipantInfo& participant);
Json to_json(const MeetingInfo& meeting);
Json to_json(const Revocation& revocation);
Json to_json(const Snapshot& snapshot);
// The same text as to_json(snapshot).dump(), written without building the
// JSON values first: GET /snapshot and the snapshot bundle use it.
std::string snapshot_json(const Snapshot& snapshot);
Json to_json(const ChangesPage& page);
Json to_json(const Health& health);
Json journal_results_json(const std::vector<RowOutcome>& outcomes);
// How many rows were stored, duplicate, rejected (indexed by RowResult).
std::array<int, 3> count_results(const std::vector<RowOutcome>& outcomes);
// The same text as journal_results_json(...).dump(), written without
// building the JSON values (one per row of a 1,000-row answer).
std::string journal_results_text(const std::vector<RowOutcome>& outcomes);
std::string make_journal_batch(const std::string& event_id, const std::vector<JournalRow>& rows);
Json error_json(const std::string& code, const std::string& message);

// --- strict readers (throw ProtocolError(400, ...)) ------------------------
JournalRow parse_journal_row(const Json& j);
EventInfo parse_event(const Json& j);
RoundInfo parse_round(const Json& j);
TableInfo parse_table(const Json& j);
ParticipantInfo parse_participant(const Json& j);
MeetingInfo parse_meeting(const Json& j);
Revocation parse_revocation(const Json& j);
Snapshot parse_snapshot(const Json& j);
// The same as parse_snapshot(parse_json(text, max_depth)), read in one pass
// without building JSON values (the snapshot is the one large message), and
// stricter in one way: a top-level member given twice is refused, where a
// JSON tree would keep the last.
Snapshot read_snapshot_text(std::string_view text, int max_depth);
// A bundle's text: an object holding a snapshot under "snapshot". Its other
// scalar members (format, version...) land in `envelope` (not an object when
// the text is not one); nullopt when it holds no snapshot.
std::optional<Snapshot> read_enveloped_snapshot(std::string_view text, int max_depth, Json& envelope);
ChangesPage parse_changes_page(const Json& j);
Health parse_health(const Json& j);
// The server's answer to a batch of `sent` rows; one result per row, in order.
std::vector<RowOutcome> parse_journal_results(const Json& j, std::size_t sent);

// Server side: an upload body. Structural problems throw (400, or 413 for too
// many rows); a bad row only marks that row.
JournalBatch parse_journal_batch(std::string_view body, const Limits& limits);
RowParse read_uploaded_row(const Json& j);
// ?since=&limit= of GET /changes; absent values take their defaults.
ChangesQuery parse_changes_query(const std::optional<std::string>& since, const std::optional<std::string>& limit,
                                 const Limits& limits);

}  // namespace speedmeet::protocol
