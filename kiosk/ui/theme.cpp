#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace speedmeet::ui {

const Swatch& tone_swatch(const Theme& theme, kiosk::Tone tone) {
  switch (tone) {
    case kiosk::Tone::ok: return theme.ok;
    case kiosk::Tone::attention: return theme.attention;
    case kiosk::Tone::error: return theme.error;
  }
  return theme.error;
}

const Swatch& table_swatch(const Theme& theme, kiosk::TableState state) {
  switch (state) {
    case kiosk::TableState::complete: return theme.table_complete;
    case kiosk::TableState::waiting: return theme.table_waiting;
    case kiosk::TableState::empty: return theme.table_empty;
    case kiosk::TableState::no_show: return theme.table_no_show;
    case kiosk::TableState::idle: return theme.table_idle;
  }
  return theme.table_idle;
}

Color person_color(const Theme& theme, kiosk::PersonState state) {
  switch (state) {
    case kiosk::PersonState::checked_in: return theme.person_checked_in;
    case kiosk::PersonState::at_venue: return theme.person_at_venue;
    case kiosk::PersonState::not_arrived: return theme.person_not_arrived;
  }
  return theme.person_not_arrived;
}

Color accent_text(const Theme& theme) {
  const Color a = theme.accent.fill;
  return contrast_ratio(a, theme.background) >= 4.5 && contrast_ratio(a, theme.raised) >= 4.5 ? a : theme.text;
}

double relative_luminance(Color c) {
  auto channel = [](std::uint8_t v) {
    const double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast_ratio(Color a, Color b) {
  const double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace speedmeet::ui
