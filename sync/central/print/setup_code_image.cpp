#include "setup_code_image.hpp"

#include <cairo.h>

#include <memory>
#include <stdexcept>

#include "cairo_bytes.hpp"
#include "qr/qr_encoder.hpp"
#include "qr_symbol.hpp"

namespace speedmeet::print {
namespace {

struct SurfaceDeleter { void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); } };
struct ContextDeleter { void operator()(cairo_t* c) const { cairo_destroy(c); } };

// 6 pixels a module: an https code (version 11, 61 modules) and its quiet
// zone make about 410 pixels, which a kiosk camera reads from a laptop or
// phone screen or from paper.
constexpr int kModulePixels = 6;
constexpr int kCaptionHeight = 64;

void check(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cannot draw the setup code: ") + cairo_status_to_string(status));
}

void caption_line(cairo_t* cr, const std::string& text, double size, double baseline, int width) {
  cairo_set_font_size(cr, size);
  cairo_text_extents_t extents{};
  cairo_text_extents(cr, text.c_str(), &extents);
  cairo_move_to(cr, (width - extents.x_advance) / 2, baseline);
  cairo_show_text(cr, text.c_str());
}

}  // namespace

std::string setup_code_png(const std::string& code_text, const SetupCodeCaption& caption) {
  const qr::QrSymbol symbol = qr::encode_qr(code_text);
  const int side = (symbol.size + 2 * qr::kQuietZoneModules) * kModulePixels;
  const std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side + kCaptionHeight));
  check(cairo_surface_status(surface.get()));
  {
    const std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_NONE);  // whole pixels per module: crisp edges
    draw_qr(cr.get(), symbol, 0, 0, side);
    cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_DEFAULT);
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    cairo_select_font_face(cr.get(), "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    caption_line(cr.get(), "speedmeet kiosk setup: " + caption.device, 16, side + 20, side);
    cairo_select_font_face(cr.get(), "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    caption_line(cr.get(), "works once, until " + caption.valid_until, 13, side + 44, side);
    check(cairo_status(cr.get()));
  }
  cairo_surface_flush(surface.get());
  std::string bytes;
  check(cairo_surface_write_to_png_stream(surface.get(), append_to_string, &bytes));
  return bytes;
}

}  // namespace speedmeet::print
