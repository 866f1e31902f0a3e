#pragma once
// Badges sent to a print queue (print::Printer: CUPS in `speedmeet`, any
// other in tests): the layout chosen from the queue's paper, the sheet drawn
// in memory and submitted as one job.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "badge_render.hpp"
#include "badge_sheet.hpp"
#include "printer.hpp"

namespace speedmeet::print {

// The queue's paper fits no badge layout (or the queue does not say which
// paper it has): the caller is asked to name a layout.
class NoLayoutForMedia : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// `given` when there is one; else the layout of the queue's default paper.
// Throws NoLayoutForMedia (one sentence naming the queue and its paper).
SheetLayout choose_layout(Printer& printer, std::optional<SheetLayout> given);

struct PrintedBadges {
  int job_id = 0;
  int pages = 0;
  SheetLayout layout = SheetLayout::a4_8;
};

// One job of the badges in `layout`, on that layout's paper. Throws
// PrintError from the queue, std::invalid_argument like write_badge_sheets.
PrintedBadges print_badges(Printer& printer, const std::vector<BadgeFace>& faces, SheetLayout layout,
                           const std::string& title);

}  // namespace speedmeet::print
