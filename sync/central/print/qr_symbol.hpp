#pragma once
// QR symbols on badges: qr::encode_qr (core/qr, the project's one encoder)
// makes the modules, cairo draws them as vector outlines.
#include <cairo.h>

#include <vector>

#include "qr/qr_encoder.hpp"

namespace speedmeet::print {

struct QrPoint {
  int x = 0, y = 0;  // module grid corner
  bool operator==(const QrPoint&) const = default;
};

// The outlines of the dark modules: closed polygons through module corners,
// corners only, dark on the right of each edge (clockwise with y down), so
// holes run the other way and a nonzero-winding fill paints exactly the dark
// modules.
std::vector<std::vector<QrPoint>> qr_outlines(const qr::QrSymbol& symbol);

// Draws the symbol and its white quiet zone in a square of side points at
// (x, y), as one filled path of outlines.
void draw_qr(cairo_t* cr, const qr::QrSymbol& symbol, double x, double y, double side);

}  // namespace speedmeet::print
