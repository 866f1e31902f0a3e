#pragma once
// Paper agendas: one A4 page per participant, in their language (fr, en, de):
// every round with its local start and end time, and for each meeting the
// table and the partner's name and organization. Staff have no meetings and
// get no agenda.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/event.hpp"
#include "store/event_store.hpp"

namespace speedmeet::print {

struct AgendaLine {
  int round = 0;
  Instant starts_at{};
  Instant ends_at{};
  std::optional<int> table;       // empty: no meeting in this round
  std::string table_label;
  std::string partner_name;
  std::string partner_organization;
};

struct AgendaPage {
  std::string participant_id;
  std::string name;
  std::string organization;
  Role role = Role::project;
  Language language = Language::en;
  std::vector<AgendaLine> lines;  // one per round of the event, in order
  int meeting_count() const;
};

// One page per participant in records that is not staff, in the given order.
std::vector<AgendaPage> build_agenda_pages(const Event& event, const std::vector<store::ParticipantRecord>& records,
                                           const std::vector<Meeting>& meetings);

// The printed words, per language.
struct AgendaLabels {
  std::string_view title, round, time, table, partner, no_meeting, nothing_scheduled, local_times, footer;
};
const AgendaLabels& agenda_labels(Language language);
// "Friday 27 November 2026", "vendredi 27 novembre 2026", "Freitag, 27. November 2026".
std::string format_long_date(std::chrono::local_days day, Language language);

// Writes the pages; returns the page count. Throws std::invalid_argument for
// no pages, std::runtime_error when the file cannot be written.
int write_agendas(const std::string& path, const Event& event, const std::vector<AgendaPage>& pages);

}  // namespace speedmeet::print
