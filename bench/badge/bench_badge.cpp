// Badge verification rate beside raw Ed25519 verification of the same
// badges, and badge-sheet PDF generation for 1,000 participants beside cairo
// drawing the same grid of plain rectangles and names.
#include <cairo-pdf.h>
#include <sodium.h>

#include <unistd.h>

#include <array>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "badge/badge_code.hpp"
#include "badge/badge_verifier.hpp"
#include "bench_report.hpp"
#include "print/badge_sheet.hpp"
#include "qr/qr_encoder.hpp"

using namespace speedmeet;
namespace fs = std::filesystem;

namespace {

constexpr int kBadges = 2000;        // distinct codes verified per pass
constexpr int kPasses = 5;           // interleaved; the best pass of each side counts
constexpr int kParticipants = 1000;  // badge sheet size
constexpr const char* kEventId = "bench-event";

struct Keys {
  std::array<unsigned char, badge::kPublicKeyBytes> pk{};
  std::array<unsigned char, badge::kSecretKeyBytes> sk{};
};

double cpu_seconds_since(std::clock_t start) {
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "bench_badge: %s\n", what);
  std::exit(1);
}

// speedmeet's path: parse, event tag, signature, roster lookup.
double verifier_rate(const badge::BadgeVerifier& verifier, const badge::MemoryRoster& roster,
                     const std::vector<std::string>& codes) {
  const auto start = bench::Clock::now();
  int ok = 0;
  for (const auto& code : codes) ok += verifier.verify(code, roster).status == badge::BadgeStatus::ok;
  const double rate = static_cast<double>(codes.size()) / bench::seconds_since(start);
  if (ok != static_cast<int>(codes.size())) die("a badge failed to verify");
  return rate;
}

// The floor: libsodium alone on the same signed bytes, already decoded.
double raw_rate(const std::vector<badge::ParsedBadge>& parsed, const Keys& keys) {
  const auto start = bench::Clock::now();
  int ok = 0;
  for (const auto& p : parsed)
    ok += crypto_sign_verify_detached(p.signature.data(), p.signed_message.data(), p.signed_size, keys.pk.data()) == 0;
  const double rate = static_cast<double>(parsed.size()) / bench::seconds_since(start);
  if (ok != static_cast<int>(parsed.size())) die("a raw signature failed to verify");
  return rate;
}

void bench_verification(const Keys& keys) {
  const badge::SigningKey key(keys.sk);
  const badge::BadgeVerifier verifier(kEventId, keys.pk);
  badge::MemoryRoster roster;
  std::vector<std::string> codes;
  std::vector<badge::ParsedBadge> parsed;
  for (int num = 1; num <= kBadges; ++num) {
    std::string id = "P";  // not "P" + to_string(): GCC 12 -Wrestrict false positive at -O2
    id += std::to_string(num);
    roster.add(static_cast<std::uint32_t>(num), std::move(id), 1);
    codes.push_back(badge::issue_badge(key, kEventId, num, 1));
    parsed.push_back(*badge::parse_badge(codes.back()));
  }
  double best_verifier = 0, best_raw = 0;
  for (int pass = 0; pass < kPasses; ++pass) {
    best_verifier = std::max(best_verifier, verifier_rate(verifier, roster, codes));
    best_raw = std::max(best_raw, raw_rate(parsed, keys));
  }
  bench::report("badge verifications/s (parse + tag + Ed25519 + roster)", bench::fixed(best_verifier, 0),
                bench::fixed(best_raw, 0) + " raw crypto_sign_verify_detached/s", bench::fixed(best_verifier / best_raw),
                ">= 0.90");
}

std::vector<print::BadgeFace> sample_faces(const Keys& keys) {
  static const std::array<const char*, 8> first{"Léa", "Jérôme", "Björn", "Chloé", "Günther", "Anaïs", "Zoé", "Maximilian"};
  static const std::array<const char*, 7> last{"Muller", "Schmit", "Hoffmann", "Kieffer-Weber", "Groß",
                                               "de la Tour d'Auvergne-Lauraguais", "Da Silva"};
  static const std::array<const char*, 5> orgs{"Banque Kirchberg S.A.", "Müller & Söhne Logistik GmbH",
                                               "Institut Luxembourgeois de Recherche et d'Innovation", "SolarMesh",
                                               "Lëtzebuerger Digital Sàrl"};
  const badge::SigningKey key(keys.sk);
  std::vector<print::BadgeFace> faces;
  for (int i = 0; i < kParticipants; ++i) {
    const std::string name = std::string(first[i % first.size()]) + " " + last[(i / 3) % last.size()];
    faces.push_back({"Digital Skills Matchmaking", name, orgs[(i / 2) % orgs.size()], static_cast<Role>(i % 3),
                     badge::issue_badge(key, kEventId, i + 1, 1), static_cast<Language>(i % 3),
                     "P" + std::to_string(i + 1)});
  }
  return faces;
}

// Baseline: the same A4 grid of 90 x 55 mm badges, each a plain coloured
// rectangle with the name in one line of DejaVu Sans; no QR, no fitting.
double plain_pdf_seconds(const std::string& path, const std::vector<print::BadgeFace>& faces) {
  const auto start = bench::Clock::now();
  const double pt = 72 / 25.4;
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), 210 * pt, 297 * pt);
  cairo_t* cr = cairo_create(surface);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, 20);
  for (std::size_t i = 0; i < faces.size(); ++i) {
    if (i > 0 && i % 8 == 0) cairo_show_page(cr);
    const double x = (15 + static_cast<double>(i % 2) * 90) * pt, y = (38.5 + static_cast<double>(i % 8 / 2) * 55) * pt;
    cairo_set_source_rgb(cr, 0.12, 0.37, 0.66);
    cairo_rectangle(cr, x, y, 90 * pt, 9 * pt);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, x + 10, y + 60);
    cairo_show_text(cr, faces[i].name.c_str());
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const bool failed = cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(surface);
  if (failed) die("cairo could not write the baseline PDF");
  return bench::seconds_since(start);
}

void bench_pdf(const Keys& keys) {
  const fs::path dir = fs::temp_directory_path() / ("speedmeet-bench-badge-" + std::to_string(::getpid()));
  fs::create_directories(dir);

  // Measured: what `speedmeet badges` does after reading the roster: sign
  // every code, encode every QR, lay out and write the PDF.
  // CPU time beside wall time: on a shared machine the wall clock also
  // counts other people's work.
  const auto start = bench::Clock::now();
  const std::clock_t cpu_start = std::clock();
  const auto faces = sample_faces(keys);
  const int pages = print::write_badge_sheets((dir / "badges.pdf").string(), faces, print::SheetLayout::a4_8);
  const double full = bench::seconds_since(start);
  const double full_cpu = cpu_seconds_since(cpu_start);
  if (pages != kParticipants / 8) die("unexpected page count");
  const std::clock_t plain_cpu_start = std::clock();
  const double plain = plain_pdf_seconds((dir / "plain.pdf").string(), faces);
  const double plain_cpu = cpu_seconds_since(plain_cpu_start);

  const auto qr_start = bench::Clock::now();
  std::size_t modules = 0;
  for (const auto& f : faces) modules += qr::encode_qr(f.qr_text).dark.size();
  const double qr = bench::seconds_since(qr_start);
  if (modules == 0) die("no QR modules");

  bench::report("badge PDF, 1000 participants, A4 x8 (s)", bench::fixed(full, 3),
                bench::fixed(plain, 3) + " s plain rect+name PDF, same grid", bench::fixed(full / plain), "<= 5 s");
  bench::report("badge PDF, 1000 participants, A4 x8 (CPU s)", bench::fixed(full_cpu, 3),
                bench::fixed(plain_cpu, 3) + " CPU s plain rect+name PDF", bench::fixed(full_cpu / plain_cpu), "<= 5 s");
  bench::report("  of which ZXing QR encoding of 1000 codes (s)", bench::fixed(qr, 3),
                bench::fixed(full, 3) + " s whole badge PDF", bench::fixed(qr / full), "-");
  fs::remove_all(dir);
}

}  // namespace

int main() {
  if (sodium_init() < 0) die("libsodium failed to initialise");
  Keys keys;
  crypto_sign_keypair(keys.pk.data(), keys.sk.data());
  bench_verification(keys);
  bench_pdf(keys);
  sodium_memzero(keys.sk.data(), keys.sk.size());
  return 0;
}
