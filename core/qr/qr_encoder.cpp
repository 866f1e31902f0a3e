// The encoding half of ZXing-C++ 1.4 (MultiFormatWriter); the decoding half
// is zxing_qr_decoder.cpp. A move to ZXing 2.x (CreateBarcodeFromText) means
// editing this file and that one.
#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <string>

#include "badge/utf8.hpp"
#include "qr/qr_encoder.hpp"

namespace speedmeet::qr {
namespace {

// MultiFormatWriter's QR levels are 0..8, mapped by (level - 1) / 2 onto
// L, M, Q, H: 4 means M.
constexpr int kEccLevelM = 4;

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = badge::utf8_sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// ASCII: CharacterSet::Unknown, which ZXing encodes as ISO-8859-1 bytes
// (the same bytes for ASCII) with no ECI designator. Anything else: UTF-8,
// which ZXing announces with ECI 26.
ZXing::CharacterSet character_set_for(std::string_view text) {
  return is_ascii(text) ? ZXing::CharacterSet::Unknown : ZXing::CharacterSet::UTF8;
}

}  // namespace

QrSymbol encode_qr(std::string_view text) {
  if (text.empty()) throw std::invalid_argument("a QR code needs some text");
  if (!is_utf8(text)) throw std::invalid_argument("a QR code's text must be valid UTF-8");
  ZXing::BitMatrix matrix;
  try {
    // Width, height and margin 0: one matrix cell per module, no quiet zone.
    matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                 .setEncoding(character_set_for(text))
                 .setEccLevel(kEccLevelM)
                 .setMargin(0)
                 .encode(std::string(text), 0, 0);
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("cannot encode a QR code: ") + e.what());
  }
  QrSymbol symbol;
  symbol.size = matrix.width();
  symbol.dark.resize(static_cast<std::size_t>(symbol.size) * static_cast<std::size_t>(symbol.size));
  for (int y = 0; y < symbol.size; ++y)
    for (int x = 0; x < symbol.size; ++x)
      symbol.dark[static_cast<std::size_t>(y * symbol.size + x)] = matrix.get(x, y) ? 1 : 0;
  return symbol;
}

GrayImage render_qr(std::string_view text, int module_pixels, int quiet_zone_modules) {
  if (module_pixels < 1 || quiet_zone_modules < 0) throw std::invalid_argument("render_qr: bad module size");
  const QrSymbol symbol = encode_qr(text);
  const int side = (symbol.size + 2 * quiet_zone_modules) * module_pixels;
  GrayImage image(side, side, 255);
  const int origin = quiet_zone_modules * module_pixels;
  for (int y = 0; y < symbol.size; ++y)
    for (int x = 0; x < symbol.size; ++x) {
      if (!symbol.at(x, y)) continue;
      for (int dy = 0; dy < module_pixels; ++dy)
        for (int dx = 0; dx < module_pixels; ++dx)
          image.at(origin + x * module_pixels + dx, origin + y * module_pixels + dy) = 0;
    }
  return image;
}

}  // namespace speedmeet::qr
