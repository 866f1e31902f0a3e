#pragma once
// Colours and sizes of the kiosk screens. The default theme is dark (legible
// under venue lighting, calm when idle) with strong tone colours for results;
// every text/background pair in it passes WCAG AA (tests check the screens).
#include <string>

#include "checkin/board.hpp"
#include "checkin/outcome.hpp"
#include "ui/display_list.hpp"

namespace speedmeet::ui {

// A tone's panel colour and the text colour on it.
struct Swatch {
  Color fill;
  Color on_fill;
};

struct Theme {
  Color background{0x0E, 0x17, 0x26};
  Color surface{0x18, 0x24, 0x3A};   // cards, bars
  Color raised{0x24, 0x33, 0x4F};    // unselected buttons, pills
  Color text{0xF4, 0xF6, 0xFA};
  Color muted{0xB4, 0xBF, 0xD0};     // secondary text, readable on surface and raised
  Swatch accent{{0x5C, 0xAE, 0xFF}, {0x0B, 0x13, 0x20}};  // selection, clock, countdowns
  Color error_text{0xFF, 0x8A, 0x80};  // error words on the dark background

  Swatch ok{{0x17, 0x80, 0x3D}, {0xFF, 0xFF, 0xFF}};
  Swatch attention{{0xF2, 0xA9, 0x00}, {0x1A, 0x12, 0x00}};
  Swatch error{{0xC6, 0x28, 0x28}, {0xFF, 0xFF, 0xFF}};

  // Host board: people as glyph + colour (colour alone is not enough).
  Color person_checked_in{0x4A, 0xD0, 0x6E};
  Color person_at_venue{0xF2, 0xB1, 0x2E};
  Color person_not_arrived{0x9A, 0xA6, 0xB8};
  Swatch table_complete{{0x17, 0x80, 0x3D}, {0xFF, 0xFF, 0xFF}};
  Swatch table_waiting{{0xF2, 0xA9, 0x00}, {0x1A, 0x12, 0x00}};
  Swatch table_empty{{0x4A, 0x58, 0x70}, {0xFF, 0xFF, 0xFF}};
  Swatch table_no_show{{0xC6, 0x28, 0x28}, {0xFF, 0xFF, 0xFF}};
  Swatch table_idle{{0x24, 0x33, 0x4F}, {0xB4, 0xBF, 0xD0}};

  int min_text_px = 12;   // nothing is drawn smaller, whatever the window
  std::string logo_path;  // optional event logo (PNG/JPEG) on the idle screen
};

const Swatch& tone_swatch(const Theme& theme, kiosk::Tone tone);
const Swatch& table_swatch(const Theme& theme, kiosk::TableState state);
Color person_color(const Theme& theme, kiosk::PersonState state);

// The accent as a text colour on the background and on raised pills: the
// accent itself when it reads there (WCAG AA), else the plain text colour —
// a branding accent may be too dark or too pale for text.
Color accent_text(const Theme& theme);

// WCAG 2 relative luminance and contrast ratio (1..21).
double relative_luminance(Color c);
double contrast_ratio(Color a, Color b);

}  // namespace speedmeet::ui
