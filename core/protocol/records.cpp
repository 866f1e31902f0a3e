#include "records.hpp"

#include "protocol_error.hpp"

namespace speedmeet::protocol {

EventInfo event_info(const Event& e, const std::string& public_key_hex) {
  EventInfo info;
  info.id = e.id;
  info.name = e.name;
  info.venue = e.venue;
  info.timezone = e.timezone;
  info.default_language = std::string(to_string(e.default_language));
  info.first_start = to_unix(e.plan.first_start);
  info.round_minutes = e.plan.round_length.count();
  info.break_minutes = e.plan.break_length.count();
  info.checkin_window_minutes = e.checkin_window.count();
  info.grace_minutes = e.grace.count();
  info.public_key_hex = public_key_hex;
  return info;
}

Event event_of(const EventInfo& info) {
  Event e;
  e.id = info.id;
  e.name = info.name;
  e.venue = info.venue;
  e.timezone = info.timezone;
  e.default_language = parse_language(info.default_language).value_or(Language::en);  // the reader checked it
  e.plan.first_start = from_unix(info.first_start);
  e.plan.round_length = Minutes{info.round_minutes};
  e.plan.break_length = Minutes{info.break_minutes};
  e.checkin_window = Minutes{info.checkin_window_minutes};
  e.grace = Minutes{info.grace_minutes};
  return e;
}

RoundInfo round_info(const Round& r) { return {r.number, to_unix(r.starts_at), to_unix(r.ends_at)}; }
Round round_of(const RoundInfo& r) {
  return {static_cast<int>(r.number), from_unix(r.starts_at), from_unix(r.ends_at)};
}
TableInfo table_info(const Table& t) { return {t.number, t.label}; }
Table table_of(const TableInfo& t) { return {static_cast<int>(t.number), t.label}; }

ParticipantInfo participant_info(const ParticipantRecord& r) {
  const Participant& p = r.participant;
  ParticipantInfo info;
  info.id = p.id;
  info.num = r.num;
  info.name = p.name;
  info.organization = p.organization;
  info.role = std::string(to_string(p.role));
  info.language = std::string(to_string(p.language));
  info.badge_code = p.badge_code;
  info.badge_serial = r.badge_serial;
  if (p.arrives) info.arrives = *p.arrives;
  if (p.leaves) info.leaves = *p.leaves;
  return info;
}

ParticipantRecord participant_of(const ParticipantInfo& info) {
  ParticipantRecord r;
  Participant& p = r.participant;
  p.id = info.id;
  p.name = info.name;
  p.organization = info.organization;
  p.role = parse_role(info.role).value_or(Role::project);  // the reader checked them
  p.language = parse_language(info.language).value_or(Language::en);
  p.badge_code = info.badge_code;
  if (info.arrives) p.arrives = static_cast<int>(*info.arrives);
  if (info.leaves) p.leaves = static_cast<int>(*info.leaves);
  r.num = info.num;
  r.badge_serial = info.badge_serial;
  return r;
}

MeetingInfo meeting_info(const MeetingRecord& r) {
  const Meeting& m = r.meeting;
  return {m.id, m.round, m.table, m.a, m.b, r.origin, r.replaced};
}

MeetingRecord meeting_of(const MeetingInfo& info) {
  MeetingRecord r;
  r.meeting = {info.id, static_cast<int>(info.round), static_cast<int>(info.table), info.a, info.b};
  r.meeting.rematch = info.origin == "rematch";
  r.origin = info.origin;
  r.replaced = info.replaced;
  return r;
}

std::string key_hex(const std::vector<unsigned char>& key) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(key.size() * 2);
  for (unsigned char b : key) {
    out += digits[b >> 4];
    out += digits[b & 0x0F];
  }
  return out;
}

std::vector<unsigned char> key_bytes(const std::string& hex) {
  if (!is_public_key_hex(hex)) throw ProtocolError(400, "invalid_field", "public key: not 64 lower-case hex digits");
  std::vector<unsigned char> out(hex.size() / 2);
  const auto value = [](char c) { return static_cast<unsigned char>(c <= '9' ? c - '0' : c - 'a' + 10); };
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<unsigned char>(value(hex[2 * i]) << 4 | value(hex[2 * i + 1]));
  return out;
}

}  // namespace speedmeet::protocol
