// The renderer: badges drawn on image surfaces decode with ZXing, texts never
// leave their boxes, QR codes stay small, sheets and agendas are laid out as
// promised.
#include <ZXing/ReadBarcode.h>
#include <cairo.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>

#include "badge_fixture.hpp"
#include "print/agenda_sheet.hpp"
#include "print/badge_render.hpp"
#include "print/badge_sheet.hpp"
#include "print/pdf_document.hpp"
#include "print/qr_symbol.hpp"
#include "print/text_layout.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::print;
using namespace speedmeet::test;

namespace {

// Destroyed at exit, after every test and before LeakSanitizer looks.
const FontCacheRelease release_fonts_at_exit;

struct SurfaceDeleter { void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); } };
struct ContextDeleter { void operator()(cairo_t* c) const { cairo_destroy(c); } };
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

constexpr double kBadgeW = 90 * 72 / 25.4, kBadgeH = 55 * 72 / 25.4;  // points

// An image of a badge at dpi, drawn at an offset on a magenta background so
// anything drawn outside the badge shows.
struct Rendered {
  Surface surface;
  int width = 0, height = 0;
  int badge_x = 0, badge_y = 0, badge_w = 0, badge_h = 0;  // pixels
};

Rendered render(const BadgeFace& face, double w_pt, double h_pt, double dpi = 150) {
  const double scale = dpi / 72;
  const int margin = 20;
  Rendered r;
  r.badge_x = r.badge_y = margin;
  r.badge_w = static_cast<int>(w_pt * scale);
  r.badge_h = static_cast<int>(h_pt * scale);
  r.width = r.badge_w + 2 * margin;
  r.height = r.badge_h + 2 * margin;
  r.surface.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, r.width, r.height));
  const Context cr(cairo_create(r.surface.get()));
  cairo_set_source_rgb(cr.get(), 1, 0, 1);
  cairo_paint(cr.get());
  cairo_scale(cr.get(), scale, scale);
  draw_badge(cr.get(), face, margin / scale, margin / scale, r.badge_w / scale, r.badge_h / scale);
  REQUIRE(cairo_status(cr.get()) == CAIRO_STATUS_SUCCESS);
  cairo_surface_flush(r.surface.get());
  return r;
}

std::string decode_qr(const Rendered& r) {
  const auto* data = cairo_image_surface_get_data(r.surface.get());
  const int stride = cairo_image_surface_get_stride(r.surface.get());
  // CAIRO_FORMAT_RGB24 is a native-endian 32-bit xRGB word: B, G, R, x in memory on x86.
  const ZXing::ImageView image(data, r.width, r.height, ZXing::ImageFormat::BGRX, stride);
  const auto result = ZXing::ReadBarcode(image, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
  return result.isValid() ? result.text() : std::string();
}

// Pixels outside the badge rectangle that are no longer magenta.
int pixels_outside(const Rendered& r) {
  const auto* data = cairo_image_surface_get_data(r.surface.get());
  const int stride = cairo_image_surface_get_stride(r.surface.get());
  int stray = 0;
  for (int y = 0; y < r.height; ++y)
    for (int x = 0; x < r.width; ++x) {
      const bool inside = x >= r.badge_x && x < r.badge_x + r.badge_w && y >= r.badge_y && y < r.badge_y + r.badge_h;
      if (inside) continue;
      std::uint32_t pixel;
      std::memcpy(&pixel, data + y * stride + x * 4, 4);
      if ((pixel & 0xFFFFFF) != 0xFF00FF) ++stray;
    }
  return stray;
}

// With the longest id participants.csv allows, in the language with the longest role labels.
BadgeFace face_for(const std::string& name, const std::string& org, Role role, const std::string& code) {
  return {"Digital Skills Matchmaking", name, org, role, code, Language::fr, "Z9-ABCDEFGHIJKLMNOPQRSTUVWXY.0_1"};
}

// Dark pixels in the band around the QR from 1 to 3.5 modules out, where
// ZXing saw the symbol (the quiet zone is 4 modules: nothing may be printed
// there; the tolerances absorb ZXing's corner estimate and anti-aliasing).
int dark_pixels_in_quiet_zone(const Rendered& r, int modules_per_side) {
  const auto* data = cairo_image_surface_get_data(r.surface.get());
  const int stride = cairo_image_surface_get_stride(r.surface.get());
  const ZXing::ImageView image(data, r.width, r.height, ZXing::ImageFormat::BGRX, stride);
  const auto result = ZXing::ReadBarcode(image, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
  REQUIRE(result.isValid());
  const auto& pos = result.position();
  const double left = pos.topLeft().x, top = pos.topLeft().y;
  const double right = pos.bottomRight().x, bottom = pos.bottomRight().y;
  const double module = (right - left) / modules_per_side;
  int dark = 0;
  for (int y = 0; y < r.height; ++y)
    for (int x = 0; x < r.width; ++x) {
      const double out = std::max({left - x, x - right, top - y, y - bottom});  // distance outside the symbol
      if (out < module || out > 3.5 * module) continue;
      std::uint32_t pixel;
      std::memcpy(&pixel, data + y * stride + x * 4, 4);
      dark += (pixel & 0xFF) < 160;  // blue channel: dark text of any colour
    }
  return dark;
}

}  // namespace

TEST_CASE("a rendered badge decodes with ZXing to its code, landscape and portrait") {
  const std::string code = issue_test_badge(7, 2);
  const BadgeFace face = face_for("Léa Muller", "Banque Kirchberg S.A.", Role::company, code);
  CHECK(decode_qr(render(face, kBadgeW, kBadgeH)) == code);
  CHECK(decode_qr(render(face, 105 * 72 / 25.4, 148 * 72 / 25.4, 100)) == code);
  const BadgeFace external = face_for("Sarah O'Connell", "Orbital", Role::staff, "TKT-8F3A-2291");
  CHECK(decode_qr(render(external, kBadgeW, kBadgeH)) == "TKT-8F3A-2291");
  // Outside Latin-1: UTF-8 behind an ECI (this stopped the whole print before the encoders were one).
  const std::string utf8_code = "Zo\u00eb-\u65e5\u672c-7";
  CHECK(decode_qr(render(face_for("Zoë", "Org", Role::company, utf8_code), kBadgeW, kBadgeH)) == utf8_code);
}

TEST_CASE("the role label speaks the wearer's language; the id under the QR leaves its quiet zone clear") {
  for (Role role : {Role::company, Role::project, Role::staff})
    for (Language a : {Language::fr, Language::en, Language::de}) {
      CHECK_FALSE(role_label(role, a).empty());
      for (Language b : {Language::fr, Language::en, Language::de})
        if (a < b) CHECK(role_label(role, a) != role_label(role, b));
    }
  CHECK(role_label(Role::project, Language::fr) == "PORTEUR DE PROJET");
  CHECK(role_label(Role::company, Language::de) == "UNTERNEHMEN");
  CHECK(role_label(Role::staff, Language::en) == "STAFF");

  const std::string code = issue_test_badge(7, 2);
  const int modules = qr::encode_qr(code).size;
  for (Role role : {Role::company, Role::project, Role::staff}) {
    const BadgeFace face = face_for("Maximilian-Alexander Groß-Schönfeld", "Institut Luxembourgeois de Recherche",
                                    role, code);
    const Rendered landscape = render(face, kBadgeW, kBadgeH, 300);
    CHECK(dark_pixels_in_quiet_zone(landscape, modules) == 0);
    const Rendered portrait = render(face, 105 * 72 / 25.4, 148 * 72 / 25.4, 150);
    CHECK(dark_pixels_in_quiet_zone(portrait, modules) == 0);
  }
}

TEST_CASE("the largest SM1 badge fits a version 6 QR code at level M and still decodes at 150 dpi") {
  const std::string largest = issue_test_badge(badge::kMaxNum, badge::kMaxSerial);
  const qr::QrSymbol symbol = qr::encode_qr(largest);
  CHECK(symbol.version() <= 6);
  CHECK(symbol.size == 17 + 4 * symbol.version());
  const Rendered r = render(face_for("A", "B", Role::project, largest), kBadgeW, kBadgeH);
  const auto* data = cairo_image_surface_get_data(r.surface.get());
  const ZXing::ImageView image(data, r.width, r.height, ZXing::ImageFormat::BGRX,
                               cairo_image_surface_get_stride(r.surface.get()));
  const auto result = ZXing::ReadBarcode(image, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
  REQUIRE(result.isValid());
  CHECK(result.text() == largest);
  CHECK(result.ecLevel() == "M");
}

// Winding number of the point (px, py) about the closed polygons (ray to +x).
int winding(const std::vector<std::vector<QrPoint>>& outlines, double px, double py) {
  int w = 0;
  for (const auto& loop : outlines)
    for (std::size_t i = 0; i < loop.size(); ++i) {
      const QrPoint a = loop[i], b = loop[(i + 1) % loop.size()];
      if (a.x != b.x || a.x < px) continue;  // only vertical edges right of the point cross the ray
      if (a.y < py && b.y > py) ++w;        // downwards (y grows)
      if (a.y > py && b.y < py) --w;
    }
  return w;
}

TEST_CASE("QR outlines cover exactly the dark modules, with corners only") {
  for (const std::string& text : {issue_test_badge(7, 2), std::string("TKT-8F3A-2291"), std::string("x")}) {
    const qr::QrSymbol symbol = qr::encode_qr(text);
    const auto outlines = qr_outlines(symbol);
    std::ptrdiff_t corners = 0;
    int bad_corners = 0;
    for (const auto& loop : outlines) {
      REQUIRE(loop.size() >= 4);
      corners += static_cast<std::ptrdiff_t>(loop.size());
      for (std::size_t i = 0; i < loop.size(); ++i) {
        const QrPoint a = loop[i], b = loop[(i + 1) % loop.size()], c = loop[(i + 2) % loop.size()];
        const bool axis_parallel = (a.x == b.x) != (a.y == b.y);  // and not zero-length
        const bool collinear = (a.x == b.x && b.x == c.x) || (a.y == b.y && b.y == c.y);
        bad_corners += !axis_parallel || collinear;
      }
    }
    CHECK(bad_corners == 0);
    int mismatches = 0;
    for (int y = 0; y < symbol.size; ++y)
      for (int x = 0; x < symbol.size; ++x)
        mismatches += winding(outlines, x + 0.5, y + 0.5) != (symbol.at(x, y) ? 1 : 0);
    CHECK(mismatches == 0);
    CHECK(corners < std::count(symbol.dark.begin(), symbol.dark.end(), 1) * 4);
  }
}

TEST_CASE("encode_qr refuses empty text and text too long for any QR code") {
  CHECK_THROWS_AS(qr::encode_qr(""), std::invalid_argument);
  CHECK_THROWS_AS(qr::encode_qr(std::string(8000, 'x')), std::invalid_argument);
  const BadgeFace face = face_for("A", "B", Role::project, std::string(8000, 'x'));
  const Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10));
  const Context cr(cairo_create(surface.get()));
  CHECK_THROWS_AS(draw_badge(cr.get(), face, 0, 0, 100, 60), std::invalid_argument);
}

TEST_CASE("long, odd or broken names never draw outside the badge, and the QR still decodes") {
  const std::string code = issue_test_badge(300, 1);
  const std::vector<std::pair<std::string, std::string>> hostile = {
      {std::string(60, 'W'), std::string(60, 'M')},
      {"Maximilian-Alexander Groß-Schönfeld von Hohenzollern-Sigmaringen", "Institut Luxembourgeois de Recherche"},
      {"Anaïs Éléonore Françoise-Marguerite de la Tour d'Auvergne-Lauraguais", std::string(200, 'x')},
      {"Bad \xff\xfe UTF-8 \xc3", "Control\n\t\x01 characters"},
      {"", ""},
      {"W", "W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W"},
  };
  for (const auto& [name, org] : hostile) {
    INFO(name);
    for (Role role : {Role::company, Role::project, Role::staff}) {
      const Rendered r = render(face_for(name, org, role, code), kBadgeW, kBadgeH);
      CHECK(pixels_outside(r) == 0);
      CHECK(decode_qr(r) == code);
    }
    const Rendered portrait = render(face_for(name, org, Role::project, code), 105 * 72 / 25.4, 148 * 72 / 25.4, 72);
    CHECK(pixels_outside(portrait) == 0);
  }
}

TEST_CASE("fit_text keeps every line inside the box and shrinks only when needed") {
  const Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10));
  const Context cr(cairo_create(surface.get()));
  const TextStyle style{.bold = true, .max_size = 24, .min_size = 8, .max_lines = 3};
  // As draw_text shapes and measures a line.
  const auto measure = [&](const std::string& line, double size) { return text_width(cr.get(), line, style, size); };

  const TextLayout short_name = fit_text(cr.get(), "Léa Muller", style, 300, 100);
  CHECK(short_name.size == 24);
  CHECK(short_name.lines == std::vector<std::string>{"Léa Muller"});

  for (const std::string& text : std::vector<std::string>{"Maximilian-Alexander Groß-Schönfeld von Hohenzollern-Sigmaringen und Veringen",
                                 std::string(60, 'W'), std::string("Ünïcödé ") + std::string(50, 'e')}) {
    INFO(text);
    const TextLayout layout = fit_text(cr.get(), text, style, 120, 60);
    CHECK(layout.size >= style.min_size);
    CHECK(layout.size <= style.max_size);
    CHECK(layout.height <= 60.001);
    CHECK(layout.lines.size() <= 3);
    for (const auto& line : layout.lines) CHECK(measure(line, layout.size) <= 120.5);
  }
  const TextLayout hopeless = fit_text(cr.get(), std::string(500, 'W'), style, 50, 12);  // room for one line
  CHECK(hopeless.truncated);
  REQUIRE(hopeless.lines.size() == 1);
  CHECK(hopeless.lines[0].size() >= 3);
  CHECK(hopeless.lines[0].substr(hopeless.lines[0].size() - 3) == "\u2026");
}

TEST_CASE("sanitize_utf8 keeps good text and repairs the rest") {
  CHECK(sanitize_utf8("Jängi Reuter – Ösling") == "Jängi Reuter – Ösling");
  CHECK(sanitize_utf8("a\xff" "b") == "a\uFFFD" "b");
  CHECK(sanitize_utf8("\xc3") == "\uFFFD");
  CHECK(sanitize_utf8("\xed\xa0\x80") == "\uFFFD\uFFFD\uFFFD");  // surrogate
  CHECK(sanitize_utf8("tab\tnew\nline") == "tab new line");
  CHECK(sanitize_utf8(std::string_view("nul\0here", 8)) == "nul here");
}

TEST_CASE("badge sheets: 8 per A4 page or one per A6 page, written whole or not at all") {
  const TempDir dir;
  std::vector<BadgeFace> faces;
  for (int i = 1; i <= 9; ++i) faces.push_back(face_for("Person " + std::to_string(i), "Org", Role::project, "TKT-" + std::to_string(i)));
  CHECK(write_badge_sheets(dir.file("a4.pdf"), faces, SheetLayout::a4_8) == 2);
  CHECK(write_badge_sheets(dir.file("a6.pdf"), faces, SheetLayout::a6) == 9);
  CHECK(read_file(dir.file("a4.pdf")).rfind("%PDF-", 0) == 0);
  CHECK_THROWS_AS(write_badge_sheets(dir.file("none.pdf"), {}, SheetLayout::a4_8), std::invalid_argument);
  CHECK_THROWS_AS(write_badge_sheets(dir.file("missing/dir/x.pdf"), faces, SheetLayout::a4_8), std::runtime_error);

  // A QR that cannot be encoded stops the sheet: no partial file is left.
  faces[5].qr_text = std::string(8000, 'x');
  CHECK_THROWS(write_badge_sheets(dir.file("broken.pdf"), faces, SheetLayout::a4_8));
  CHECK_FALSE(std::filesystem::exists(dir.file("broken.pdf")));
  std::set<std::string> left;  // no temporary file either
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) left.insert(entry.path().filename());
  CHECK(left == std::set<std::string>{"a4.pdf", "a6.pdf"});

  CHECK(parse_sheet_layout("a4-8") == SheetLayout::a4_8);
  CHECK(parse_sheet_layout("a6") == SheetLayout::a6);
  CHECK_FALSE(parse_sheet_layout("A4"));
}

TEST_CASE("agenda pages: staff excluded, every round listed, partners named, free rounds shown") {
  Event event;
  event.id = "e";
  event.name = "E";
  event.timezone = "Europe/Luxembourg";
  event.plan = {from_unix(1795784400), 3, Minutes{12}, Minutes{3}};  // 2026-11-27 14:00 local
  event.rounds = compute_rounds(event.plan);
  event.tables = {{1, "Alzette"}, {2, ""}};
  const auto record = [](std::string id, std::string name, Role role, Language lang) {
    store::ParticipantRecord r;
    r.participant.id = std::move(id);
    r.participant.name = std::move(name);
    r.participant.organization = "Org of " + r.participant.name;
    r.participant.role = role;
    r.participant.language = lang;
    return r;
  };
  const std::vector<store::ParticipantRecord> records = {
      record("C01", "Léa", Role::company, Language::fr), record("P01", "Anaïs", Role::project, Language::de),
      record("P02", "Luca", Role::project, Language::en), record("S01", "Staff", Role::staff, Language::en)};
  const std::vector<Meeting> meetings = {{0, 1, 1, "C01", "P01"}, {0, 3, 2, "P02", "C01"}};

  const auto pages = build_agenda_pages(event, records, meetings);
  REQUIRE(pages.size() == 3);
  CHECK(pages[0].participant_id == "C01");
  CHECK(pages[0].language == Language::fr);
  REQUIRE(pages[0].lines.size() == 3);
  CHECK(pages[0].lines[0].table == 1);
  CHECK(pages[0].lines[0].table_label == "Alzette");
  CHECK(pages[0].lines[0].partner_name == "Anaïs");
  CHECK(pages[0].lines[0].partner_organization == "Org of Anaïs");
  CHECK_FALSE(pages[0].lines[1].table.has_value());
  CHECK(pages[0].lines[2].partner_name == "Luca");
  CHECK(pages[0].meeting_count() == 2);
  CHECK(pages[2].participant_id == "P02");
  CHECK(pages[2].meeting_count() == 1);
  CHECK(pages[2].lines[2].starts_at == event.rounds[2].starts_at);

  const TempDir dir;
  CHECK(write_agendas(dir.file("agendas.pdf"), event, pages) == 3);
  CHECK_THROWS_AS(write_agendas(dir.file("none.pdf"), event, {}), std::invalid_argument);
}

TEST_CASE("agenda words and dates exist in French, English and German") {
  const auto day = std::chrono::local_days{std::chrono::year{2026} / 11 / 27};
  CHECK(format_long_date(day, Language::en) == "Friday 27 November 2026");
  CHECK(format_long_date(day, Language::fr) == "vendredi 27 novembre 2026");
  CHECK(format_long_date(day, Language::de) == "Freitag, 27. November 2026");
  CHECK(agenda_labels(Language::fr).table == "Table");
  CHECK(agenda_labels(Language::de).table == "Tisch");
  for (Language a : {Language::fr, Language::en, Language::de})
    for (Language b : {Language::fr, Language::en, Language::de}) {
      if (a == b) continue;
      CHECK(agenda_labels(a).title != agenda_labels(b).title);
      CHECK(agenda_labels(a).footer != agenda_labels(b).footer);
      CHECK(agenda_labels(a).no_meeting != agenda_labels(b).no_meeting);
    }
}

TEST_CASE("Arabic and Hebrew names are shaped and read right to left; emoji come from a fallback font") {
  const Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10));
  const Context cr(cairo_create(surface.get()));
  const TextStyle style{.bold = true, .max_size = 24, .min_size = 8};

  // "Salam" (سلام) holds lam-alef, which Arabic writes as one ligature: shaped,
  // 4 letters make 3 glyphs, right to left, none missing. Joined, no letter
  // of "Muhammad" keeps the form it has standing alone.
  const ShapedRun salam = shape_line(cr.get(), "سلام", style, 24);
  CHECK(salam.right_to_left);
  CHECK(salam.right_to_left_runs == 1);
  CHECK(salam.missing_glyphs == 0);
  CHECK(salam.glyphs == 3);
  const ShapedRun muhammad = shape_line(cr.get(), "محمد", style, 24);
  CHECK(muhammad.glyphs == 4);
  for (const std::string letter : {"م", "ح", "د"}) {
    INFO(letter);
    const ShapedRun alone = shape_line(cr.get(), letter, style, 24);
    REQUIRE(alone.glyph_ids.size() == 1);
    CHECK(std::count(muhammad.glyph_ids.begin(), muhammad.glyph_ids.end(), alone.glyph_ids[0]) == 0);
  }

  const ShapedRun hebrew = shape_line(cr.get(), "נועה כהן-לוי", style, 24);
  CHECK(hebrew.right_to_left);
  CHECK(hebrew.missing_glyphs == 0);
  // A Latin name with an Arabic organization in brackets: a left-to-right
  // paragraph with one right-to-left run inside.
  const ShapedRun mixed = shape_line(cr.get(), "Ana Silva (شركة الرياض)", style, 24);
  CHECK_FALSE(mixed.right_to_left);
  CHECK(mixed.right_to_left_runs == 1);

  // Emoji and symbols DejaVu lacks: from the fallback font (fonts-symbola),
  // not empty boxes.
  for (const std::string text : {"Zoë Kieffer 🚀", "Café ☕ Labs ★ ✓", "😀🎉👍"}) {
    INFO(text);
    const ShapedRun run = shape_line(cr.get(), text, style, 24);
    CHECK(run.glyphs > 0);
    CHECK(run.missing_glyphs == 0);
  }
  // A code point no font has is counted as missing (the check can fail).
  CHECK(shape_line(cr.get(), "\U0010FFFD", style, 24).missing_glyphs == 1);
}

TEST_CASE("a right-to-left name starts at the right of a left-aligned box") {
  const int w = 400, h = 60;
  const Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  const auto ink_columns = [&](const std::string& text) {
    const Context cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    draw_fitted_text(cr.get(), text, {.max_size = 30, .min_size = 10}, {0, 0, w, h});
    cairo_surface_flush(surface.get());
    const auto* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    int first = w, last = -1;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        std::uint32_t pixel;
        std::memcpy(&pixel, data + y * stride + x * 4, 4);
        if ((pixel & 0xFF) < 128) first = std::min(first, x), last = std::max(last, x);
      }
    return std::pair{first, last};
  };
  const auto [latin_first, latin_last] = ink_columns("Noa Cohen");
  CHECK(latin_first < 10);
  CHECK(latin_last < w / 2);
  const auto [hebrew_first, hebrew_last] = ink_columns("נועה כהן");
  CHECK(hebrew_first > w / 2);
  CHECK(hebrew_last > w - 10);
}

TEST_CASE("badges with Arabic, Hebrew, emoji and 60-character names keep their QR readable and stay on the card") {
  const std::string code = issue_test_badge(7, 2);
  for (const auto& [name, org] : std::vector<std::pair<std::string, std::string>>{
           {"محمد بن عبد الله العتيبي", "شركة الرياض للتقنية (Riyadh Tech)"},
           {"נועה כהן-לוי", "טכנולוגיות ירושלים בע״מ"},
           {"Zoë Kieffer 🚀", "Café ☕ Labs ★ ✓"},
           {"Maximiliane Alexandra Wolfeschlegelsteinhausen-Bergerdorffer",
            "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaf"}}) {
    INFO(name);
    for (const auto& [w, h] : {std::pair{kBadgeW, kBadgeH}, std::pair{mm(54), mm(86)}}) {
      const Rendered r = render(face_for(name, org, Role::company, code), w, h);
      CHECK(decode_qr(r) == code);
      CHECK(pixels_outside(r) == 0);
    }
  }
}
