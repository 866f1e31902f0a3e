#pragma once
// One function per `speedmeet` command. Each returns the exit code; bad usage
// throws UsageError, bad input InputError (both exit 2), failures anything
// else (exit 1).
#include <string>
#include <vector>

namespace speedmeet::cli {

using CommandArgs = std::vector<std::string>;

int run_init(const CommandArgs& args);
int run_import(const CommandArgs& args);
int run_show(const CommandArgs& args);

}  // namespace speedmeet::cli
