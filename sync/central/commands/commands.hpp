#pragma once
// The commands of `speedmeet`. Each returns the exit code; bad usage throws
// UsageError, bad input InputError (both exit 2); any other exception exits
// 1. main.cpp lists them all in one table.
#include <string>
#include <vector>

namespace speedmeet::cli {

using CommandArgs = std::vector<std::string>;

int run_init(const CommandArgs& args);
int run_import(const CommandArgs& args);
int run_show(const CommandArgs& args);
int run_schedule(const CommandArgs& args);
int run_rematch(const CommandArgs& args);
int run_badges(const CommandArgs& args);
int run_badges_revoke(const CommandArgs& args);
int run_agenda(const CommandArgs& args);
int run_walk_in(const CommandArgs& args);
int run_mail(const CommandArgs& args);
int run_device(const CommandArgs& args);
int run_staff(const CommandArgs& args);
int run_serve(const CommandArgs& args);
int run_snapshot(const CommandArgs& args);
int run_import_journal(const CommandArgs& args);
int run_report(const CommandArgs& args);
int run_decode(const CommandArgs& args);

}  // namespace speedmeet::cli
