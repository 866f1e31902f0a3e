#pragma once
// QR symbols for badges: ZXing-C++ encodes the text into modules, cairo draws
// them as vector squares.
#include <cairo.h>

#include <cstdint>
#include <string>
#include <vector>

namespace speedmeet::print {

inline constexpr int kQuietZoneModules = 4;  // ISO/IEC 18004 minimum

// The modules of a QR symbol, without its quiet zone.
struct QrSymbol {
  int size = 0;                 // modules per side (21 for version 1 ... 41 for version 6)
  std::vector<std::uint8_t> dark;  // row-major, size * size; 1 = dark
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)] != 0; }
  int version() const { return (size - 17) / 4; }
};

// Byte mode, error correction level M. Throws std::invalid_argument when the
// text is empty or too long for a QR code.
QrSymbol encode_qr(const std::string& text);

struct QrPoint {
  int x = 0, y = 0;  // module grid corner
  bool operator==(const QrPoint&) const = default;
};

// The outlines of the dark modules: closed polygons through module corners,
// corners only, dark on the right of each edge (clockwise with y down), so
// holes run the other way and a nonzero-winding fill paints exactly the dark
// modules.
std::vector<std::vector<QrPoint>> qr_outlines(const QrSymbol& symbol);

// Draws the symbol and its white quiet zone in a square of side points at
// (x, y), as one filled path of outlines.
void draw_qr(cairo_t* cr, const QrSymbol& symbol, double x, double y, double side);

}  // namespace speedmeet::print
