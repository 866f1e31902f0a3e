// walk-in: someone registered at the desk on the day — added with their
// badge and seats in one transaction (organizer/walk_in), then the badge
// printed (--print QUEUE) or written (--out FILE).
#include <chrono>
#include <iostream>

#include "cli/args.hpp"
#include "commands.hpp"
#include "domain/input_error.hpp"
#include "domain/local_time.hpp"
#include "organizer/event_database.hpp"
#include "organizer/walk_in.hpp"
#include "print/badge_sheet.hpp"
#include "print/printer.hpp"
#include "print_options.hpp"
#include "store/event_store.hpp"

namespace speedmeet::cli {
namespace {

std::vector<std::string> split_list(const std::string& list, const std::string& option) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) items.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  if (items.empty()) throw UsageError(option + " needs participant ids separated by commas");
  return items;
}

organizer::WalkInForm form_of(const Args& args) {
  organizer::WalkInForm form;
  form.name = args.required("--name");
  form.organization = args.option("--organization").value_or("");
  const std::string role = args.required("--role");
  const auto parsed_role = parse_role(role);
  if (!parsed_role || *parsed_role == Role::staff) throw UsageError("--role must be company or project");
  form.role = *parsed_role;
  const std::string language = args.required("--language");
  const auto parsed_language = parse_language(language);
  if (!parsed_language) throw UsageError("--language must be fr, en or de");
  form.language = *parsed_language;
  form.email = args.option("--email").value_or("");
  if (const auto wishes = args.option("--wish")) form.wishes = split_list(*wishes, "--wish");
  return form;
}

// --at TIME (venue time, or with an offset): place as of then instead of now.
Instant placement_time(const Args& args, store::Database& db) {
  const auto at = args.option("--at");
  if (!at) return std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now());
  const auto event = store::EventStore(db).load_event_row();
  if (!event) throw std::runtime_error(db.path() + " holds no event");
  try {
    return parse_date_time(*at, LocalTimeZone(event->timezone));
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--at: ") + e.what());
  }
}

void print_seats(const organizer::WalkInResult& r, const Event& event, store::EventStore& events) {
  const LocalTimeZone zone(event.timezone);
  const Participant& p = r.person.participant;
  std::cout << p.id << ": " << p.name << (p.organization.empty() ? "" : " (" + p.organization + ")") << ", "
            << to_string(p.role) << ", " << to_string(p.language) << ", badge serial " << r.person.badge_serial << "\n";
  if (r.first_round == 0) std::cout << "every round has started: no seats to give\n";
  for (const Meeting& m : r.meetings) {
    const auto partner = events.find_participant(m.partner_of(p.id));
    const Table& table = event.tables.at(static_cast<std::size_t>(m.table - 1));
    std::cout << "round " << m.round << " at " << zone.format_hhmm(event.rounds.at(static_cast<std::size_t>(m.round - 1)).starts_at)
              << ", table " << m.table << (table.label.empty() ? "" : " (" + table.label + ")") << ": with "
              << m.partner_of(p.id);
    if (partner) std::cout << " " << partner->participant.name << " (" << partner->participant.organization << ")";
    std::cout << "\n";
  }
  if (r.open_rounds.empty()) return;
  std::cout << "no free seat: round" << (r.open_rounds.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < r.open_rounds.size(); ++i) std::cout << (i == 0 ? " " : ", ") << r.open_rounds[i];
  std::cout << "\n";
}

}  // namespace

int run_walk_in(const CommandArgs& argv) {
  const print::FontCacheRelease release_fonts;  // last out, after every cairo object
  const Args args(argv, {"--name", "--organization", "--role", "--language", "--email", "--wish", "--at", "--print",
                         "--layout", "--out"});
  if (args.positional().size() != 1) throw UsageError("walk-in needs exactly one database path");
  const organizer::WalkInForm form = form_of(args);
  const auto out = args.option("--out");
  const auto file_layout = given_layout(args).value_or(print::SheetLayout::a6);

  auto db = organizer::open_event_database(args.positional()[0]);
  const Instant now = placement_time(args, db);
  const auto queue = open_queue(args);  // a missing queue adds nobody
  const organizer::WalkInResult result = organizer::add_walk_in(db, form, now);
  store::EventStore events(db);
  print_seats(result, *events.load_event(), events);

  const std::string& id = result.person.participant.id;
  const std::string reprint = "; print it with speedmeet badges " + args.positional()[0] + " --only " + id;
  if (out) {
    try {
      print::write_badge_sheets(*out, {result.badge}, file_layout);
    } catch (const std::exception& e) {
      throw std::runtime_error(id + " was added, but the badge could not be written: " + e.what() + reprint +
                               " --out FILE");
    }
    std::cout << *out << ": the badge (" << print::layout_name(file_layout) << ")\n";
  }
  if (queue) {
    try {
      report_print_job(*queue, print::print_badges(*queue->printer, {result.badge}, queue->layout, id + " badge"), 1);
    } catch (const print::PrintError& e) {
      throw std::runtime_error(id + " was added, but " + e.what() + reprint + " --print QUEUE");
    }
  }
  return 0;
}

}  // namespace speedmeet::cli
