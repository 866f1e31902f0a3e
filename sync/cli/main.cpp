// speedmeet: the organizer tool and central server.
#include <functional>
#include <iostream>
#include <map>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "organizer/input_error.hpp"

namespace {

struct Command {
  std::function<int(const speedmeet::cli::CommandArgs&)> run;
  const char* usage;
};

const std::map<std::string, Command>& commands() {
  using namespace speedmeet::cli;
  static const std::map<std::string, Command> table = {
      {"init", {run_init, "speedmeet init DB --event event.toml"}},
      {"import", {run_import, "speedmeet import DB participants.csv | --wishes wishes.csv | --meetings meetings.csv"}},
      {"show", {run_show, "speedmeet show DB"}},
  };
  return table;
}

void print_usage(std::ostream& out) {
  out << "usage:\n";
  for (const auto& [name, command] : commands()) out << "  " << command.usage << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
    print_usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  const auto it = commands().find(argv[1]);
  if (it == commands().end()) {
    std::cerr << "speedmeet: unknown command \"" << argv[1] << "\"\n";
    print_usage(std::cerr);
    return 2;
  }
  try {
    return it->second.run(speedmeet::cli::CommandArgs(argv + 2, argv + argc));
  } catch (const speedmeet::cli::UsageError& e) {
    std::cerr << "speedmeet " << it->first << ": " << e.what() << "\nusage: " << it->second.usage << "\n";
    return 2;
  } catch (const speedmeet::organizer::InputError& e) {
    std::cerr << "speedmeet " << it->first << ": " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "speedmeet " << it->first << ": " << e.what() << "\n";
    return 1;
  }
}
