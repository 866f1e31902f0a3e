#pragma once
// SDL2_ttf fonts for the kiosk screens: the DejaVu files loaded once into
// memory, one TTF_Font per (weight, pixel size) kept in a small cache, and the
// TextMeasurer the layout uses — so measuring and drawing agree exactly.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/text_fit.hpp"

struct _TTF_Font;
using TTF_Font = _TTF_Font;

namespace speedmeet::ui {

// TTF_Init/TTF_Quit (reference counted by SDL2_ttf).
class TtfSession {
 public:
  TtfSession();
  ~TtfSession();
  TtfSession(const TtfSession&) = delete;
  TtfSession& operator=(const TtfSession&) = delete;
};

class FontLibrary {
 public:
  // Reads DejaVuSans.ttf and DejaVuSans-Bold.ttf from `directory`; throws
  // std::runtime_error naming the file when one is missing or unreadable.
  explicit FontLibrary(const std::string& directory);
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  // The font at `px` (clamped to 1..2000). The pointer stays valid until
  // the next call (the cache may evict the least recently used font).
  TTF_Font* font(FontWeight weight, int px);
  std::size_t cached_fonts() const { return cache_.size(); }

 private:
  struct FontCloser {
    void operator()(TTF_Font* f) const;
  };
  struct Entry {
    std::unique_ptr<TTF_Font, FontCloser> font;
    std::uint64_t last_use = 0;
  };
  TtfSession session_;                          // first in, last out
  std::vector<unsigned char> regular_, bold_;   // the fonts read from these bytes: keep them alive
  std::map<std::pair<int, int>, Entry> cache_;  // (weight, px)
  std::uint64_t uses_ = 0;
};

// Remembers what it measured: a kiosk lays out the same strings every frame,
// so after the first frame layout costs hash lookups, not font work.
class TtfTextMeasurer final : public TextMeasurer {
 public:
  explicit TtfTextMeasurer(FontLibrary& fonts) : fonts_(fonts) {}
  TextExtent measure(std::string_view text, int px, FontWeight weight) override;
  std::size_t remembered() const { return memo_.size(); }

 private:
  FontLibrary& fonts_;
  std::string key_;  // weight, px, NUL, text: also the NUL-terminated text for SDL2_ttf
  std::unordered_map<std::string, TextExtent> memo_;
};

}  // namespace speedmeet::ui
