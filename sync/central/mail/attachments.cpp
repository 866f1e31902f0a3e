#include "attachments.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "domain/local_time.hpp"
#include "print/cairo_bytes.hpp"
#include "print/pdf_document.hpp"
#include "print/qr_symbol.hpp"
#include "qr/qr_encoder.hpp"

namespace speedmeet::mail {
namespace {

constexpr double kA6Width = 105, kA6Height = 148;  // mm

struct SurfaceDeleter { void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); } };
struct ContextDeleter { void operator()(cairo_t* c) const { cairo_destroy(c); } };
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

void check(cairo_status_t status, std::string_view what) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot draw the " + std::string(what) + ": " + cairo_status_to_string(status));
}

// ISO 8601 in UTC, as cairo wants PDF dates.
std::string iso_date(std::int64_t unix_seconds) { return format_utc(from_unix(unix_seconds)); }

}  // namespace

std::string badge_pdf(const print::BadgeFace& face, std::int64_t created_unix) {
  std::string bytes;
  {
    const Surface surface(cairo_pdf_surface_create_for_stream(print::append_to_string, &bytes, print::mm(kA6Width),
                                                              print::mm(kA6Height)));
    check(cairo_surface_status(surface.get()), "badge");
    // A fixed creation date (cairo would write the clock's) keeps the bytes
    // of a message sent twice the same.
    const std::string date = iso_date(created_unix);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, face.event_name.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "speedmeet");
    {
      const Context cr(cairo_create(surface.get()));
      print::draw_badge(cr.get(), face, 0, 0, print::mm(kA6Width), print::mm(kA6Height));
      cairo_show_page(cr.get());
      check(cairo_status(cr.get()), "badge");
    }
    cairo_surface_finish(surface.get());
    check(cairo_surface_status(surface.get()), "badge");
  }
  return bytes;
}

std::string qr_png(const std::string& text, int module_pixels) {
  if (module_pixels < 1 || module_pixels > 64) throw std::invalid_argument("QR module size out of range");
  const qr::QrSymbol symbol = qr::encode_qr(text);
  const int side = (symbol.size + 2 * qr::kQuietZoneModules) * module_pixels;
  const Surface drawn(cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side));
  check(cairo_surface_status(drawn.get()), "QR code");
  {
    const Context cr(cairo_create(drawn.get()));
    cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_NONE);  // whole pixels per module: crisp edges
    print::draw_qr(cr.get(), symbol, 0, 0, side);
    check(cairo_status(cr.get()), "QR code");
  }
  cairo_surface_flush(drawn.get());
  // Written as a 1-bit grey PNG (cairo writes A1 surfaces so, 1 = white):
  // a tenth of the bytes of RGB, and compressed ten times faster.
  const Surface bits(cairo_image_surface_create(CAIRO_FORMAT_A1, side, side));
  check(cairo_surface_status(bits.get()), "QR code");
  const unsigned char* from = cairo_image_surface_get_data(drawn.get());
  unsigned char* to = cairo_image_surface_get_data(bits.get());
  const int from_stride = cairo_image_surface_get_stride(drawn.get());
  const int to_stride = cairo_image_surface_get_stride(bits.get());
  for (int y = 0; y < side; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(from + static_cast<std::ptrdiff_t>(y) * from_stride);
    auto* out = reinterpret_cast<std::uint32_t*>(to + static_cast<std::ptrdiff_t>(y) * to_stride);
    for (int x = 0; x < side; ++x)
      if ((row[x] & 0xFFu) >= 0x80u) out[x / 32] |= std::uint32_t{1} << (x % 32);  // cairo's A1: native 32-bit words
  }
  cairo_surface_mark_dirty(bits.get());
  std::string bytes;
  check(cairo_surface_write_to_png_stream(bits.get(), print::append_to_string, &bytes), "QR code");
  return bytes;
}

}  // namespace speedmeet::mail
