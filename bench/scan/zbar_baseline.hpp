#pragma once
// libzbar through its C API, QR only: the benchmark's second baseline. zbar's
// C++ header clashes with ZXing's macros, so zbar stays in zbar_baseline.cpp.
#include <memory>
#include <string>
#include <vector>

#include "qr/gray_image.hpp"

namespace speedmeet::bench::scan {

class ZbarQrDecoder {
 public:
  ZbarQrDecoder();
  ~ZbarQrDecoder();
  ZbarQrDecoder(const ZbarQrDecoder&) = delete;
  ZbarQrDecoder& operator=(const ZbarQrDecoder&) = delete;

  std::vector<std::string> decode(const speedmeet::qr::GrayImage& image);

 private:
  struct Scanner;
  std::unique_ptr<Scanner> scanner_;
};

}  // namespace speedmeet::bench::scan
