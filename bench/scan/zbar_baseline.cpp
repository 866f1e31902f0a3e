#include "zbar_baseline.hpp"

#include <zbar.h>

#include <stdexcept>

// zbar.h declares its C API inside namespace zbar when compiled as C++.
using namespace zbar;

namespace speedmeet::bench::scan {

struct ZbarQrDecoder::Scanner {
  zbar_image_scanner_t* scanner = zbar_image_scanner_create();
  ~Scanner() { zbar_image_scanner_destroy(scanner); }
};

ZbarQrDecoder::ZbarQrDecoder() : scanner_(std::make_unique<Scanner>()) {
  if (!scanner_->scanner) throw std::runtime_error("zbar_image_scanner_create failed");
  // QR only, like our decoder: every other symbology off.
  zbar_image_scanner_set_config(scanner_->scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config(scanner_->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
}

ZbarQrDecoder::~ZbarQrDecoder() = default;

std::vector<std::string> ZbarQrDecoder::decode(const speedmeet::qr::GrayImage& gray) {
  std::vector<std::string> texts;
  if (gray.empty()) return texts;
  zbar_image_t* image = zbar_image_create();
  zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
  zbar_image_set_size(image, static_cast<unsigned>(gray.width), static_cast<unsigned>(gray.height));
  zbar_image_set_data(image, gray.pixels.data(), gray.pixels.size(), nullptr);  // borrowed, not freed by zbar
  if (zbar_scan_image(scanner_->scanner, image) > 0) {
    for (const zbar_symbol_t* s = zbar_image_first_symbol(image); s; s = zbar_symbol_next(s))
      if (zbar_symbol_get_type(s) == ZBAR_QRCODE)
        texts.emplace_back(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
  }
  zbar_image_destroy(image);
  return texts;
}

}  // namespace speedmeet::bench::scan
