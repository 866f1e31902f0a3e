#pragma once
// --print QUEUE and --layout, as `badges` and `walk-in` read them
// (print_commands.cpp).
#include <cstddef>
#include <memory>
#include <optional>

#include "cli/args.hpp"
#include "print/badge_printing.hpp"
#include "print/printer.hpp"

namespace speedmeet::cli {

// --layout, when given (UsageError for an unknown one).
std::optional<print::SheetLayout> given_layout(const Args& args);

// The queue --print names, opened (PrintError: missing, not accepting,
// unreachable) and its layout chosen: --layout, else the one its paper
// takes (UsageError when none does). Called before anything is written.
struct QueueChoice {
  std::unique_ptr<print::Printer> printer;
  print::SheetLayout layout = print::SheetLayout::a4_8;
};
std::optional<QueueChoice> open_queue(const Args& args);

// "QUEUE: job 12, 1 badge on 1 page (label-62x100)"
void report_print_job(const QueueChoice& queue, const print::PrintedBadges& printed, std::size_t badges);

}  // namespace speedmeet::cli
