// The kiosk's text layer with the real fonts: runs in visual order (FriBidi),
// shaped in their direction and script (SDL2_ttf's HarfBuzz), emoji and
// symbols from the fallback font, and lines measured as they are drawn.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_ttf.h>

#include <memory>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "ui/sdl/sdl_fonts.hpp"

using namespace speedmeet;
using namespace speedmeet::ui;

namespace {

FontLibrary& fonts() {
  static FontLibrary library(speedmeet::test::source_path("assets/fonts"));
  return library;
}

using Surface = std::unique_ptr<SDL_Surface, void (*)(SDL_Surface*)>;
constexpr SDL_Color kWhite{255, 255, 255, 255};

Surface ours(const std::string& text, int px = 48) {
  Surface s(render_line_blended(fonts(), text, FontWeight::regular, px, kWhite), SDL_FreeSurface);
  REQUIRE(s);
  REQUIRE(s->format->format == SDL_PIXELFORMAT_ARGB8888);
  return s;
}

// SDL2_ttf as it draws without this layer: left to right, script unknown.
Surface plain(const std::string& text, int px = 48) {
  Surface s(TTF_RenderUTF8_Blended(fonts().font(FontWeight::regular, px), text.c_str(), kWhite), SDL_FreeSurface);
  REQUIRE(s);
  Surface converted(SDL_ConvertSurfaceFormat(s.get(), SDL_PIXELFORMAT_ARGB8888, 0), SDL_FreeSurface);
  REQUIRE(converted);
  return converted;
}

std::uint8_t alpha(const SDL_Surface* s, int x, int y) {
  std::uint32_t pixel;
  std::memcpy(&pixel, static_cast<const std::uint8_t*>(s->pixels) + y * s->pitch + x * 4, 4);
  return static_cast<std::uint8_t>(pixel >> 24);
}

bool same_pixels(const SDL_Surface* a, const SDL_Surface* b) {
  if (a->w != b->w || a->h != b->h) return false;
  for (int y = 0; y < a->h; ++y)
    for (int x = 0; x < a->w; ++x)
      if (alpha(a, x, y) != alpha(b, x, y)) return false;
  return true;
}

// Columns without ink between the first and the last inked one: the gaps
// between letters that do not join.
int blank_columns_inside(const SDL_Surface* s) {
  std::vector<bool> inked(static_cast<std::size_t>(s->w), false);
  for (int y = 0; y < s->h; ++y)
    for (int x = 0; x < s->w; ++x)
      if (alpha(s, x, y) > 32) inked[static_cast<std::size_t>(x)] = true;
  const auto first = std::find(inked.begin(), inked.end(), true);
  const auto last = std::find(inked.rbegin(), inked.rend(), true).base();
  return first < last ? static_cast<int>(std::count(first, last, false)) : 0;
}

int inked_pixels(const SDL_Surface* s) {
  int n = 0;
  for (int y = 0; y < s->h; ++y)
    for (int x = 0; x < s->w; ++x) n += alpha(s, x, y) > 32;
  return n;
}

}  // namespace

TEST_CASE("the kiosk draws an emoji DejaVu lacks with the fallback font") {
  INFO("fallback font: " << fonts().fallback_file() << " (fonts-symbola; scripts/deps installs it)");
  REQUIRE_FALSE(fonts().fallback_file().empty());
  CHECK_FALSE(fonts().provides(FontWeight::regular, U'🚀'));
  CHECK(fonts().fallback_provides(U'🚀'));
  CHECK(fonts().fallback_provides(U'😀'));
  CHECK(fonts().provides(FontWeight::bold, U'ë'));

  const auto runs = fonts().text_runs("Zoë 🚀", FontWeight::bold);
  REQUIRE(runs.size() == 2);
  CHECK(runs[0] == TextRun{"Zoë ", false, false, "Zzzz"});
  CHECK(runs[1] == TextRun{"🚀", true, false, "Zzzz"});
  CHECK(TTF_GlyphIsProvided32(fonts().font(runs[1], FontWeight::bold, 40), U'🚀'));
  // An emoji with its variation selector and a skin tone stays one run.
  const auto thumbs = fonts().text_runs("ok 👍🏽", FontWeight::regular);
  REQUIRE(thumbs.size() == 2);
  CHECK(thumbs[1].fallback);
  CHECK(thumbs[1].text == "👍🏽");

  // Drawn: the rocket, not the empty box DejaVu alone draws.
  const Surface rocket = ours("🚀");
  CHECK(inked_pixels(rocket.get()) > 0);
  CHECK_FALSE(same_pixels(rocket.get(), plain("🚀").get()));
}

TEST_CASE("Hebrew and Arabic runs read right to left, in the sentence's order") {
  CHECK(fonts().text_runs("Ana Silva", FontWeight::regular) == std::vector<TextRun>{{"Ana Silva", false, false, "Zzzz"}});
  CHECK(fonts().text_runs("محمد العتيبي", FontWeight::regular) ==
        std::vector<TextRun>{{"محمد العتيبي", false, true, "Arab"}});
  // The screens speak fr, en and de: a line with a Latin letter reads left to
  // right, the name keeping its place in the sentence.
  CHECK(fonts().text_runs("Welcome, محمد!", FontWeight::bold) ==
        std::vector<TextRun>{{"Welcome, ", false, false, "Zzzz"}, {"محمد", false, true, "Arab"}, {"!", false, false, "Zzzz"}});
  CHECK(fonts().text_runs("נועה is waiting", FontWeight::bold) ==
        std::vector<TextRun>{{"נועה", false, true, "Hebr"}, {" is waiting", false, false, "Zzzz"}});
  // No Latin letter: right to left, the number on the name's left.
  CHECK(fonts().text_runs("נועה 2", FontWeight::regular) ==
        std::vector<TextRun>{{"2", false, false, "Zzzz"}, {"נועה ", false, true, "Hebr"}});

  // The layout's ellipsis after a cut right-to-left name ends that name, on its left.
  CHECK(fonts().text_runs("Table 9 · محمد بن…", FontWeight::regular) ==
        std::vector<TextRun>{{"Table 9 · ", false, false, "Zzzz"}, {"محمد بن…", false, true, "Arab"}});

  // Hebrew letters do not join: right to left is the reversed string drawn
  // left to right, pixel for pixel.
  CHECK(same_pixels(ours("אבג").get(), plain("גבא").get()));
  CHECK_FALSE(same_pixels(ours("אבג").get(), plain("אבג").get()));
}

TEST_CASE("Arabic letters are joined: no gap inside a word") {
  // "Muhammad" shaped: one connected stroke. The same letters unshaped, in
  // visual order, stand apart as isolated forms.
  const Surface joined = ours("محمد");
  const Surface isolated = plain("دمحم");
  CHECK(blank_columns_inside(joined.get()) == 0);
  CHECK(blank_columns_inside(isolated.get()) > 0);
  CHECK(joined->w < isolated->w);
}

TEST_CASE("a line is measured as it is drawn, whatever its runs") {
  TtfTextMeasurer measurer(fonts());
  for (const std::string text : {"Ana Silva", "محمد بن عبد الله العتيبي", "Welcome, محمد!", "נועה כהן-לוי is waiting",
                                 "Zoë Kieffer 🚀", "Café ☕ Labs ★ ✓", "شركة الرياض للتقنية (Riyadh Tech)"})
    for (int px : {14, 40, 120}) {
      INFO(text << " at " << px);
      const TextExtent extent = measurer.measure(text, px, FontWeight::bold);
      const Surface drawn(render_line_blended(fonts(), text, FontWeight::bold, px, kWhite), SDL_FreeSurface);
      REQUIRE(drawn);
      CHECK(drawn->w == extent.width);
      CHECK(drawn->h == extent.height);
    }
}
