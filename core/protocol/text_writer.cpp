// The writers of the large messages, without building JSON values first.
#include "text_writer.hpp"

namespace speedmeet::protocol {
namespace {

enum class ReceivedAt { write, leave_out };

void write_row(TextWriter& w, const JournalRow& r, ReceivedAt received_at = ReceivedAt::write) {
  w.raw("{").key("code").text(r.code).raw(",");
  if (r.corrected_time_ms) w.key("corrected_time").integer(*r.corrected_time_ms).raw(",");
  w.key("device").text(r.device).raw(",").key("device_time");
  w.integer(r.device_time_ms).raw(",").key("kind").text(to_string(r.kind)).raw(",").key("meeting_id");
  w.integer_or_null(r.meeting_id).raw(",").key("outcome").text(r.outcome).raw(",").key("participant");
  w.text_or_null(r.participant).raw(",").key("reason").text(r.reason).raw(",");
  if (r.received_at_ms && received_at == ReceivedAt::write) w.key("received_at").integer(*r.received_at_ms).raw(",");
  w.key("seq").integer(r.seq).raw(",");
  if (!r.staff.empty()) w.key("staff").text(r.staff).raw(",");
  w.key("uuid").text(r.uuid).raw("}");
}

void write_participant(TextWriter& w, const ParticipantInfo& p) {
  w.raw("{").key("arrives").integer_or_null(p.arrives).raw(",").key("badge_code").text_or_null(p.badge_code);
  w.raw(",").key("badge_serial").integer(p.badge_serial).raw(",").key("id").text(p.id).raw(",").key("language");
  w.text(p.language).raw(",").key("leaves").integer_or_null(p.leaves).raw(",").key("name").text(p.name).raw(",");
  w.key("num").integer(p.num).raw(",").key("organization").text(p.organization).raw(",").key("role").text(p.role);
  w.raw("}");
}

void write_meeting(TextWriter& w, const MeetingInfo& m) {
  w.raw("{").key("a").text(m.a).raw(",").key("b").text(m.b).raw(",").key("id").integer(m.id).raw(",").key("origin");
  w.text(m.origin).raw(",");
  if (m.replaced) w.key("replaced").raw("true,");
  w.key("round").integer(m.round).raw(",").key("table").integer(m.table).raw("}");
}

template <class T>
Json json_array(const std::vector<T>& items) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace

std::string snapshot_json(const Snapshot& s) {
  std::string out;
  // About 100 bytes a meeting and 200 a participant: one allocation, mostly.
  out.reserve(4096 + s.meetings.size() * 100 + s.participants.size() * 200 + s.journal.size() * 250);
  TextWriter w(out);
  w.raw("{").key("api").integer(kApiVersion).raw(",").key("cursor").integer(s.cursor).raw(",");
  w.key("event").json(to_json(s.event)).raw(",");
  w.key("journal").array(s.journal, [&](const JournalRow& r) { write_row(w, r); }).raw(",");
  w.key("meetings").array(s.meetings, [&](const MeetingInfo& m) { write_meeting(w, m); }).raw(",");
  w.key("participants").array(s.participants, [&](const ParticipantInfo& p) { write_participant(w, p); }).raw(",");
  w.key("revocations").json(json_array(s.revocations)).raw(",");
  w.key("rounds").json(json_array(s.rounds)).raw(",");
  w.key("tables").json(json_array(s.tables)).raw("}");
  return out;
}

std::string journal_results_text(const std::vector<RowOutcome>& outcomes) {
  std::string out;
  out.reserve(64 + outcomes.size() * 64);
  TextWriter w(out);
  const auto counts = count_results(outcomes);
  w.raw("{").key("duplicate").integer(counts[1]).raw(",").key("rejected").integer(counts[2]).raw(",").key("results");
  w.array(outcomes, [&](const RowOutcome& o) {
    w.raw("{");
    if (o.result == RowResult::rejected) w.key("reason").text(o.reason).raw(",");
    w.key("result").text(to_string(o.result)).raw(",").key("uuid").text(o.uuid).raw("}");
  });
  w.raw(",").key("stored").integer(counts[0]).raw("}");
  return out;
}

std::string make_journal_batch(const std::string& event_id, const std::vector<JournalRow>& rows) {
  // Written like the snapshot, straight from the structs: a kiosk sends
  // batches of 1,000 rows, and building the JSON values first tripled the
  // cost. The server's clock decides received_at, so it is never sent.
  std::string out;
  out.reserve(64 + rows.size() * 256);
  TextWriter w(out);
  w.raw("{").key("event_id").text(event_id).raw(",").key("rows");
  w.array(rows, [&](const JournalRow& r) { write_row(w, r, ReceivedAt::leave_out); }).raw("}");
  return out;
}

}  // namespace speedmeet::protocol
