#pragma once
// Inside the protocol library only (and its tests): the messages as
// nlohmann JSON values. The small messages are read and written this way;
// the large ones (snapshot, journal batch) have one-pass readers and writers
// that the tests hold to these. Nothing outside core/protocol includes this
// header: the rest of speedmeet sees text in, structs out (messages.hpp).
#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_guard.hpp"
#include "messages.hpp"

namespace speedmeet::protocol {

using Json = nlohmann::json;

// Compact text of a value, invalid UTF-8 replaced rather than thrown.
std::string dump(const Json& j);

Json to_json(const JournalRow& row);
Json to_json(const EventInfo& event);
Json to_json(const RoundInfo& round);
Json to_json(const TableInfo& table);
Json to_json(const ParticipantInfo& participant);
Json to_json(const MeetingInfo& meeting);
Json to_json(const Revocation& revocation);
Json to_json(const ChangeData& data);
Json to_json(const Snapshot& snapshot);
Json to_json(const ChangesPage& page);
Json to_json(const Health& health);
Json journal_results_json(const std::vector<RowOutcome>& outcomes);

// Strict readers: throw ProtocolError(400, ...) naming the field.
JournalRow parse_journal_row(const Json& j);
EventInfo parse_event(const Json& j);
RoundInfo parse_round(const Json& j);
TableInfo parse_table(const Json& j);
ParticipantInfo parse_participant(const Json& j);
MeetingInfo parse_meeting(const Json& j);
Revocation parse_revocation(const Json& j);
ChangeData parse_change_data(Entity entity, const Json& j);
Snapshot parse_snapshot(const Json& j);
ChangesPage parse_changes_page(const Json& j);
Health parse_health(const Json& j);
std::vector<RowOutcome> parse_journal_results(const Json& j, std::size_t sent);
RowParse read_uploaded_row(const Json& j);

// A bundle's text: an object holding a snapshot under "snapshot". Its other
// scalar members (format, version...) land in `envelope` (not an object when
// the text is not one); nullopt when it holds no snapshot.
std::optional<Snapshot> read_enveloped_snapshot(std::string_view text, int max_depth, Json& envelope);

}  // namespace speedmeet::protocol
