#include "badge_render.hpp"

#include <algorithm>
#include <string_view>

#include "qr_symbol.hpp"
#include "text_layout.hpp"

namespace speedmeet::print {
namespace {

std::string_view role_label(Role role) {
  switch (role) {
    case Role::company: return "COMPANY";
    case Role::project: return "PROJECT";
    case Role::staff: return "STAFF";
  }
  return "";
}

void fill_rect(cairo_t* cr, double x, double y, double w, double h, Rgb colour) {
  cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
}

// Where each part of the badge goes, in badge coordinates (origin top-left).
struct BadgeLayout {
  TextBox band;      // colour band with the event name
  TextBox text;      // name, organization, role label stacked from the top
  double qr_x = 0, qr_y = 0, qr_side = 0;
};

// Landscape: text on the left, QR on the right. Portrait: text above, QR below.
BadgeLayout layout_badge(double w, double h) {
  BadgeLayout l;
  const double unit = std::min(w, h);
  const double pad = 0.05 * unit;
  const double band_height = 0.17 * unit;
  l.band = {pad, 0, w - 2 * pad, band_height};
  const double body_top = band_height + pad;
  const double body_height = h - body_top - pad;
  if (w >= h) {
    l.qr_side = std::max(0.0, std::min(body_height + pad * 0.6, 0.47 * w));
    l.qr_x = w - l.qr_side - pad * 0.4;  // the quiet zone is white margin already
    l.qr_y = body_top - pad * 0.3 + (body_height + pad * 0.6 - l.qr_side) / 2;
    l.text = {pad, body_top, std::max(0.0, l.qr_x - pad), body_height};
  } else {
    l.qr_side = std::max(0.0, std::min(w - 2 * pad, 0.58 * body_height));
    l.qr_x = (w - l.qr_side) / 2;
    l.qr_y = h - pad - l.qr_side;
    l.text = {pad, body_top, w - 2 * pad, std::max(0.0, l.qr_y - body_top - pad * 0.5)};
  }
  return l;
}

void draw_band(cairo_t* cr, const BadgeFace& face, const BadgeLayout& l, double w, double unit) {
  fill_rect(cr, 0, 0, w, l.band.height, role_colour(face.role));
  const TextStyle style{.bold = true, .max_size = 0.085 * unit, .min_size = 0.04 * unit, .max_lines = 1,
                        .align = Align::left};
  const TextLayout fitted = fit_text(cr, face.event_name, style, l.band.width, l.band.height * 0.8);
  const TextBox box{l.band.x, (l.band.height - fitted.height) / 2, l.band.width, l.band.height};
  cairo_set_source_rgb(cr, 1, 1, 1);
  draw_text(cr, fitted, style, box);
}

// Name, then organization right below it, then the role at the bottom.
void draw_texts(cairo_t* cr, const BadgeFace& face, const TextBox& area, double unit) {
  const TextStyle role_style{.bold = true, .max_size = 0.07 * unit, .min_size = 0.035 * unit, .max_lines = 1};
  const TextLayout role = fit_text(cr, role_label(face.role), role_style, area.width, area.height * 0.2);
  const double role_top = area.y + area.height - role.height;
  const Rgb colour = role_colour(face.role);
  cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
  draw_text(cr, role, role_style, {area.x, role_top, area.width, role.height});

  const double gap = 0.03 * unit;
  const double free_height = std::max(0.0, role_top - gap - area.y);
  const TextStyle name_style{.bold = true, .max_size = 0.15 * unit, .min_size = 0.05 * unit, .max_lines = 3,
                             .line_height = 1.1};
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
  const TextLayout name = draw_fitted_text(cr, face.name, name_style, {area.x, area.y, area.width, free_height * 0.62});

  const double org_top = area.y + name.height + gap;
  const TextStyle org_style{.bold = false, .max_size = 0.075 * unit, .min_size = 0.04 * unit, .max_lines = 3,
                            .line_height = 1.15};
  cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
  draw_fitted_text(cr, face.organization, org_style, {area.x, org_top, area.width, std::max(0.0, role_top - gap - org_top)});
}

}  // namespace

Rgb role_colour(Role role) {
  switch (role) {
    case Role::company: return {0.12, 0.37, 0.66};  // blue
    case Role::project: return {0.16, 0.55, 0.33};  // green
    case Role::staff: return {0.78, 0.22, 0.17};    // red
  }
  return {0.3, 0.3, 0.3};
}

void draw_badge(cairo_t* cr, const BadgeFace& face, double x, double y, double width_pt, double height_pt) {
  if (width_pt <= 0 || height_pt <= 0) return;
  // Encode first: an unencodable text throws before anything is drawn.
  const bool has_qr = !face.qr_text.empty();
  const qr::QrSymbol symbol = has_qr ? qr::encode_qr(face.qr_text) : qr::QrSymbol{};

  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rectangle(cr, 0, 0, width_pt, height_pt);
  cairo_clip(cr);
  fill_rect(cr, 0, 0, width_pt, height_pt, {1, 1, 1});

  const double unit = std::min(width_pt, height_pt);
  const BadgeLayout l = layout_badge(width_pt, height_pt);
  draw_band(cr, face, l, width_pt, unit);
  draw_texts(cr, face, l.text, unit);
  if (has_qr) draw_qr(cr, symbol, l.qr_x, l.qr_y, l.qr_side);
  cairo_restore(cr);
}

}  // namespace speedmeet::print
