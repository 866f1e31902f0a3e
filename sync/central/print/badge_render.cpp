#include "badge_render.hpp"

#include <algorithm>
#include <string_view>

#include "qr_symbol.hpp"
#include "text_layout.hpp"

namespace speedmeet::print {
namespace {

// Every word a badge prints that is not the participant's or the event's:
// one row per role, in the languages participants.csv allows.
struct RoleLabel {
  Role role;
  std::string_view fr, en, de;
};
constexpr RoleLabel kRoleLabels[] = {
    {Role::company, "ENTREPRISE", "COMPANY", "UNTERNEHMEN"},
    {Role::project, "PORTEUR DE PROJET", "PROJECT HOLDER", "PROJEKTTR\u00c4GER"},
    {Role::staff, "ORGANISATION", "STAFF", "TEAM"},
};

// Font sizes and the id line's height, in badge units (the shorter side).
constexpr double kIdSize = 0.055, kIdMinSize = 0.025, kIdLineHeight = 0.062;

void fill_rect(cairo_t* cr, double x, double y, double w, double h, Rgb colour) {
  cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
}

// Where each part of the badge goes, in badge coordinates (origin top-left).
struct BadgeLayout {
  TextBox band;      // colour band with the event name
  TextBox text;      // name, organization, role label stacked from the top
  double qr_x = 0, qr_y = 0, qr_side = 0;  // the symbol with its quiet zone
  TextBox id;        // under the quiet zone, as wide as the QR
};

// Landscape: text on the left, QR on the right, close under the band (its
// quiet zone is white margin already); the role label and the id end on one
// line. Portrait: text above, QR below. The id line sits right under the QR's
// quiet zone, never inside it.
BadgeLayout layout_badge(double w, double h) {
  BadgeLayout l;
  const double unit = std::min(w, h);
  const double pad = 0.05 * unit;
  const double band_height = 0.17 * unit;
  const double id_height = kIdLineHeight * unit;
  l.band = {pad, 0, w - 2 * pad, band_height};
  const double body_top = band_height + pad;
  const double body_height = h - body_top - pad;
  const double bottom = h - pad * 0.55;
  const double qr_bottom = bottom - id_height;
  if (w >= h) {
    l.qr_y = band_height + pad * 0.1;
    l.qr_side = std::max(0.0, std::min(qr_bottom - l.qr_y, 0.47 * w));
    l.qr_x = w - l.qr_side - pad * 0.4;
    l.text = {pad, body_top, std::max(0.0, l.qr_x - pad), std::max(0.0, bottom - body_top)};
  } else {
    l.qr_side = std::max(0.0, std::min(w - 2 * pad, 0.58 * body_height));
    l.qr_x = (w - l.qr_side) / 2;
    l.qr_y = qr_bottom - l.qr_side;
    l.text = {pad, body_top, w - 2 * pad, std::max(0.0, l.qr_y - body_top - pad * 0.5)};
  }
  l.id = {l.qr_x, l.qr_y + l.qr_side, l.qr_side, id_height};
  return l;
}

// The id in a monospaced face (0 and O, 1 and l differ), centred under the
// QR, on the box's bottom line. It shrinks to fit but is never cut: the desk
// must read all of it (ids have at most 32 characters, which fit at
// kIdMinSize).
void draw_id(cairo_t* cr, const std::string& id, const TextBox& box, double unit) {
  if (id.empty()) return;
  const TextStyle style{.bold = true, .max_size = kIdSize * unit, .min_size = kIdMinSize * unit, .max_lines = 1,
                        .align = Align::centre, .family = kMonoFontFamily};
  const TextLayout fitted = fit_text(cr, id, style, box.width, box.height);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  draw_text(cr, fitted, style, {box.x, box.y + box.height - fitted.height, box.width, fitted.height});
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
  const TextLayout role = fit_text(cr, role_label(face.role, face.language), role_style, area.width, area.height * 0.2);
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

std::string_view role_label(Role role, Language language) {
  for (const RoleLabel& row : kRoleLabels) {
    if (row.role != role) continue;
    switch (language) {
      case Language::fr: return row.fr;
      case Language::en: return row.en;
      case Language::de: return row.de;
    }
  }
  return "";
}

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
  draw_id(cr, face.printed_id, l.id, unit);
  cairo_restore(cr);
}

}  // namespace speedmeet::print
