// SDL2_ttf lives here and in sdl_painter.cpp only.
#include "ui/sdl/sdl_fonts.hpp"

#include <SDL.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace speedmeet::ui {
namespace {

constexpr std::uintmax_t kMaxFontFileBytes = 32u << 20;
// Each open TTF_Font costs about 180 kB (FreeType size, HarfBuzz font, glyph
// cache): 96 of them were a fifth of the kiosk's memory. Screens use a few
// dozen sizes, and the measurer remembers extents, so 32 measured no slower.
constexpr std::size_t kMaxCachedFonts = 32;
constexpr std::size_t kMaxRememberedTexts = 50000;

std::vector<unsigned char> read_font(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw std::runtime_error(path.string() + ": cannot read the font file (" + ec.message() + ")");
  if (size == 0 || size > kMaxFontFileBytes)
    throw std::runtime_error(path.string() + ": font file of " + std::to_string(size) + " bytes is empty or too large");
  std::ifstream in(path, std::ios::binary);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw std::runtime_error(path.string() + ": cannot read the font file");
  return bytes;
}

}  // namespace

TtfSession::TtfSession() {
  if (TTF_Init() != 0) throw std::runtime_error(std::string("SDL2_ttf cannot start: ") + TTF_GetError());
}

TtfSession::~TtfSession() { TTF_Quit(); }

void FontLibrary::FontCloser::operator()(TTF_Font* f) const { TTF_CloseFont(f); }

FontLibrary::FontLibrary(const std::string& directory)
    : regular_(read_font(std::filesystem::path(directory) / "DejaVuSans.ttf")),
      bold_(read_font(std::filesystem::path(directory) / "DejaVuSans-Bold.ttf")) {
  font(FontWeight::regular, 16);  // fail now, not mid-frame, if the bytes are no font
}

FontLibrary::~FontLibrary() = default;

TTF_Font* FontLibrary::font(FontWeight weight, int px) {
  px = std::clamp(px, 1, 2000);
  const std::pair<int, int> key{static_cast<int>(weight), px};
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    if (cache_.size() >= kMaxCachedFonts) {
      const auto oldest = std::min_element(cache_.begin(), cache_.end(),
                                           [](const auto& a, const auto& b) { return a.second.last_use < b.second.last_use; });
      cache_.erase(oldest);
    }
    const auto& bytes = weight == FontWeight::bold ? bold_ : regular_;
    SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
    TTF_Font* f = rw ? TTF_OpenFontRW(rw, 1, px) : nullptr;
    if (!f) throw std::runtime_error(std::string("cannot open the DejaVu font: ") + TTF_GetError());
    it = cache_.emplace(key, Entry{std::unique_ptr<TTF_Font, FontCloser>(f), 0}).first;
  }
  it->second.last_use = ++uses_;
  return it->second.font.get();
}

TextExtent TtfTextMeasurer::measure(std::string_view text, int px, FontWeight weight) {
  key_.clear();
  key_ += weight == FontWeight::bold ? 'b' : 'r';
  key_ += std::to_string(px);
  key_ += '\0';
  const std::size_t text_at = key_.size();
  key_ += text;
  if (auto it = memo_.find(key_); it != memo_.end()) return it->second;

  TTF_Font* f = fonts_.font(weight, px);
  TextExtent e{0, TTF_FontHeight(f)};
  if (!text.empty()) {
    int w = 0, h = 0;
    // key_ holds the text NUL-terminated after its prefix.
    if (TTF_SizeUTF8(f, key_.c_str() + text_at, &w, &h) != 0)
      throw std::runtime_error(std::string("cannot measure text: ") + TTF_GetError());
    e.width = w;
    e.height = std::max(e.height, h);
  }
  if (memo_.size() >= kMaxRememberedTexts) memo_.clear();  // bounded; refills in one frame
  memo_.emplace(key_, e);
  return e;
}

}  // namespace speedmeet::ui
