#pragma once
// Every statement on the event, rounds, tables, roster, wishes and schedule:
// the organizer's imports and schedule on the central database, and a
// kiosk's copy of what the server sends. Callers group writes in a
// Transaction; nothing here commits on its own.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/event.hpp"
#include "statement.hpp"

namespace speedmeet::store {

class Database;

using speedmeet::MeetingRecord;
using speedmeet::ParticipantRecord;

class EventStore {
 public:
  explicit EventStore(Database& db) : db_(db) {}

  bool has_event();
  void save_event(const Event& event);  // the event row, its rounds and tables
  std::optional<Event> load_event();
  // The event row alone (no rounds or tables): what every sync request checks.
  std::optional<Event> load_event_row();

  // Central database: the event's key pair. Kiosks hold only the public key.
  void set_keys(const std::vector<unsigned char>& public_key, const std::vector<unsigned char>& secret_key);
  void set_public_key(const std::vector<unsigned char>& public_key);
  std::vector<unsigned char> public_key();  // empty when none

  // Insert or update by id; a new participant gets the next badge number.
  void upsert_participant(const Participant& p);
  std::optional<ParticipantRecord> find_participant(const std::string& id);
  std::vector<ParticipantRecord> participants();
  int participant_count();

  void upsert_wish(const Wish& w);
  std::vector<Wish> wishes();

  // Replaces the whole schedule; returns the meetings with their new ids.
  std::vector<Meeting> replace_meetings(const std::vector<Meeting>& meetings, const std::string& origin);
  // Adds meetings to the schedule (re-matches); returns them with their ids.
  std::vector<Meeting> add_meetings(const std::vector<Meeting>& meetings, const std::string& origin);
  // Moves meetings by id to replaced_meetings (the stood-up meetings a
  // re-match replaces): out of the schedule, still in the reports.
  void retire_meetings(const std::vector<std::int64_t>& ids, std::int64_t replaced_at_ms);
  // Journal rows that check someone in for a meeting of the schedule.
  std::int64_t meeting_checkins();
  std::vector<Meeting> meetings();
  // The stood-up meetings re-matches took out of the schedule.
  std::vector<Meeting> replaced_meetings();
  // Both, with their origin: the schedule's by round and table, then the
  // replaced ones by round, table and id.
  std::vector<MeetingRecord> meeting_records();

  // --- a kiosk's copy: rows as the server numbered them -----------------
  // Empties event, rounds, tables, roster, wishes and schedule (a snapshot
  // replaces them all).
  void clear();
  // The event row (an upsert; rounds and tables are rows of their own).
  void put_event_row(const Event& event, const std::vector<unsigned char>& public_key);
  void put_round(const Round& round);
  void remove_round(int number);
  void put_table(const Table& table);
  void remove_table(int number);
  void put_participant(const ParticipantRecord& record);  // upsert by id, num and serial as given
  void remove_participant(const std::string& id);
  void raise_badge_serial(const std::string& id, std::int64_t serial);  // never lowers it
  void put_meeting(const MeetingRecord& record);  // into the schedule, or kept apart when replaced
  void remove_meeting(std::int64_t id);           // from either
  // Plain INSERTs of many rows per statement (a snapshot's 50,000 rows:
  // every execution of an INSERT pays a fixed cost, paid once per 256 rows).
  // A duplicate id fails the whole call.
  void insert_participants(const std::vector<ParticipantRecord>& records);
  void insert_meetings(const std::vector<MeetingRecord>& records);

 private:
  // Statements reused across calls: imports upsert thousands of rows.
  Statement& cached(std::optional<Statement>& slot, const char* sql);
  Database& db_;
  std::optional<Statement> upsert_participant_;
  std::optional<Statement> upsert_wish_;
  std::optional<Statement> put_participant_;
  std::optional<Statement> put_meeting_;
  std::optional<Statement> put_replaced_;
};

}  // namespace speedmeet::store
