// speedmeet: the organizer tool and central server. Commands register
// themselves (command_registry.hpp); this file only dispatches.
#include <iostream>
#include <string>

#include "args.hpp"
#include "command_registry.hpp"
#include "organizer/input_error.hpp"

namespace speedmeet::cli {

std::map<std::string, CommandEntry>& command_registry() {
  static std::map<std::string, CommandEntry> registry;
  return registry;
}

}  // namespace speedmeet::cli

namespace {

void print_usage(std::ostream& out) {
  out << "usage:\n";
  for (const auto& [name, command] : speedmeet::cli::command_registry()) out << "  " << command.usage << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace speedmeet::cli;
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
    print_usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  const auto it = command_registry().find(argv[1]);
  if (it == command_registry().end()) {
    std::cerr << "speedmeet: unknown command \"" << argv[1] << "\"\n";
    print_usage(std::cerr);
    return 2;
  }
  try {
    return it->second.run(CommandArgs(argv + 2, argv + argc));
  } catch (const UsageError& e) {
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
