#pragma once
// Each `speedmeet` command registers itself from its own source file:
//   static const CommandRegistrar reg{"show", run_show, "speedmeet show DB"};
// A command returns the exit code; bad usage throws UsageError, bad input
// organizer::InputError (both exit 2); any other exception exits 1.
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace speedmeet::cli {

using CommandArgs = std::vector<std::string>;
using CommandFunction = std::function<int(const CommandArgs&)>;

struct CommandEntry {
  CommandFunction run;
  std::string usage;
};

std::map<std::string, CommandEntry>& command_registry();

struct CommandRegistrar {
  CommandRegistrar(const std::string& name, CommandFunction run, const std::string& usage) {
    command_registry()[name] = {std::move(run), usage};
  }
};

}  // namespace speedmeet::cli
