// speedmeet decode IMAGE...: badge photos and sheets through the kiosk's own
// QR decoder (thorough mode: every code in the picture).
#include <iostream>
#include <string>

#include "cli/args.hpp"
#include "commands.hpp"
#include "images/image_loader.hpp"
#include "qr/qr_decoder.hpp"

namespace speedmeet::cli {
namespace {

// One line per code: tabs, line breaks and backslashes in a code are escaped
// so that a line is always PATH<TAB>TEXT.
std::string escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

int run_decode(const CommandArgs& argv) {
  const Args args(argv, {});
  if (args.positional().empty()) throw UsageError("decode needs at least one image file");
  bool all_had_codes = true;
  bool unreadable = false;
  for (const std::string& path : args.positional()) {
    qr::GrayImage image;
    try {
      image = images::load_gray_image(path);
    } catch (const images::ImageFileError& e) {
      std::cerr << "speedmeet decode: " << e.what() << "\n";
      unreadable = true;
      continue;
    }
    const auto codes = qr::QrDecoder::decode_all(image);
    if (codes.empty()) all_had_codes = false;
    if (codes.empty()) std::cout << path << "\t-\n";
    for (const auto& code : codes) std::cout << path << '\t' << escaped(code.text) << '\n';
    std::cout.flush();
  }
  if (unreadable) return 2;
  return all_had_codes ? 0 : 1;
}


}  // namespace speedmeet::cli
