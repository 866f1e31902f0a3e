#pragma once
// SDL2_ttf fonts for the kiosk screens: the DejaVu files loaded once into
// memory, one TTF_Font per (weight, pixel size) kept in a small cache, and the
// TextMeasurer the layout uses — so measuring and drawing agree exactly.
//
// Every name right: a line is cut into runs (text_runs) that one font draws
// in one direction. The Unicode bidi algorithm (FriBidi) gives each
// character its direction and puts the runs in visual order; SDL2_ttf's
// HarfBuzz shapes each run in its direction and script (Arabic letters
// joined); a character DejaVu lacks (emoji, symbols) is drawn with the
// fallback font fontconfig finds at start (Symbola, fonts-symbola).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ui/text_fit.hpp"

struct _TTF_Font;
using TTF_Font = _TTF_Font;
struct SDL_Surface;
struct SDL_Color;

namespace speedmeet::ui {

// TTF_Init/TTF_Quit (reference counted by SDL2_ttf).
class TtfSession {
 public:
  TtfSession();
  ~TtfSession();
  TtfSession(const TtfSession&) = delete;
  TtfSession& operator=(const TtfSession&) = delete;
};

// One piece of a line that one font draws in one direction.
struct TextRun {
  std::string text;              // UTF-8, in logical (reading) order
  bool fallback = false;         // drawn with the fallback font (emoji, symbols)
  bool right_to_left = false;
  const char* script = "Zzzz";   // ISO 15924 for HarfBuzz: "Arab" joins letters, "Hebr"; "Zzzz" unknown
  bool operator==(const TextRun& o) const {  // the script by its letters, not where they are stored
    return text == o.text && fallback == o.fallback && right_to_left == o.right_to_left &&
           std::string_view(script) == o.script;
  }
};

class FontLibrary {
 public:
  // Reads DejaVuSans.ttf and DejaVuSans-Bold.ttf from `directory`; throws
  // std::runtime_error naming the file when one is missing or unreadable.
  // The fallback font is `fallback_file` when given, else the one
  // find_fallback_font() finds; none found: characters DejaVu lacks stay
  // boxes, as before.
  explicit FontLibrary(const std::string& directory, std::string fallback_file = find_fallback_font());
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  // A monochrome scalable font that has emoji (U+1F600) and symbols (U+2615),
  // as fontconfig lists them: Symbola (fonts-symbola) first, else Noto Sans
  // Symbols 2 or any other; "" when there is none. Colour bitmap fonts (Noto
  // Color Emoji) are left out: SDL2_ttf draws them only at their one size.
  static std::string find_fallback_font();

  // The font at `px` (clamped to 1..2000), left to right, script unknown
  // (SDL2_ttf's defaults). The pointer stays valid until the next call (the
  // cache may evict the least recently used font).
  TTF_Font* font(FontWeight weight, int px);
  // The font a run is drawn with at `px`, set to the run's direction and
  // script. Valid until the next call, like font().
  TTF_Font* font(const TextRun& run, FontWeight weight, int px);
  std::size_t cached_fonts() const { return cache_.size(); }
  const std::string& fallback_file() const { return fallback_file_; }

  // Whether the weight's DejaVu face, or the fallback font, has a glyph for cp.
  bool provides(FontWeight weight, char32_t cp);
  bool fallback_provides(char32_t cp);

  // The runs of one line, in visual order (left to right). A line of one
  // left-to-right run in DejaVu (most text) is one run: the text as it is.
  std::vector<TextRun> text_runs(std::string_view line, FontWeight weight);

 private:
  struct FontCloser {
    void operator()(TTF_Font* f) const;
  };
  struct Entry {
    std::unique_ptr<TTF_Font, FontCloser> font;
    std::uint64_t last_use = 0;
  };
  TTF_Font* open(const std::vector<unsigned char>& bytes, int px) const;
  TTF_Font* cached(FontWeight weight, int px);
  TTF_Font* cached(int face, const std::vector<unsigned char>& bytes, int px);
  TtfSession session_;                          // first in, last out
  std::vector<unsigned char> regular_, bold_;   // the fonts read from these bytes: keep them alive
  std::string fallback_file_;
  std::vector<unsigned char> fallback_;         // empty: no fallback font
  std::map<std::pair<int, int>, Entry> cache_;  // (face, px): FontWeight's two, 2 the fallback font
  // One face of each at a fixed size, to ask which characters it has.
  std::unique_ptr<TTF_Font, FontCloser> probe_regular_, probe_bold_, probe_fallback_;
  std::uint64_t uses_ = 0;
};

// A line drawn as the measurer measures it: each run with its font, in
// visual order, on one surface as tall as DejaVu's line (baselines aligned).
// Blended: ARGB8888 with alpha. Shaded on `ground` (8 bits a pixel, index 0
// the ground) only for a line of one run; nullptr otherwise, or when SDL2_ttf
// fails.
SDL_Surface* render_line_blended(FontLibrary& fonts, const std::string& text, FontWeight weight, int px,
                                 SDL_Color color);
SDL_Surface* render_line_shaded(FontLibrary& fonts, const std::string& text, FontWeight weight, int px,
                                SDL_Color color, SDL_Color ground);

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
