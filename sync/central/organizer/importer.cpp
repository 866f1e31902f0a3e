#include "importer.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "badge/utf8.hpp"
#include "domain/validation.hpp"
#include "domain/input_error.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/store_error.hpp"
#include "store/transaction.hpp"

namespace speedmeet::organizer {
namespace {

// One CSV record, read field by field, failing with file:line and field.
class Row {
 public:
  Row(const CsvTable& t, const CsvRecord& r, const std::vector<std::string>& names, const CsvColumns& cols)
      : table_(t), record_(r), names_(names), cols_(cols) {}

  std::string get(std::size_t column) const {
    const int i = cols_.index[column];
    return i < 0 ? std::string{} : record_.fields[static_cast<std::size_t>(i)];
  }
  [[noreturn]] void fail(std::size_t column, const std::string& problem) const {
    throw InputError(table_.file, record_.line, names_[column], problem);
  }
  std::string text(std::size_t column, std::size_t max_chars, bool required, bool fold_breaks = false) const {
    std::string v = fold_breaks ? fold_line_breaks(get(column)) : get(column);
    if (required && v.empty()) fail(column, "must not be empty");
    if (utf8_length(v) > max_chars) fail(column, "longer than " + std::to_string(max_chars) + " characters");
    // Line breaks first, with their own words: names and organizations fold
    // them (name() below); in an id, role, e-mail or code one is a mistake.
    if (v.find_first_of("\r\n") != std::string::npos) fail(column, "contains a line break");
    if (const auto c = badge::find_code_point(v, badge::is_control_character))
      fail(column, "contains the control character " + badge::code_point_label(c->code_point) +
                       " (control characters are not allowed)");
    return v;
  }
  // A name or organization, shown on badges, agendas and kiosk screens. A
  // line break in it (Alt+Enter in a spreadsheet cell) is folded to one space
  // with a warning; no bidirectional override or isolate, which would make it
  // display as something else than it says.
  std::string name(std::size_t column, std::size_t max_chars, bool required,
                   std::vector<std::string>& warnings) const {
    if (const auto folded = fold_line_breaks(get(column)); folded != get(column))
      warnings.push_back(table_.file + ":" + std::to_string(record_.line) + ": field \"" + names_[column] +
                         "\": a line break folded to one space: \"" + folded + "\"");
    std::string v = text(column, max_chars, required, true);
    if (const auto c = badge::find_code_point(v, badge::is_bidi_control))
      fail(column, "contains the bidirectional control " + badge::code_point_label(c->code_point) +
                       ", which would reorder the text around it");
    return v;
  }
  int integer(std::size_t column, int min, int max) const {
    const std::string v = get(column);
    int value = 0;
    bool ok = !v.empty() && v.size() <= 9 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (ok) value = std::stoi(v);
    if (!ok || value < min || value > max)
      fail(column, "\"" + v + "\" is not a whole number in " + std::to_string(min) + ".." + std::to_string(max));
    return value;
  }
  int line() const { return record_.line; }

 private:
  const CsvTable& table_;
  const CsvRecord& record_;
  const std::vector<std::string>& names_;
  const CsvColumns& cols_;
};

}  // namespace

std::string fold_line_breaks(std::string_view text) {
  const auto is_break = [](char c) { return c == '\r' || c == '\n'; };
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_break(text[i])) { out += text[i++]; continue; }
    while (!out.empty() && out.back() == ' ') out.pop_back();  // spaces before the break fold with it
    while (i < text.size() && (is_break(text[i]) || text[i] == ' ')) ++i;  // so do further breaks and spaces after
    if (!out.empty() && i < text.size()) out += ' ';
  }
  return out;
}

namespace {

bool is_participant_id(const std::string& id) {
  return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Event require_event(store::EventStore& events, const std::string& file) {
  auto e = events.load_event();
  if (!e) throw InputError(file, 0, "", "the database has no event yet; run speedmeet init first");
  return *e;
}

// Looks up a participant id named in a wish or meeting row.
Role known_participant(const Row& row, std::size_t column, const std::map<std::string, Role>& roster) {
  const std::string id = row.text(column, 32, true);
  auto it = roster.find(id);
  if (it == roster.end()) row.fail(column, "unknown participant \"" + id + "\"; import participants.csv first");
  if (it->second == Role::staff) row.fail(column, "\"" + id + "\" is staff; staff take no meetings");
  return it->second;
}

std::map<std::string, Role> roster_roles(store::EventStore& events) {
  std::map<std::string, Role> roles;
  for (const auto& rec : events.participants()) roles.emplace(rec.participant.id, rec.participant.role);
  return roles;
}

}  // namespace

ImportResult import_participants(store::Database& db, const CsvTable& csv) {
  static const std::vector<std::string> names = {"id",    "name",       "organization", "role",  "language",
                                                 "email", "badge_code", "arrives",      "leaves"};
  enum { kId, kName, kOrganization, kRole, kLanguage, kEmail, kBadgeCode, kArrives, kLeaves };
  const CsvColumns cols = match_header(csv, {"id", "name", "organization", "role"},
                                       {"language", "email", "badge_code", "arrives", "leaves"});

  store::Transaction tx(db);
  store::EventStore events(db);
  const Event event = require_event(events, csv.file);
  std::map<std::string, int> id_lines, code_lines;
  std::map<std::string, Participant> existing_by_id;
  for (auto& rec : events.participants()) existing_by_id.emplace(rec.participant.id, std::move(rec.participant));
  ImportResult result;
  for (const CsvRecord& record : csv.records) {
    const Row row(csv, record, names, cols);
    Participant p;
    p.id = row.text(kId, 32, true);
    if (!is_participant_id(p.id)) row.fail(kId, "\"" + p.id + "\" may use only letters, digits, '-', '_' and '.'");
    if (auto [it, fresh] = id_lines.emplace(p.id, row.line()); !fresh)
      row.fail(kId, "duplicate id \"" + p.id + "\" (first on line " + std::to_string(it->second) + ")");
    p.name = row.name(kName, 100, true, result.warnings);
    p.organization = row.name(kOrganization, 120, false, result.warnings);
    const std::string role = lower(row.text(kRole, 16, true));
    const auto parsed_role = parse_role(role);
    if (!parsed_role) row.fail(kRole, "unknown role \"" + role + "\"; expected company, project or staff");
    p.role = *parsed_role;
    const std::string language = lower(row.text(kLanguage, 8, false));
    const auto parsed_language = language.empty() ? event.default_language : parse_language(language);
    if (!parsed_language) row.fail(kLanguage, "unknown language \"" + language + "\"; expected fr, en or de");
    p.language = *parsed_language;
    p.email = row.text(kEmail, 254, false);
    if (!p.email.empty() && (p.email.find('@') == std::string::npos || p.email.find(' ') != std::string::npos))
      row.fail(kEmail, "\"" + p.email + "\" is not an e-mail address");
    p.badge_code = row.text(kBadgeCode, 128, false);
    if (!p.badge_code.empty()) {
      if (p.badge_code.rfind("SM1.", 0) == 0) row.fail(kBadgeCode, "codes starting with SM1. are speedmeet's own badges");
      if (auto [it, fresh] = code_lines.emplace(p.badge_code, row.line()); !fresh)
        row.fail(kBadgeCode, "badge code already given to line " + std::to_string(it->second));
    }
    if (!row.get(kArrives).empty()) p.arrives = row.integer(kArrives, 1, event.round_count());
    if (!row.get(kLeaves).empty()) p.leaves = row.integer(kLeaves, 1, event.round_count());
    if (p.arrives && p.leaves && *p.leaves < *p.arrives)
      row.fail(kLeaves, "leaves in round " + std::to_string(*p.leaves) + ", before arriving in round " +
                            std::to_string(*p.arrives));

    const auto existing = existing_by_id.find(p.id);
    const bool is_new = existing == existing_by_id.end();
    if (!is_new && existing->second == p) { ++result.unchanged; continue; }
    try {
      events.upsert_participant(p);
    } catch (const store::StoreError& e) {
      if (!e.is_unique_violation()) throw;
      row.fail(kBadgeCode, "badge code \"" + p.badge_code + "\" already belongs to another participant");
    }
    ++(is_new ? result.added : result.updated);
  }
  tx.commit();
  return result;
}

ImportResult import_wishes(store::Database& db, const CsvTable& csv) {
  static const std::vector<std::string> names = {"from", "to", "priority"};
  enum { kFrom, kTo, kPriority };
  const CsvColumns cols = match_header(csv, names);

  store::Transaction tx(db);
  store::EventStore events(db);
  require_event(events, csv.file);
  const auto roster = roster_roles(events);
  std::map<std::pair<std::string, std::string>, int> seen;
  std::map<std::pair<std::string, std::string>, int> existing;
  for (const Wish& w : events.wishes()) existing[{w.from, w.to}] = w.priority;
  ImportResult result;
  for (const CsvRecord& record : csv.records) {
    const Row row(csv, record, names, cols);
    known_participant(row, kFrom, roster);
    known_participant(row, kTo, roster);
    Wish w{row.get(kFrom), row.get(kTo), row.integer(kPriority, 1, 3)};
    if (w.from == w.to) row.fail(kTo, "a participant cannot wish to meet themselves");
    if (auto [it, fresh] = seen.emplace(std::pair{w.from, w.to}, row.line()); !fresh)
      row.fail(kTo, "duplicate wish " + w.from + " -> " + w.to + " (first on line " + std::to_string(it->second) + ")");
    auto old = existing.find({w.from, w.to});
    if (old != existing.end() && old->second == w.priority) { ++result.unchanged; continue; }
    events.upsert_wish(w);
    ++(old == existing.end() ? result.added : result.updated);
  }
  tx.commit();
  return result;
}

ImportResult import_meetings(store::Database& db, const CsvTable& csv) {
  static const std::vector<std::string> names = {"round", "table", "a", "b"};
  enum { kRound, kTable, kA, kB };
  const CsvColumns cols = match_header(csv, names);

  store::Transaction tx(db);
  store::EventStore events(db);
  const Event event = require_event(events, csv.file);
  const auto roster = roster_roles(events);
  std::vector<Meeting> meetings;
  for (const CsvRecord& record : csv.records) {
    const Row row(csv, record, names, cols);
    Meeting m;
    m.round = row.integer(kRound, 1, event.round_count());
    m.table = row.integer(kTable, 1, event.table_count());
    known_participant(row, kA, roster);
    known_participant(row, kB, roster);
    m.a = row.get(kA);
    m.b = row.get(kB);
    meetings.push_back(std::move(m));
  }
  const auto problems = validate_schedule(meetings, event.round_count(), event.table_count());
  if (!problems.empty()) {
    const auto& first = problems.front();
    const auto field = first.kind == ScheduleProblem::Kind::table_double_used ? "table" : "b";
    throw InputError(csv.file, csv.records[first.meeting].line, field, first.message);
  }
  // Check-ins name meetings by id: a new schedule mid-event would orphan them.
  if (const std::int64_t checkins = events.meeting_checkins(); checkins > 0)
    throw InputError(csv.file, 0, "",
                     "the event has begun: " + std::to_string(checkins) +
                         " meeting check-ins refer to the current schedule, so it can no longer be replaced");
  const int before = static_cast<int>(events.meetings().size());
  events.replace_meetings(meetings, "import");
  tx.commit();
  return {static_cast<int>(meetings.size()), 0, 0, before, {}};
}

}  // namespace speedmeet::organizer
