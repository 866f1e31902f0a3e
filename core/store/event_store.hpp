#pragma once
// Reads and writes the event, roster, wishes and schedule. Callers group
// writes in a Transaction; nothing here commits on its own.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/event.hpp"
#include "statement.hpp"

namespace speedmeet::store {

class Database;

struct ParticipantRecord {
  Participant participant;
  std::int64_t num = 0;       // compact key printed in badges
  std::int64_t badge_serial = 1;
};

class EventStore {
 public:
  explicit EventStore(Database& db) : db_(db) {}

  bool has_event();
  void save_event(const Event& event);  // the event row, its rounds and tables
  std::optional<Event> load_event();

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

 private:
  // Statements reused across calls: imports upsert thousands of rows.
  Statement& cached(std::optional<Statement>& slot, const char* sql);
  Database& db_;
  std::optional<Statement> upsert_participant_;
  std::optional<Statement> upsert_wish_;
};

}  // namespace speedmeet::store
