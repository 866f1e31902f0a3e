#pragma once
// What every laid-out screen must satisfy, whatever the window: text inside
// its box and the screen, as measured (so never clipped), no two texts
// overlapping, AA contrast, and the texts that must be complete complete.
#include <string>
#include <vector>

#include "ui/display_list.hpp"
#include "ui/text_fit.hpp"
#include "ui/theme.hpp"

namespace speedmeet::ui::test {

// Where a text item's pixels go (alignment and vertical centring applied).
Rect ink_of(const TextItem& t);

// The colour under a text: the last rect containing its ink, else the background.
Color color_under(const DisplayList& list, const TextItem& t);

// Every broken rule, one sentence each (empty when the screen is right).
std::vector<std::string> check_screen(const DisplayList& list, TextMeasurer& measurer);

// Items with this tag, in order.
std::vector<const TextItem*> with_tag(const DisplayList& list, const std::string& tag);
// The lines of the items with this tag, joined by spaces.
std::string joined(const DisplayList& list, const std::string& tag);

}  // namespace speedmeet::ui::test
