#pragma once
// Text -> QR modules: the project's one QR encoder. Printed badges
// (sync/central/print draws the modules with cairo) and the test and
// benchmark images (render_qr) both come from encode_qr, so what the tests
// decode is what the printer prints.
//
// The settings (docs/BADGES.md, "The QR code"):
//  * error correction level M: ~15 % of the codewords can be lost, and the
//    longest SM1 badge (105 characters) still fits version 6 (41 x 41);
//  * one segment, in the mode ZXing-C++ picks for the whole text: byte mode
//    as soon as one character is outside QR's alphanumeric set (every SM1
//    code: base64url has lower-case letters), else alphanumeric or numeric
//    (an external code such as "TKT-8F3A-2291" makes a smaller symbol);
//  * ASCII text without an ECI designator, so every reader, keyboard-wedge
//    scanners included, reads the bytes as they are; text with non-ASCII
//    characters as UTF-8 behind an ECI 26 (UTF-8) designator, so readers
//    need not guess the character set;
//  * the smallest version that fits, the mask ZXing's penalty rules choose;
//  * no quiet zone in the modules: whoever draws them adds kQuietZoneModules.
#include <cstdint>
#include <string_view>
#include <vector>

#include "qr/gray_image.hpp"

namespace speedmeet::qr {

inline constexpr int kQuietZoneModules = 4;  // ISO/IEC 18004 minimum

// The modules of a QR symbol, without its quiet zone.
struct QrSymbol {
  int size = 0;                    // modules per side (21 for version 1 ... 41 for version 6)
  std::vector<std::uint8_t> dark;  // row-major, size * size; 1 = dark
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)] != 0; }
  int version() const { return (size - 17) / 4; }
};

// Throws std::invalid_argument when the text is empty, is not valid UTF-8,
// or is too long for any QR code at level M.
QrSymbol encode_qr(std::string_view text);

// encode_qr as a grey image: module_pixels per module, black on white, with
// quiet_zone_modules of white around it (tests, benchmark corpora).
GrayImage render_qr(std::string_view text, int module_pixels, int quiet_zone_modules = kQuietZoneModules);

}  // namespace speedmeet::qr
