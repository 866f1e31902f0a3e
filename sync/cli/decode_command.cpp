// speedmeet decode IMAGE...: badge photos and sheets through the kiosk's own
// QR decoder (thorough mode: every code in the picture).
#include <iostream>
#include <string>

#include "args.hpp"
#include "command_registry.hpp"
#include "scan/image_file.hpp"
#include "scan/qr_decoder.hpp"

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

int run_decode(const CommandArgs& argv) {
  const Args args(argv, {});
  if (args.positional().empty()) throw UsageError("decode needs at least one image file");
  bool all_had_codes = true;
  bool unreadable = false;
  for (const std::string& path : args.positional()) {
    scan::GrayImage image;
    try {
      image = scan::load_gray_image(path);
    } catch (const scan::ImageFileError& e) {
      std::cerr << "speedmeet decode: " << e.what() << "\n";
      unreadable = true;
      continue;
    }
    const auto codes = scan::QrDecoder::decode_all(image);
    if (codes.empty()) all_had_codes = false;
    if (codes.empty()) std::cout << path << "\t-\n";
    for (const auto& code : codes) std::cout << path << '\t' << escaped(code.text) << '\n';
    std::cout.flush();
  }
  if (unreadable) return 2;
  return all_had_codes ? 0 : 1;
}

const CommandRegistrar decode_command{
    "decode", run_decode,
    "speedmeet decode IMAGE...   (PNG/JPEG/WebP; prints PATH<TAB>TEXT per QR code, PATH<TAB>- when none; "
    "exit 0 all had codes, 1 some had none, 2 unreadable file)"};

}  // namespace
}  // namespace speedmeet::cli
