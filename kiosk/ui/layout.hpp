#pragma once
// Screen layout: a Screen (what to say) becomes a DisplayList (what to draw)
// for a window of any size. Pure — no SDL: text is measured through
// TextMeasurer, so tests can check every box with the real fonts or a fake.
#include <string>
#include <string_view>

#include "checkin/screens.hpp"
#include "ui/display_list.hpp"
#include "ui/text_fit.hpp"
#include "ui/theme.hpp"

namespace speedmeet::ui {

// The layout of `screen` for a window of `window` pixels (any size from
// 800×480 to 3840×2160, portrait or landscape). Local times use the event's
// time zone from `context` (UTC when the name is unknown).
DisplayList layout_screen(const kiosk::Screen& screen, const kiosk::ScreenContext& context, Size window,
                          TextMeasurer& measurer, const Theme& theme);

// "07:12" under an hour, "1:07:12" from an hour; negative durations read as 00:00.
std::string format_countdown(Seconds remaining);

// The first word of a name, for greetings ("Ana" from "Ana Schmidt").
std::string first_name(std::string_view full_name);

}  // namespace speedmeet::ui
