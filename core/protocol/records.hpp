#pragma once
// The wire's values from the domain's and back: one place that says how an
// event, a round, a table, a participant and a meeting travel. The server
// writes snapshots and the kiosk applies them through these and the store,
// so neither end has SQL or field lists of its own for these rows.
#include <string>
#include <vector>

#include "domain/event.hpp"
#include "messages.hpp"

namespace speedmeet::protocol {

EventInfo event_info(const Event& event, const std::string& public_key_hex);
// The event row (rounds and tables travel as rows of their own).
Event event_of(const EventInfo& info);

RoundInfo round_info(const Round& round);
Round round_of(const RoundInfo& info);
TableInfo table_info(const Table& table);
Table table_of(const TableInfo& info);

// No e-mail address: kiosks never receive one.
ParticipantInfo participant_info(const ParticipantRecord& record);
ParticipantRecord participant_of(const ParticipantInfo& info);

MeetingInfo meeting_info(const MeetingRecord& record);
MeetingRecord meeting_of(const MeetingInfo& info);

// The event's public key as 64 lower-case hex digits, and back (throws
// ProtocolError(400) for anything else).
std::string key_hex(const std::vector<unsigned char>& key);
std::vector<unsigned char> key_bytes(const std::string& hex);

}  // namespace speedmeet::protocol
