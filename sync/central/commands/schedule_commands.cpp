// schedule, rematch: building the schedule and pairing no-shows' partners.
// The algorithms live in kiosk/schedule; this file reads options and prints.
#include <charconv>
#include <iostream>
#include <map>

#include "cli/args.hpp"
#include "commands.hpp"
#include "organizer/event_database.hpp"
#include "domain/input_error.hpp"
#include "scheduling/central_schedule.hpp"
#include "store/event_store.hpp"
#include "store/transaction.hpp"

namespace speedmeet::cli {
namespace {

template <typename Int>
Int parse_number(const std::string& option, const std::string& text, Int low, Int high) {
  Int value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < low || value > high)
    throw UsageError(option + " needs a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                     ", not \"" + text + "\"");
  return value;
}

// A request the event cannot meet is bad input: exit 2, one sentence.
template <typename Run>
auto as_input_error(const std::string& db_path, Run run) {
  try {
    return run();
  } catch (const schedule::ScheduleError& e) {
    throw InputError(db_path, 0, "", e.what());
  }
}

}  // namespace

int run_schedule(const CommandArgs& argv) {
  const Args args(argv, {"--mode", "--rounds", "--seed"}, {"--fixed-tables"});
  if (args.positional().size() != 1) throw UsageError("schedule needs exactly one database path");
  const std::string& db_path = args.positional()[0];
  const std::string mode_text = args.required("--mode");
  const auto mode = schedule::parse_mode(mode_text);
  if (!mode) throw UsageError("unknown mode \"" + mode_text + "\"; expected min-rounds, fill or all-pairs");
  schedule::ScheduleOptions options;
  options.mode = *mode;
  if (const auto rounds = args.option("--rounds")) options.rounds = parse_number("--rounds", *rounds, 1, 10000);
  if (const auto seed = args.option("--seed"))
    options.seed = parse_number<std::uint64_t>("--seed", *seed, 0, UINT64_MAX);
  options.fixed_tables = args.flag("--fixed-tables");

  auto db = organizer::open_event_database(db_path);
  const auto written = as_input_error(db_path, [&] { return schedule::schedule_event(db, options); });
  std::cout << schedule::format_report(written.result.report)
            << "  Validation    no problems (validate_schedule over " << written.result.meetings.size()
            << " meetings)\n"
            << "Wrote " << written.result.meetings.size() << " meetings to " << db_path << " (origin schedule), replacing "
            << written.replaced << ".\n";
  return 0;
}

int run_rematch(const CommandArgs& argv) {
  const Args args(argv, {"--round"});
  if (args.positional().size() != 1) throw UsageError("rematch needs exactly one database path");
  const std::string& db_path = args.positional()[0];
  const int round = parse_number("--round", args.required("--round"), 1, 10000);

  auto db = organizer::open_event_database(db_path);
  store::Transaction tx(db);
  const auto outcome = as_input_error(db_path, [&] { return schedule::rematch_round(db, round); });
  tx.commit();

  std::map<std::string, std::string> name_of;
  for (const auto& record : store::EventStore(db).participants())
    name_of.emplace(record.participant.id, record.participant.name);
  auto who = [&](const std::string& id) { return id + " " + name_of[id]; };

  if (outcome.standby.empty()) {
    std::cout << "Round " << round << ": nobody is standing by; the schedule is unchanged.\n";
    return 0;
  }
  auto count = [](std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  std::cout << "Round " << round << ": " << outcome.standby.size() << " standing by, "
            << count(outcome.added.size(), "new meeting", "new meetings") << " (origin rematch), "
            << count(outcome.replaced.size(), "stood-up meeting", "stood-up meetings") << " replaced.\n";
  for (const Meeting& m : outcome.added)
    std::cout << "  table " << m.table << ": " << who(m.a) << " meets " << who(m.b) << "\n";
  for (const std::string& id : outcome.unpaired)
    std::cout << "  no new partner for " << who(id)
              << ": no one left standing by is a wished or company × project partner they have not met\n";
  return 0;
}


}  // namespace speedmeet::cli
