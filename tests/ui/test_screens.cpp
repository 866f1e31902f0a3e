// Every screen with the real DejaVu fonts and the real TTF measurer, laid out
// and painted headless at 800×480, 1280×800 and 1920×1080 (and portrait and
// 4K): text fits its box as SDL2_ttf measures and renders it, every glyph
// exists in the font, and the painted pixels match the display list.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "sample_screens.hpp"
#include "screen_checks.hpp"
#include "support/temp_dir.hpp"
#include "ui/layout.hpp"
#include "ui/sdl/sdl_fonts.hpp"
#include "ui/sdl/sdl_headless.hpp"
#include "ui/sdl/sdl_painter.hpp"
#include "ui/strings.hpp"

using namespace speedmeet;
using namespace speedmeet::ui;

namespace {

const std::string kFonts = speedmeet::test::source_path("assets/fonts");

// One font library for the whole run: opening fonts is the slow part.
FontLibrary& fonts() {
  static FontLibrary library(kFonts);
  return library;
}

std::vector<std::uint32_t> code_points(const std::string& s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    out.push_back(cp);
    i += n;
  }
  return out;
}

void require_clean(const DisplayList& list, TextMeasurer& m) {
  const auto problems = ui::test::check_screen(list, m);
  for (const auto& p : problems) UNSCOPED_INFO(p);
  REQUIRE(problems.empty());
}

}  // namespace

TEST_CASE("every screen fits with the real fonts at 800x480, 1280x800 and 1920x1080, 60-character names included") {
  TtfTextMeasurer measurer(fonts());
  const Theme theme;
  for (bool long_names : {false, true}) {
    for (const auto& s : samples::all(long_names)) {
      for (Size size : {Size{800, 480}, Size{1280, 800}, Size{1920, 1080}}) {
        INFO(s.name << (long_names ? " (60-character names)" : "") << " at " << size.w << "x" << size.h);
        const DisplayList list = layout_screen(s.screen, s.context, size, measurer, theme);
        require_clean(list, measurer);

        HeadlessTarget target(size);
        SdlPainter painter(target.renderer(), fonts());
        painter.paint(list);
        target.present();
        // The first rect painted is the top bar: its colour is on screen.
        REQUIRE(target.pixel(1, 1) == list.rects.at(0).color);
      }
    }
  }
}

TEST_CASE("every screen also fits in portrait and at 4K") {
  TtfTextMeasurer measurer(fonts());
  for (const auto& s : samples::all(true))
    for (Size size : {Size{480, 800}, Size{1080, 1920}, Size{3840, 2160}}) {
      INFO(s.name << " at " << size.w << "x" << size.h);
      require_clean(layout_screen(s.screen, s.context, size, measurer, Theme{}), measurer);
    }
}

TEST_CASE("SDL2_ttf renders each text exactly at its measured size") {
  TtfTextMeasurer measurer(fonts());
  for (const auto& s : samples::all(true)) {
    const DisplayList list = layout_screen(s.screen, s.context, {1920, 1080}, measurer, Theme{});
    for (const TextItem& t : list.texts) {
      std::unique_ptr<SDL_Surface, void (*)(SDL_Surface*)> rendered(
          TTF_RenderUTF8_Blended(fonts().font(t.weight, t.px), t.text.c_str(), SDL_Color{255, 255, 255, 255}), SDL_FreeSurface);
      REQUIRE(rendered);
      INFO(t.text);
      REQUIRE(rendered->w == t.width);
      REQUIRE(rendered->h == t.height);
    }
  }
}

TEST_CASE("every character the screens can show exists in both DejaVu fonts") {
  std::set<std::uint32_t> needed;
  for (int k = 0; k < static_cast<int>(Text::count_); ++k)
    for (Language l : {Language::fr, Language::en, Language::de})
      for (std::uint32_t cp : code_points(std::string(text(static_cast<Text>(k), l)))) needed.insert(cp);
  TtfTextMeasurer measurer(fonts());
  for (const auto& s : samples::all(true))
    for (const TextItem& t : layout_screen(s.screen, s.context, {1280, 800}, measurer, Theme{}).texts)
      for (std::uint32_t cp : code_points(t.text)) needed.insert(cp);
  REQUIRE(needed.size() > 100);
  for (std::uint32_t cp : needed) {
    INFO("U+" << std::hex << cp);
    REQUIRE(TTF_GlyphIsProvided32(fonts().font(FontWeight::regular, 20), cp));
    REQUIRE(TTF_GlyphIsProvided32(fonts().font(FontWeight::bold, 20), cp));
  }
}

TEST_CASE("painted screens show the layout's colours where it put them") {
  TtfTextMeasurer measurer(fonts());
  const Theme theme;
  for (const auto& s : samples::all()) {
    const auto* result = std::get_if<kiosk::ResultScreen>(&s.screen);
    if (!result) continue;
    const DisplayList list = layout_screen(s.screen, s.context, {1280, 800}, measurer, theme);
    HeadlessTarget target({1280, 800});
    SdlPainter painter(target.renderer(), fonts());
    painter.paint(list);
    target.present();
    // The tone panel's bottom-left corner carries its colour.
    const Color tone = tone_swatch(theme, kiosk::tone_of(result->decision.outcome)).fill;
    INFO(s.name);
    REQUIRE(target.pixel(2, 797) == tone);
    REQUIRE(target.pixel(1277, 797) == theme.background);
  }
}

TEST_CASE("the painter reuses its textures: a steady screen creates none") {
  TtfTextMeasurer measurer(fonts());
  const auto s = samples::all().front();
  const DisplayList list = layout_screen(s.screen, s.context, {1920, 1080}, measurer, Theme{});
  HeadlessTarget target({1920, 1080});
  SdlPainter painter(target.renderer(), fonts());
  painter.paint(list);
  const std::size_t after_first = painter.cached_textures();
  std::set<std::string> distinct;
  for (const TextItem& t : list.texts) distinct.insert(std::to_string(t.px) + t.text);
  REQUIRE(after_first == distinct.size());
  for (int i = 0; i < 5; ++i) painter.paint(list);
  REQUIRE(painter.cached_textures() == after_first);
}

TEST_CASE("a ticking clock repaints only its own box, to the same pixels as a full repaint") {
  TtfTextMeasurer measurer(fonts());
  auto s = samples::all().front();  // idle: clock and countdown change every second
  HeadlessTarget incremental({1280, 800}), fresh({1280, 800});
  SdlPainter painter(incremental.renderer(), fonts());
  painter.paint(layout_screen(s.screen, s.context, {1280, 800}, measurer, Theme{}));
  REQUIRE(painter.last_repaint() == std::vector<Rect>{{0, 0, 1280, 800}});
  // The new screen went straight to the output; the kept frame catches up once.
  painter.paint(layout_screen(s.screen, s.context, {1280, 800}, measurer, Theme{}));
  REQUIRE(painter.last_repaint() == std::vector<Rect>{{0, 0, 1280, 800}});
  painter.paint(layout_screen(s.screen, s.context, {1280, 800}, measurer, Theme{}));
  REQUIRE(painter.last_repaint().empty());

  s.context.now += std::chrono::minutes{1} + std::chrono::seconds{1};
  const DisplayList later = layout_screen(s.screen, s.context, {1280, 800}, measurer, Theme{});
  painter.paint(later);
  incremental.present();
  REQUIRE(painter.last_repaint().size() == 4);  // clock and countdown, before and after
  SdlPainter other(fresh.renderer(), fonts());
  other.paint(later);
  fresh.present();
  long different = 0;
  for (int y = 0; y < 800; ++y)
    for (int x = 0; x < 1280; ++x) different += !(incremental.pixel(x, y) == fresh.pixel(x, y));
  REQUIRE(different == 0);

  painter.invalidate();
  painter.paint(later);
  REQUIRE(painter.last_repaint() == std::vector<Rect>{{0, 0, 1280, 800}});
}

TEST_CASE("text on a solid colour is pre-composed onto it, to the pixels blending gives") {
  TtfTextMeasurer measurer(fonts());
  const Color bg{0x0E, 0x17, 0x26, 255}, panel{0x17, 0x80, 0x3D, 255}, ink{0xF4, 0xF6, 0xFA, 255};
  DisplayList list;
  list.size = {600, 300};
  list.background = bg;
  list.rects.push_back({{0, 0, 300, 300}, panel, 0});
  list.rects.push_back({{320, 200, 260, 90}, panel, 30});
  auto add = [&](Rect box, const std::string& text, int px, FontWeight weight, Align align) {
    TextItem t;
    t.box = box;
    t.text = text;
    t.px = px;
    t.weight = weight;
    t.color = ink;
    t.align = align;
    const TextExtent e = measurer.measure(text, px, weight);
    t.width = e.width;
    t.height = e.height;
    list.texts.push_back(t);
  };
  add({20, 20, 260, 60}, "Jürgen 7", 40, FontWeight::bold, Align::left);                // on the panel
  add({320, 20, 260, 60}, "Élodie Marchand", 30, FontWeight::regular, Align::right);     // on the background
  add({200, 100, 380, 80}, "Across the edge", 44, FontWeight::bold, Align::center);     // on both: blended
  add({320, 200, 260, 90}, "Rounded", 40, FontWeight::bold, Align::center);             // near round corners
  add({20, 200, 260, 60}, "Jürgen 7", 40, FontWeight::bold, Align::left);                // same text, same ground

  HeadlessTarget target({600, 300});
  SdlPainter painter(target.renderer(), fonts());
  painter.paint(list);
  target.present();

  // The reference: the same rects, then every text blended with SDL_BlitSurface.
  HeadlessTarget reference({600, 300});
  SDL_Surface* ref = reference.surface();
  SDL_FillRect(ref, nullptr, SDL_MapRGB(ref->format, bg.r, bg.g, bg.b));
  SdlPainter rects_only(reference.renderer(), fonts());
  DisplayList shapes = list;
  shapes.texts.clear();
  rects_only.paint(shapes);
  reference.present();
  for (const TextItem& t : list.texts) {
    std::unique_ptr<SDL_Surface, void (*)(SDL_Surface*)> s(
        TTF_RenderUTF8_Blended(fonts().font(t.weight, t.px), t.text.c_str(), SDL_Color{ink.r, ink.g, ink.b, 255}), SDL_FreeSurface);
    REQUIRE(s);
    const int x = t.align == Align::left ? t.box.x : t.align == Align::right ? t.box.right() - s->w : t.box.x + (t.box.w - s->w) / 2;
    SDL_Rect dst{x, t.box.y + (t.box.h - s->h) / 2, s->w, s->h};
    SDL_BlitSurface(s.get(), nullptr, ref, &dst);
  }
  int worst = 0;
  long inked = 0;
  for (int y = 0; y < 300; ++y)
    for (int x = 0; x < 600; ++x) {
      const Color a = target.pixel(x, y), b = reference.pixel(x, y);
      worst = std::max({worst, std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
      inked += b == ink;
    }
  REQUIRE(inked > 1000);
  REQUIRE(worst <= 3);  // rounding of the two ways of mixing one colour into another
  REQUIRE(painter.cached_textures() == 4);  // the repeated text shares its texture
  REQUIRE(painter.cached_opaque_texts() == 3);  // all but the one across the panel's edge
}

TEST_CASE("the text textures stay within a memory budget however many new names are shown") {
  TtfTextMeasurer measurer(fonts());
  const auto& model = samples::find("result-next-partner-waiting");
  HeadlessTarget target({1280, 800});
  SdlPainter painter(target.renderer(), fonts());
  const std::size_t budget = std::size_t{8} << 20;  // the screen's size, but at least 8 MB
  std::size_t most = 0, most_texts = 0;
  for (int i = 0; i < 120; ++i) {  // a scan every few frames: far fewer frames than the age-based eviction needs
    auto screen = std::get<kiosk::ResultScreen>(model.screen);
    screen.decision.participant->name = "Participant Number " + std::to_string(i);
    screen.decision.meeting->partner_name = "Partner Person " + std::to_string(i);
    screen.decision.meeting->table = 1 + i % 40;
    painter.paint(layout_screen(screen, model.context, {1280, 800}, measurer, Theme{}));
    most = std::max(most, painter.cached_text_bytes());
    most_texts = std::max(most_texts, painter.cached_textures());
  }
  INFO("most: " << most << " bytes, " << most_texts << " texts, budget " << budget);
  // The cache keeps earlier screens' texts (the atlas is budget-sized from
  // its first text, so its bytes alone would prove nothing)...
  const std::size_t one_screen = layout_screen(model.screen, model.context, {1280, 800}, measurer, Theme{}).texts.size();
  REQUIRE(most_texts > 2 * one_screen);
  REQUIRE(most <= budget + budget / 2);  // ...within the budget plus one screen's own texts
}

TEST_CASE("on real screens, text on plain grounds is pre-composed, stacked lines included") {
  TtfTextMeasurer measurer(fonts());
  for (const char* name : {"result-next-partner-waiting", "idle", "staff", "board"}) {
    const auto& s = samples::find(name);
    const DisplayList list = layout_screen(s.screen, s.context, {1920, 1080}, measurer, Theme{});
    HeadlessTarget target({1920, 1080});
    SdlPainter painter(target.renderer(), fonts());
    painter.paint(list);
    INFO(name << ": " << painter.cached_opaque_texts() << " of " << painter.cached_textures());
    REQUIRE(painter.cached_opaque_texts() * 10 >= painter.cached_textures() * 8);  // idle: the pill text nears its round ends
  }
}

TEST_CASE("screenshots are small PNGs that read back as painted") {
  speedmeet::test::TempDir dir;
  TtfTextMeasurer measurer(fonts());
  for (const auto& s : samples::all()) {
    if (s.name.rfind("board", 0) != 0 && s.name != "idle" && s.name != "staff-exit-armed-fr") continue;
    const DisplayList list = layout_screen(s.screen, s.context, {1920, 1080}, measurer, Theme{});
    HeadlessTarget target({1920, 1080});
    SdlPainter painter(target.renderer(), fonts());
    painter.paint(list);
    const std::string path = dir.file(s.name + ".png");
    target.save_png(path, true);
    INFO(s.name);
    REQUIRE(std::filesystem::file_size(path) < 150u * 1024);
    std::unique_ptr<SDL_Surface, void (*)(SDL_Surface*)> back(IMG_Load(path.c_str()), SDL_FreeSurface);
    REQUIRE(back);
    REQUIRE(back->w == 1920);
    REQUIRE(back->h == 1080);
    // A flat colour survives the palette exactly.
    std::unique_ptr<SDL_Surface, void (*)(SDL_Surface*)> rgba(SDL_ConvertSurfaceFormat(back.get(), SDL_PIXELFORMAT_ARGB8888, 0),
                                                              SDL_FreeSurface);
    Uint8 r = 0, g = 0, b = 0;
    SDL_GetRGB(static_cast<const Uint32*>(rgba->pixels)[1], rgba->format, &r, &g, &b);
    REQUIRE(Color{r, g, b} == list.rects.at(0).color);
  }
  REQUIRE_THROWS_AS(HeadlessTarget({0, 10}), std::runtime_error);
  HeadlessTarget target({10, 10});
  REQUIRE_THROWS_AS(target.save_png(dir.file("no/such/dir/x.png")), std::runtime_error);
}

TEST_CASE("a missing font directory is reported with the file's name") {
  try {
    FontLibrary missing("/nonexistent/fonts");
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    REQUIRE(std::string(e.what()).find("/nonexistent/fonts/DejaVuSans.ttf") != std::string::npos);
  }
  speedmeet::test::TempDir dir;
  dir.write("DejaVuSans.ttf", "not a font");
  dir.write("DejaVuSans-Bold.ttf", "not a font");
  REQUIRE_THROWS_AS(FontLibrary(dir.path().string()), std::runtime_error);
}

namespace {

// How many pixels of two painted targets of one size differ.
long differing_pixels(HeadlessTarget& a, HeadlessTarget& b) {
  a.present();
  b.present();
  long n = 0;
  for (int y = 0; y < a.size().h; ++y) {
    const auto* ra = static_cast<const std::uint8_t*>(a.surface()->pixels) + static_cast<std::ptrdiff_t>(y) * a.surface()->pitch;
    const auto* rb = static_cast<const std::uint8_t*>(b.surface()->pixels) + static_cast<std::ptrdiff_t>(y) * b.surface()->pitch;
    if (std::memcmp(ra, rb, static_cast<std::size_t>(a.size().w) * 4) == 0) continue;
    for (int x = 0; x < a.size().w; ++x) n += !(a.pixel(x, y) == b.pixel(x, y));
  }
  return n;
}

// What a painter with nothing cached paints for `list`, in `out`.
void paint_fresh(const DisplayList& list, HeadlessTarget& out) {
  SdlPainter fresh(out.renderer(), fonts());
  fresh.paint(list);
}

TextItem text_item(TextMeasurer& m, Rect box, const std::string& text, int px, Color color) {
  TextItem t;
  t.box = box;
  t.text = text;
  t.px = px;
  t.weight = FontWeight::bold;
  t.color = color;
  const TextExtent e = m.measure(text, px, t.weight);
  t.width = e.width;
  t.height = e.height;
  return t;
}

}  // namespace

TEST_CASE("cached text is never shown for another: same size, colours and place, different words") {
  TtfTextMeasurer measurer(fonts());
  const Color bg{0x0E, 0x17, 0x26, 255}, panel{0x17, 0x80, 0x3D, 255}, ink{0xF4, 0xF6, 0xFA, 255};
  auto list_of = [&](const std::string& name) {
    DisplayList list;
    list.size = {640, 240};
    list.background = bg;
    list.rects.push_back({{0, 0, 320, 240}, panel, 0});
    list.texts.push_back(text_item(measurer, {20, 20, 280, 60}, name, 40, ink));             // pre-composed on the panel
    list.texts.push_back(text_item(measurer, {340, 20, 280, 60}, name, 40, ink));            // pre-composed on the background
    list.texts.push_back(text_item(measurer, {200, 140, 240, 60}, name, 40, ink));           // across the edge: blended
    return list;
  };
  HeadlessTarget target({640, 240}), reference({640, 240}), first({640, 240});
  SdlPainter painter(target.renderer(), fonts());
  // Names one letter apart, of one width; then the first again, from the cache.
  const std::vector<std::string> names{"Marc Weber", "Marc Webex", "Marc Weber", "Marc Webex"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    INFO("paint " << i << ": " << names[i]);
    const DisplayList list = list_of(names[i]);
    painter.paint(list);
    paint_fresh(list, reference);
    REQUIRE(differing_pixels(target, reference) == 0);
    painter.paint(list);  // the kept frame catches up: from the cache
    REQUIRE(differing_pixels(target, reference) == 0);
    if (i == 0) paint_fresh(list, first);
    if (i == 1) REQUIRE(differing_pixels(target, first) > 20);
  }
  REQUIRE(painter.cached_textures() == 6);  // two names, each pre-composed on two grounds and blended once
}

TEST_CASE("with a tiny text budget the painter evicts all the time and still paints what a fresh one does") {
  TtfTextMeasurer measurer(fonts());
  const auto& idle = samples::find("idle");
  const auto& result = samples::find("result-next-partner-waiting");
  const Size size{1280, 800};
  const std::size_t budget = std::size_t{1} << 20;  // an atlas of 1280x204: most lines churn, big ones go apart
  HeadlessTarget target(size), reference(size);
  SdlPainter painter(target.renderer(), fonts(), budget);
  auto scan = [&](int i, kiosk::ScreenContext context) {
    auto screen = std::get<kiosk::ResultScreen>(result.screen);
    screen.decision.participant->name = "Participant Nummer " + std::to_string(i);
    screen.decision.meeting->partner_name = "Partnerin Zoë " + std::to_string(i * 7);
    screen.decision.meeting->table = 1 + i % 40;
    screen.decision.partner_waiting = i % 2 == 0;
    return layout_screen(screen, context, size, measurer, Theme{});
  };
  std::size_t most = 0;
  for (int i = 0; i < 24; ++i) {
    kiosk::ScreenContext context = result.context;
    context.now += std::chrono::seconds{i};
    std::vector<DisplayList> frames;
    frames.push_back(layout_screen(idle.screen, context, size, measurer, Theme{}));
    frames.push_back(scan(i, context));
    frames.push_back(scan(i, context));  // the kept frame catches up
    context.now += std::chrono::seconds{61};
    frames.push_back(scan(i, context));  // the clock ticks: a partial repaint
    if (i % 6 == 5) frames.push_back(scan(0, context));  // an early scan again: its texts were evicted long ago
    for (std::size_t f = 0; f < frames.size(); ++f) {
      INFO("scan " << i << ", frame " << f);
      painter.paint(frames[f]);
      paint_fresh(frames[f], reference);
      REQUIRE(differing_pixels(target, reference) == 0);
      most = std::max(most, painter.cached_text_bytes());
    }
  }
  INFO("most: " << most << " bytes");
  // The atlas, a quarter of it for big texts, and one frame's big texts over that.
  REQUIRE(most <= budget + budget / 4 + std::size_t{1280} * 800);
  REQUIRE(painter.cached_textures() < 60);  // far fewer than the texts shown: evicted as it went
}

TEST_CASE("a device reset drops every texture and the next paint is the same picture") {
  TtfTextMeasurer measurer(fonts());
  const auto all = samples::all();
  HeadlessTarget target({1280, 800}), reference({1280, 800});
  SdlPainter painter(target.renderer(), fonts());
  for (const auto& s : all) painter.paint(layout_screen(s.screen, s.context, {1280, 800}, measurer, Theme{}));
  REQUIRE(painter.cached_textures() > 0);
  painter.forget_textures();
  REQUIRE(painter.cached_textures() == 0);
  REQUIRE(painter.cached_text_bytes() == 0);
  for (const char* name : {"board", "result-welcome", "idle"}) {
    const auto& s = samples::find(name);
    const DisplayList list = layout_screen(s.screen, s.context, {1280, 800}, measurer, Theme{});
    INFO(name);
    painter.paint(list);
    REQUIRE(painter.last_repaint() == std::vector<Rect>{{0, 0, 1280, 800}});
    paint_fresh(list, reference);
    REQUIRE(differing_pixels(target, reference) == 0);
  }
}
