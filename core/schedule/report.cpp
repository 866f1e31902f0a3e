// The summary `speedmeet schedule` prints: what was asked, the lower bound,
// what was reached, and how the wishes fared.
#include <sstream>

#include "scheduler.hpp"

namespace speedmeet::schedule {
namespace {

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "100%";
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << 100.0 * static_cast<double>(part) / static_cast<double>(whole) << "%";
  return out.str();
}

std::string names(const std::vector<std::string>& ids, std::size_t shown) {
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < shown; ++i) {
    if (i > 0) out += ' ';
    out += ids[i];
  }
  if (ids.size() > shown) out += " … (+" + std::to_string(ids.size() - shown) + ")";
  return out;
}

void line(std::ostream& out, const std::string& label, const std::string& text) {
  out << "  " << label << std::string(label.size() < 14 ? 14 - label.size() : 1, ' ') << text << "\n";
}

std::string headline(const ScheduleReport& r) {
  std::string text = "Schedule (" + std::string(to_string(r.mode)) + (r.fixed_tables ? ", fixed tables" : "") +
                     ", seed " + std::to_string(r.seed) + "): " + std::to_string(r.meetings) + " meetings in " +
                     std::to_string(r.rounds_used) + " rounds";
  if (r.mode == Mode::fill) return text + " (of the event's " + std::to_string(r.event_rounds) + ")";
  if (r.rounds_used == r.bound) return text + " = the lower bound";
  return text + " (lower bound " + std::to_string(r.bound) + ")";
}

std::string graph_text(const ScheduleReport& r) {
  std::string kind = r.mode == Mode::all_pairs ? "every company × every project holder"
                     : r.bipartite             ? "companies × project holders (bipartite)"
                                               : "not bipartite: some meet their own side";
  return "E = " + std::to_string(r.wished_meetings) + " among " + std::to_string(r.participants) +
         " participants, " + kind;
}

std::string bound_text(const ScheduleReport& r) {
  std::string text = "max(Δ, ⌈E/T⌉) = max(" + std::to_string(r.max_degree) + ", ⌈" +
                     std::to_string(r.wished_meetings) + "/" + std::to_string(r.tables) + "⌉ = " +
                     std::to_string(r.table_bound) + ") = " + std::to_string(r.bound) + " rounds for every meeting";
  if (r.availability_bound > r.bound)
    text += "; arrivals raise it to " + std::to_string(r.availability_bound) + " (" + r.availability_bound_id + ")";
  return text;
}

std::string weight_text(const ScheduleReport& r) {
  std::string text = std::to_string(r.weight) + " of " + std::to_string(r.weight_wished) + " wished (" +
                     percent(r.weight, r.weight_wished) + ")";
  if (r.mode != Mode::fill) return text;
  if (r.weight_optimal) return text + ", the best possible in " + std::to_string(r.rounds_used) + " rounds (min-cost flow)";
  const std::int64_t bound_x2 = r.upper_bound_x2;
  return text + ", " + percent(2 * r.weight, bound_x2) + " of the upper bound " + std::to_string(bound_x2 / 2) +
         (bound_x2 % 2 ? ".5" : "");
}

std::string wishes_text(const ScheduleReport& r) {
  static const char* const kLabel[] = {"", "nice", "want", "must"};
  std::string text;
  for (int p = 3; p >= 1; --p) {
    const PriorityCount& c = r.wishes[static_cast<std::size_t>(p)];
    if (p < 3) text += " · ";
    text += std::string(kLabel[p]) + " " + std::to_string(c.met) + "/" + std::to_string(c.wished);
  }
  return text;
}

std::string idle_text(const ScheduleReport& r) {
  std::string text;
  int total = 0;
  for (std::size_t i = 0; i < r.meetings_per_round.size(); ++i) {
    const int idle = r.tables - r.meetings_per_round[i];
    total += idle;
    if (i > 0) text += ' ';
    text += std::to_string(idle);
  }
  return text + "  (rounds 1-" + std::to_string(r.meetings_per_round.size()) + "; " + std::to_string(total) +
         " in all)";
}

}  // namespace

std::string format_report(const ScheduleReport& r) {
  std::ostringstream out;
  out << headline(r) << ".\n";
  line(out, "Meetings", graph_text(r));
  line(out, "Busiest", "Δ = " + std::to_string(r.max_degree) +
                           (r.max_degree_id.empty() ? "" : " (" + r.max_degree_id + ")") + "; T = " +
                           std::to_string(r.tables) + " tables");
  line(out, "Lower bound", bound_text(r));
  line(out, "Rounds used", std::to_string(r.rounds_used) + " of the event's " + std::to_string(r.event_rounds));
  if (r.fixed_tables)
    line(out, "Tables", "fixed: each of the " + std::to_string(r.companies) + " companies keeps table 1-" +
                            std::to_string(r.companies) + " (in id order) all day; project holders move");
  line(out, "Wishes met", wishes_text(r));
  line(out, "Wish weight", weight_text(r) + "  [nice 1, want 3, must 9; mutual = both]");
  line(out, "Idle tables", idle_text(r));
  bool first_bye = true;
  for (std::size_t i = 0; i < r.byes.size(); ++i) {
    if (r.byes[i].empty()) continue;
    line(out, first_bye ? "Byes" : "",
         "round " + std::to_string(i + 1) + " (" + std::to_string(r.byes[i].size()) + "): " + names(r.byes[i], 8));
    first_bye = false;
  }
  if (!r.without_meetings.empty())
    line(out, "No meeting", std::to_string(r.without_meetings.size()) + " of " + std::to_string(r.people) +
                                " companies and project holders have none: " + names(r.without_meetings, 12));
  if (r.ignored_wishes > 0)
    line(out, "Ignored", std::to_string(r.ignored_wishes) + " wishes naming staff or unknown participants");
  for (const std::string& note : r.notes) line(out, "Note", note);
  return out.str();
}

}  // namespace speedmeet::schedule
