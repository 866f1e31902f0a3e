// SDL2_ttf lives here and in sdl_painter.cpp only.
#include "ui/sdl/sdl_fonts.hpp"

#include <SDL.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <fribidi.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "badge/utf8.hpp"

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

// Characters that belong with the one before them whatever font has them:
// joiners, variation selectors (U+FE0F asks for the emoji form), skin tones
// and tags; they stay in that character's run.
bool attaches_to_previous(char32_t cp) {
  return cp == 0x200D || cp == 0x20E3 || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

// The script HarfBuzz shapes a right-to-left run with (SDL2_ttf's default,
// unknown, would leave Arabic letters unjoined).
const char* script_of(char32_t cp) {
  if ((cp >= 0x0600 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))
    return "Arab";
  if ((cp >= 0x0590 && cp <= 0x05FF) || (cp >= 0xFB1D && cp <= 0xFB4F)) return "Hebr";
  return "Zzzz";
}

struct CodePoint {
  std::size_t offset = 0, length = 0;  // bytes in the line
  char32_t value = 0;
};

std::vector<CodePoint> decode(std::string_view line) {
  std::vector<CodePoint> out;
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t n = badge::utf8_sequence_length(line, i);
    if (n == 0) {  // not UTF-8 (the layout gets valid text): one replacement character
      out.push_back({i, 1, 0xFFFD});
      ++i;
      continue;
    }
    out.push_back({i, n, badge::utf8_code_point(line, i, n)});
    i += n;
  }
  return out;
}

// Each character's bidi embedding level (UAX #9, rules P2-I2, brackets
// included). The screens speak fr, en and de, so a line reads left to right
// as soon as it has one left-to-right letter ("נועה is waiting at table 7",
// "Welcome, محمد!" keep the sentence's order); a line with none (a name in
// Arabic or Hebrew alone, with digits or punctuation) reads right to left.
std::vector<FriBidiLevel> bidi_levels(const std::vector<CodePoint>& cps) {
  const auto n = static_cast<FriBidiStrIndex>(cps.size());
  std::vector<FriBidiChar> chars(cps.size());
  std::transform(cps.begin(), cps.end(), chars.begin(), [](const CodePoint& c) { return c.value; });
  std::vector<FriBidiCharType> types(cps.size());
  std::vector<FriBidiBracketType> brackets(cps.size());
  std::vector<FriBidiLevel> levels(cps.size());
  fribidi_get_bidi_types(chars.data(), n, types.data());
  fribidi_get_bracket_types(chars.data(), n, types.data(), brackets.data());
  const bool has_ltr_letter = std::any_of(types.begin(), types.end(), [](FriBidiCharType t) { return t == FRIBIDI_TYPE_LTR; });
  FriBidiParType direction = has_ltr_letter ? FRIBIDI_PAR_LTR : FRIBIDI_PAR_ON;
  if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &direction, levels.data()) == 0)
    std::fill(levels.begin(), levels.end(), 0);  // out of memory: left to right, as before
  // The layout's "…" ends a cut line: after right-to-left text it belongs to
  // that text's end, on its left, not at the far right where it would seem
  // to cut the start of a name.
  if (cps.size() >= 2 && cps.back().value == U'\u2026' && levels[cps.size() - 2] % 2 == 1)
    levels.back() = levels[cps.size() - 2];
  return levels;
}

// Rule L2 on whole runs: from the highest level down to the lowest odd one,
// every sequence of runs at that level or higher is reversed.
void to_visual_order(std::vector<TextRun>& runs, std::vector<FriBidiLevel>& levels) {
  if (runs.empty()) return;
  const FriBidiLevel highest = *std::max_element(levels.begin(), levels.end());
  FriBidiLevel lowest_odd = highest + 1;
  for (FriBidiLevel l : levels)
    if (l % 2 == 1) lowest_odd = std::min(lowest_odd, l);
  for (FriBidiLevel level = highest; level >= lowest_odd && level > 0; --level) {
    for (std::size_t i = 0; i < runs.size();) {
      if (levels[i] < level) { ++i; continue; }
      std::size_t end = i;
      while (end < runs.size() && levels[end] >= level) ++end;
      std::reverse(runs.begin() + static_cast<std::ptrdiff_t>(i), runs.begin() + static_cast<std::ptrdiff_t>(end));
      std::reverse(levels.begin() + static_cast<std::ptrdiff_t>(i), levels.begin() + static_cast<std::ptrdiff_t>(end));
      i = end;
    }
  }
}

struct FcPatternDeleter { void operator()(FcPattern* p) const { FcPatternDestroy(p); } };
struct FcCharSetDeleter { void operator()(FcCharSet* c) const { FcCharSetDestroy(c); } };
struct FcObjectSetDeleter { void operator()(FcObjectSet* o) const { FcObjectSetDestroy(o); } };
struct FcFontSetDeleter { void operator()(FcFontSet* f) const { FcFontSetDestroy(f); } };
struct FcConfigDeleter { void operator()(FcConfig* c) const { FcConfigDestroy(c); } };

// Lower is better: Symbola (fonts-symbola, the one scripts/deps installs),
// then Noto's symbol faces, then any other font with the characters.
int fallback_rank(const std::string& family) {
  if (family == "Symbola") return 0;
  if (family.rfind("Noto Sans Symbols", 0) == 0) return 1;
  return 2;
}

}  // namespace

std::string FontLibrary::find_fallback_font() {
  // A configuration of our own, dropped at once: nothing of fontconfig stays in the kiosk.
  const std::unique_ptr<FcConfig, FcConfigDeleter> config{FcInitLoadConfigAndFonts()};
  if (!config) return {};
  const std::unique_ptr<FcCharSet, FcCharSetDeleter> wanted{FcCharSetCreate()};
  FcCharSetAddChar(wanted.get(), 0x1F600);  // 😀
  FcCharSetAddChar(wanted.get(), 0x2615);   // ☕
  const std::unique_ptr<FcPattern, FcPatternDeleter> pattern{FcPatternCreate()};
  FcPatternAddBool(pattern.get(), FC_SCALABLE, FcTrue);
  const std::unique_ptr<FcObjectSet, FcObjectSetDeleter> fields{
      FcObjectSetBuild(FC_FILE, FC_FAMILY, FC_CHARSET, FC_COLOR, FC_FONTFORMAT, nullptr)};
  const std::unique_ptr<FcFontSet, FcFontSetDeleter> fonts{FcFontList(config.get(), pattern.get(), fields.get())};
  std::string best;
  int best_rank = 3;
  for (int i = 0; fonts && i < fonts->nfont; ++i) {
    FcPattern* font = fonts->fonts[i];
    FcCharSet* has = nullptr;
    FcBool color = FcFalse;
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    FcChar8* format = nullptr;
    if (FcPatternGetCharSet(font, FC_CHARSET, 0, &has) != FcResultMatch || !FcCharSetIsSubset(wanted.get(), has)) continue;
    if (FcPatternGetBool(font, FC_COLOR, 0, &color) == FcResultMatch && color) continue;
    if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch) continue;
    if (FcPatternGetString(font, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
        std::string(reinterpret_cast<const char*>(format)) != "TrueType" &&
        std::string(reinterpret_cast<const char*>(format)) != "CFF")
      continue;
    const std::string name = FcPatternGetString(font, FC_FAMILY, 0, &family) == FcResultMatch
                                 ? reinterpret_cast<const char*>(family)
                                 : "";
    const std::string path = reinterpret_cast<const char*>(file);
    const int rank = fallback_rank(name);
    if (rank < best_rank || (rank == best_rank && path < best)) {
      best = path;
      best_rank = rank;
    }
  }
  return best;
}

TtfSession::TtfSession() {
  if (TTF_Init() != 0) throw std::runtime_error(std::string("SDL2_ttf cannot start: ") + TTF_GetError());
}

TtfSession::~TtfSession() { TTF_Quit(); }

void FontLibrary::FontCloser::operator()(TTF_Font* f) const { TTF_CloseFont(f); }

FontLibrary::FontLibrary(const std::string& directory, std::string fallback_file)
    : regular_(read_font(std::filesystem::path(directory) / "DejaVuSans.ttf")),
      bold_(read_font(std::filesystem::path(directory) / "DejaVuSans-Bold.ttf")),
      fallback_file_(std::move(fallback_file)) {
  if (!fallback_file_.empty()) fallback_ = read_font(fallback_file_);
  font(FontWeight::regular, 16);  // fail now, not mid-frame, if the bytes are no font
  probe_regular_.reset(open(regular_, 16));
  probe_bold_.reset(open(bold_, 16));
  if (!fallback_.empty()) probe_fallback_.reset(open(fallback_, 16));
}

FontLibrary::~FontLibrary() = default;

TTF_Font* FontLibrary::open(const std::vector<unsigned char>& bytes, int px) const {
  SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
  TTF_Font* f = rw ? TTF_OpenFontRW(rw, 1, px) : nullptr;
  if (!f)
    throw std::runtime_error(std::string("cannot open the ") + (&bytes == &fallback_ ? fallback_file_ : "DejaVu") +
                             " font: " + TTF_GetError());
  return f;
}

TTF_Font* FontLibrary::font(FontWeight weight, int px) {
  TTF_Font* f = cached(weight, px);
  TTF_SetFontDirection(f, TTF_DIRECTION_LTR);  // as SDL2_ttf opens it: a run may have set another
  TTF_SetFontScriptName(f, "Zzzz");
  return f;
}

TTF_Font* FontLibrary::cached(FontWeight weight, int px) {
  return cached(static_cast<int>(weight), weight == FontWeight::bold ? bold_ : regular_, px);
}

TTF_Font* FontLibrary::cached(int face, const std::vector<unsigned char>& bytes, int px) {
  px = std::clamp(px, 1, 2000);
  const std::pair<int, int> key{face, px};
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    if (cache_.size() >= kMaxCachedFonts) {
      const auto oldest = std::min_element(cache_.begin(), cache_.end(),
                                           [](const auto& a, const auto& b) { return a.second.last_use < b.second.last_use; });
      cache_.erase(oldest);
    }
    it = cache_.emplace(key, Entry{std::unique_ptr<TTF_Font, FontCloser>(open(bytes, px)), 0}).first;
  }
  it->second.last_use = ++uses_;
  return it->second.font.get();
}

TTF_Font* FontLibrary::font(const TextRun& run, FontWeight weight, int px) {
  constexpr int kFallbackFace = 2;  // beside FontWeight's regular and bold
  TTF_Font* f = run.fallback && !fallback_.empty() ? cached(kFallbackFace, fallback_, px) : cached(weight, px);
  // Fonts are shared by every run: each call sets them for its own.
  TTF_SetFontDirection(f, run.right_to_left ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
  TTF_SetFontScriptName(f, run.script);
  return f;
}

bool FontLibrary::provides(FontWeight weight, char32_t cp) {
  return TTF_GlyphIsProvided32(weight == FontWeight::bold ? probe_bold_.get() : probe_regular_.get(), cp) != 0;
}

bool FontLibrary::fallback_provides(char32_t cp) {
  return probe_fallback_ && TTF_GlyphIsProvided32(probe_fallback_.get(), cp) != 0;
}

std::vector<TextRun> FontLibrary::text_runs(std::string_view line, FontWeight weight) {
  if (std::all_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return {TextRun{std::string(line)}};  // ASCII: DejaVu has it all, left to right
  const std::vector<CodePoint> cps = decode(line);
  const std::vector<FriBidiLevel> char_levels = bidi_levels(cps);
  std::vector<TextRun> runs;
  std::vector<FriBidiLevel> levels;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t cp = cps[i].value;
    const bool rtl = char_levels[i] % 2 == 1;
    bool fallback = !provides(weight, cp) && fallback_provides(cp);
    const char* script = rtl ? script_of(cp) : "Zzzz";
    if (!runs.empty() && levels.back() == char_levels[i]) {
      TextRun& last = runs.back();
      if (attaches_to_previous(cp)) fallback = last.fallback;
      // Neutral characters (spaces, digits, punctuation) keep a right-to-left run's script.
      if (rtl && std::string_view(script) == "Zzzz") script = last.script;
      if (last.fallback == fallback && std::string_view(last.script) == script) {
        last.text.append(line.substr(cps[i].offset, cps[i].length));
        continue;
      }
      if (std::string_view(last.script) == "Zzzz" && last.fallback == fallback) {
        last.script = script;  // a run that began with neutrals takes its first letter's script
        last.text.append(line.substr(cps[i].offset, cps[i].length));
        continue;
      }
    }
    runs.push_back({std::string(line.substr(cps[i].offset, cps[i].length)), fallback, rtl, script});
    levels.push_back(char_levels[i]);
  }
  to_visual_order(runs, levels);
  return runs;
}

namespace {

struct SurfaceFree {
  void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
using Surface = std::unique_ptr<SDL_Surface, SurfaceFree>;

// The width of a line as its runs are drawn side by side; `height` gets the
// tallest DejaVu run's (the fallback font's taller lines are cut to DejaVu's,
// so the layout's line pitch does not change for an emoji).
int line_width(FontLibrary& fonts, const char* text, FontWeight weight, int px, int& height) {
  int total = 0;
  for (const TextRun& run : fonts.text_runs(text, weight)) {
    int w = 0, h = 0;
    if (TTF_SizeUTF8(fonts.font(run, weight, px), run.text.c_str(), &w, &h) != 0)
      throw std::runtime_error(std::string("cannot measure text: ") + TTF_GetError());
    total += w;
    if (!run.fallback) height = std::max(height, h);
  }
  return total;
}

}  // namespace

SDL_Surface* render_line_shaded(FontLibrary& fonts, const std::string& text, FontWeight weight, int px,
                                SDL_Color color, SDL_Color ground) {
  const std::vector<TextRun> runs = fonts.text_runs(text, weight);
  if (runs.size() != 1 || runs[0].fallback) return nullptr;
  return TTF_RenderUTF8_Shaded(fonts.font(runs[0], weight, px), runs[0].text.c_str(), color, ground);
}

SDL_Surface* render_line_blended(FontLibrary& fonts, const std::string& text, FontWeight weight, int px,
                                 SDL_Color color) {
  const std::vector<TextRun> runs = fonts.text_runs(text, weight);
  if (runs.size() == 1 && !runs[0].fallback)
    return TTF_RenderUTF8_Blended(fonts.font(runs[0], weight, px), runs[0].text.c_str(), color);
  const int ascent = TTF_FontAscent(fonts.font(weight, px));
  int height = TTF_FontHeight(fonts.font(weight, px));
  std::vector<std::pair<Surface, int>> pieces;  // each run drawn, with its font's ascent
  int width = 0;
  for (const TextRun& run : runs) {
    TTF_Font* f = fonts.font(run, weight, px);
    const int run_ascent = TTF_FontAscent(f);
    Surface piece(TTF_RenderUTF8_Blended(f, run.text.c_str(), color));
    if (!piece) return nullptr;
    if (!run.fallback) height = std::max(height, piece->h);
    width += piece->w;
    pieces.emplace_back(std::move(piece), run_ascent);
  }
  Surface line(SDL_CreateRGBSurfaceWithFormat(0, std::max(width, 1), height, 32, SDL_PIXELFORMAT_ARGB8888));
  if (!line) return nullptr;
  SDL_FillRect(line.get(), nullptr, 0);  // transparent
  int x = 0;
  for (auto& [piece, run_ascent] : pieces) {
    // Baselines on one line; the pixels copied as they are (runs do not overlap).
    SDL_SetSurfaceBlendMode(piece.get(), SDL_BLENDMODE_NONE);
    SDL_Rect at{x, ascent - run_ascent, piece->w, piece->h};
    if (piece->format->format != SDL_PIXELFORMAT_ARGB8888) {
      Surface converted(SDL_ConvertSurfaceFormat(piece.get(), SDL_PIXELFORMAT_ARGB8888, 0));
      if (!converted) return nullptr;
      SDL_SetSurfaceBlendMode(converted.get(), SDL_BLENDMODE_NONE);
      SDL_BlitSurface(converted.get(), nullptr, line.get(), &at);
    } else {
      SDL_BlitSurface(piece.get(), nullptr, line.get(), &at);
    }
    x += piece->w;
  }
  return line.release();
}

TextExtent TtfTextMeasurer::measure(std::string_view text, int px, FontWeight weight) {
  key_.clear();
  key_ += weight == FontWeight::bold ? 'b' : 'r';
  key_ += std::to_string(px);
  key_ += '\0';
  const std::size_t text_at = key_.size();
  key_ += text;
  if (auto it = memo_.find(key_); it != memo_.end()) return it->second;

  TextExtent e{0, TTF_FontHeight(fonts_.font(weight, px))};
  if (!text.empty()) {
    int h = 0;
    e.width = line_width(fonts_, key_.c_str() + text_at, weight, px, h);
    e.height = std::max(e.height, h);
  }
  if (memo_.size() >= kMaxRememberedTexts) memo_.clear();  // bounded; refills in one frame
  memo_.emplace(key_, e);
  return e;
}

}  // namespace speedmeet::ui
