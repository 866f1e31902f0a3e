#pragma once
// One badge drawn with cairo: event name on a band in the role's colour, the
// participant's name large, the organization, the role in the wearer's
// language, and the QR code as vector squares with its quiet zone, the
// participant id printed under it. Used by the PDF badge sheets and by tests
// that render badges into images.
#include <cairo.h>

#include <string>
#include <string_view>

#include "domain/event.hpp"

namespace speedmeet::print {

struct BadgeFace {
  std::string event_name;
  std::string name;
  std::string organization;
  Role role = Role::project;   // from domain/event.hpp
  std::string qr_text;         // the SM1... code or external badge_code
  Language language = Language::en;  // of the role label
  // Printed under the QR for the desk to type when the QR is damaged: the
  // participant id (what the kiosk's staff panel looks people up by). Empty:
  // nothing printed.
  std::string printed_id;
};

// Draws one badge of width_pt x height_pt points with its top-left corner at (x, y)
// on any cairo context (a PDF page, or an image surface for tests and corpora).
// The badge paints its own white background and never draws outside its
// rectangle: long texts shrink, wrap and, as a last resort, end with "…".
// Landscape rectangles put the QR on the right, portrait ones at the bottom.
// Text that is not valid UTF-8 is drawn with U+FFFD in place of the bad bytes.
// An empty qr_text leaves the QR area blank. Throws std::invalid_argument when
// qr_text cannot be encoded as a QR code. The context's state is restored.
void draw_badge(cairo_t* cr, const BadgeFace& face, double x, double y, double width_pt, double height_pt);

// Frees the process-wide font caches of cairo and fontconfig, which would
// otherwise show up as leaks under LeakSanitizer. Call it when no cairo object
// is alive any more, once, at the end of a program (FontCacheRelease does it
// on scope exit).
void release_font_caches();
struct FontCacheRelease {
  FontCacheRelease() = default;
  ~FontCacheRelease() { release_font_caches(); }
  FontCacheRelease(const FontCacheRelease&) = delete;
  FontCacheRelease& operator=(const FontCacheRelease&) = delete;
};

// The role as the badge prints it, in the wearer's language (upper case).
std::string_view role_label(Role role, Language language);

// The colour band of a role, as RGB in [0, 1].
struct Rgb {
  double r = 0, g = 0, b = 0;
};
Rgb role_colour(Role role);

}  // namespace speedmeet::print
