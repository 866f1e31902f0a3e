// End to end on the demo event with the real programs: `speedmeet badges` ->
// PDF -> pdftoppm -r 150 PNG pages -> two independent decoders (zbarimg and
// `speedmeet decode`) -> every badge verifies ok for the participant printed
// in its slot; role labels and ids read back as text (pdftotext). Plus agendas
// (one page each, in the participant's language), reissue and revocation, and
// bad usage.
#include <catch2/catch.hpp>

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>

#include "cli/demo_db.hpp"
#include "print/badge_issue.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "support/lines.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
namespace fs = std::filesystem;

namespace {

// posix_spawn does not search PATH; poppler-utils and zbar-tools are listed in scripts/deps.
std::string tool(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && fs::exists(fs::path(dir) / name)) return (fs::path(dir) / name).string();
  FAIL(name << " is not installed");
  return name;
}

int pdf_pages(const std::string& pdf) {
  const auto r = run_process({tool("pdfinfo"), pdf});
  require_ok(r);
  for (const auto& line : lines_of(r.out))
    if (line.rfind("Pages:", 0) == 0) return std::stoi(line.substr(6));
  FAIL("pdfinfo printed no page count");
  return -1;
}

std::string page_text(const std::string& pdf, int page) {
  const auto r = run_process({tool("pdftotext"), "-f", std::to_string(page), "-l", std::to_string(page), pdf, "-"});
  require_ok(r);
  return r.out;
}

// The PNG pages pdftoppm wrote, in page order.
std::vector<std::string> rasterise(const std::string& pdf, const std::string& prefix) {
  require_ok(run_process({tool("pdftoppm"), "-r", "150", "-png", pdf, prefix}));
  std::vector<std::string> pages;
  const fs::path stem = fs::path(prefix).filename();
  for (const auto& entry : fs::directory_iterator(fs::path(prefix).parent_path()))
    if (entry.path().filename().string().rfind(stem.string() + "-", 0) == 0) pages.push_back(entry.path().string());
  std::sort(pages.begin(), pages.end());  // pdftoppm pads page numbers to equal width
  return pages;
}

struct SurfaceDeleter { void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); } };
struct ContextDeleter { void operator()(cairo_t* c) const { cairo_destroy(c); } };
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

// One badge of an A4 x8 page rendered at 150 dpi, cut out along its crop
// marks (slots: 2 columns x 4 rows of 90 x 55 mm, 15 mm and 38.5 mm margins).
// zbar misses about one QR code in a hundred on a whole page of eight (any of
// them decodes alone, whatever the layout), so zbarimg gets each badge on its
// own, as a kiosk camera sees it; speedmeet decode reads whole pages.
std::string crop_a4_slot(const std::string& page_png, std::size_t slot, const std::string& out_png) {
  constexpr double px_per_mm = 150 / 25.4;
  const double x = (15 + static_cast<double>(slot % 2) * 90) * px_per_mm;
  const double y = (38.5 + static_cast<double>(slot / 2) * 55) * px_per_mm;
  const int width = static_cast<int>(90 * px_per_mm), height = static_cast<int>(55 * px_per_mm);
  const Surface page(cairo_image_surface_create_from_png(page_png.c_str()));
  REQUIRE(cairo_surface_status(page.get()) == CAIRO_STATUS_SUCCESS);
  const Surface badge(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  {
    const Context cr(cairo_create(badge.get()));
    cairo_set_source_surface(cr.get(), page.get(), -std::floor(x), -std::floor(y));  // whole pixels: no resampling
    cairo_paint(cr.get());
  }
  REQUIRE(cairo_surface_write_to_png(badge.get(), out_png.c_str()) == CAIRO_STATUS_SUCCESS);
  return out_png;
}

// zbarimg --xml over many files in one run: file -> codes found.
std::map<std::string, std::vector<std::string>> zbar_codes_by_file(const std::vector<std::string>& files) {
  std::vector<std::string> argv{tool("zbarimg"), "-q", "--xml"};
  argv.insert(argv.end(), files.begin(), files.end());
  const auto r = run_process(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::vector<std::string>> found;
  std::string current;
  const std::string source = "<source href='", data = "<![CDATA[";
  for (std::size_t at = 0; at < r.out.size();) {
    const std::size_t next_source = r.out.find(source, at), next_data = r.out.find(data, at);
    if (next_source == std::string::npos && next_data == std::string::npos) break;
    if (next_source < next_data) {
      const std::size_t begin = next_source + source.size();
      current = r.out.substr(begin, r.out.find('\'', begin) - begin);
      found[current];
      at = begin;
    } else {
      const std::size_t begin = next_data + data.size();
      found[current].push_back(r.out.substr(begin, r.out.find("]]>", begin) - begin));
      at = begin;
    }
  }
  return found;
}

// What the central database says about badges: verifier, roster, ids in print order.
struct Central {
  Event event;
  std::vector<store::ParticipantRecord> records;
  std::vector<unsigned char> public_key;
  std::vector<unsigned char> secret_key;

  explicit Central(const std::string& db_path) {
    store::Database db(db_path, store::OpenMode::read_only);
    store::EventStore events(db);
    event = *events.load_event();
    records = events.participants();
    public_key = events.public_key();
    auto st = db.prepare("SELECT secret_key FROM event_secret");
    if (st.step()) secret_key = st.blob(0);
  }
  badge::Verification verify(const std::string& code) const {
    const badge::BadgeVerifier verifier(event.id, public_key);
    return verifier.verify(code, print::badge_roster(records));
  }
};

// Decoded codes -> the participant ids they verify ok for; anything else fails.
std::vector<std::string> verified_ids(const Central& central, const std::vector<std::string>& codes) {
  std::vector<std::string> ids;
  for (const auto& code : codes) {
    const auto v = central.verify(code);
    INFO(code << " -> " << badge::to_string(v.status) << " (" << v.detail << ")");
    CHECK(v.status == badge::BadgeStatus::ok);
    ids.push_back(v.participant_id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::string> ids_on_page(const Central& central, std::size_t page, std::size_t per_page) {
  std::vector<std::string> ids;
  for (std::size_t i = page * per_page; i < std::min(central.records.size(), (page + 1) * per_page); ++i)
    ids.push_back(central.records[i].participant.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

void check_secret_not_in(const Central& central, const ProcessResult& r) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string secret_hex;
  for (unsigned char b : central.secret_key) secret_hex += {hex[b >> 4], hex[b & 15]};
  const std::string secret_b64 = badge::base64url_encode(central.secret_key);
  for (const std::string* out : {&r.out, &r.err}) {
    CHECK(out->find(secret_hex.substr(0, 16)) == std::string::npos);
    CHECK(out->find(secret_b64.substr(0, 16)) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("every badge on every page decodes with zbarimg and speedmeet decode and verifies ok for its participant") {
  const TempDir dir;
  const std::string db = make_demo_db(dir, false);
  const std::string pdf = dir.file("badges.pdf");
  const auto made = run_speedmeet({"badges", db, "--out", pdf});
  require_ok(made);
  const Central central(db);
  REQUIRE(central.records.size() == 52);
  check_secret_not_in(central, made);
  CHECK(pdf_pages(pdf) == 7);

  const auto pages = rasterise(pdf, dir.file("page"));
  REQUIRE(pages.size() == 7);

  {  // zbarimg, an independent decoder, badge by badge
    std::vector<std::string> crops, expected;
    for (std::size_t p = 0; p < pages.size(); ++p)
      for (std::size_t slot = 0; slot < 8 && p * 8 + slot < central.records.size(); ++slot) {
        crops.push_back(crop_a4_slot(pages[p], slot, dir.file("p" + std::to_string(p) + "-s" + std::to_string(slot) + ".png")));
        expected.push_back(central.records[p * 8 + slot].participant.id);
      }
    const auto found = zbar_codes_by_file(crops);
    for (std::size_t i = 0; i < crops.size(); ++i) {
      INFO(crops[i] << " should hold the badge of " << expected[i]);
      const auto it = found.find(crops[i]);
      REQUIRE(it != found.end());
      CHECK(verified_ids(central, it->second) == std::vector<std::string>{expected[i]});
    }
  }
  {  // speedmeet decode: the kiosk's own pipeline
    std::vector<std::string> args{"decode"};
    args.insert(args.end(), pages.begin(), pages.end());
    const auto r = run_speedmeet(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::map<std::string, std::vector<std::string>> codes_by_page;
    for (const auto& line : lines_of(r.out)) {
      const auto tab = line.find('\t');
      REQUIRE(tab != std::string::npos);
      codes_by_page[line.substr(0, tab)].push_back(line.substr(tab + 1));
    }
    for (std::size_t p = 0; p < pages.size(); ++p) {
      INFO(pages[p]);
      CHECK(verified_ids(central, codes_by_page[pages[p]]) == ids_on_page(central, p, 8));
    }
  }
}

TEST_CASE("one A6 page per badge, in the order --only gives; role in the wearer's language, id under the QR") {
  const TempDir dir;
  const std::string db = make_demo_db(dir, false);
  // Every role in every language, and the longest id participants.csv allows.
  const std::string long_id = "Z9-ABCDEFGHIJKLMNOPQRSTUVWXY.0_1";
  REQUIRE(long_id.size() == 32);
  require_ok(run_speedmeet({"import", db, dir.write("extra.csv", "id,name,organization,role,language\n" + long_id +
                                                                   ",Maximilian Groß-Schönfeld,Org,project,de\n")}));
  struct Expected {
    std::string id, label;
  };
  const std::vector<Expected> expected = {
      {"P07", "PORTEUR DE PROJET"}, {"C06", "COMPANY"}, {"S01", "ORGANISATION"},  // --only's order, not the roster's
      {"C01", "ENTREPRISE"},        {"C03", "UNTERNEHMEN"}, {"P02", "PROJECT HOLDER"},
      {"P04", "PROJEKTTRÄGER"},    {"S02", "STAFF"},       {"S03", "TEAM"},
      {long_id, "PROJEKTTRÄGER"}};
  std::string only;
  for (const auto& e : expected) only += (only.empty() ? "" : ",") + e.id;
  const std::string pdf = dir.file("a6.pdf");
  require_ok(run_speedmeet({"badges", db, "--out", pdf, "--layout", "a6", "--only", only}));
  REQUIRE(pdf_pages(pdf) == static_cast<int>(expected.size()));
  const Central central(db);
  const auto pages = rasterise(pdf, dir.file("a6"));
  REQUIRE(pages.size() == expected.size());
  for (std::size_t p = 0; p < pages.size(); ++p) {
    INFO("page " << p + 1 << ": " << expected[p].id);
    const auto r = run_process({tool("zbarimg"), "-q", "--raw", pages[p]});
    CHECK(verified_ids(central, lines_of(r.out)) == std::vector<std::string>{expected[p].id});
    // The label and the id as text: whole, on lines of their own.
    const auto text = lines_of(page_text(pdf, static_cast<int>(p) + 1));
    CHECK(std::count(text.begin(), text.end(), expected[p].label) == 1);
    CHECK(std::count(text.begin(), text.end(), expected[p].id) == 1);
  }
}

TEST_CASE("A4 sheets: every badge's id, even the longest, and role label are printed as text") {
  const TempDir dir;
  const std::string db = make_demo_db(dir, false);
  const std::string long_id = "Z9-ABCDEFGHIJKLMNOPQRSTUVWXY.0_1";
  require_ok(run_speedmeet({"import", db, dir.write("extra.csv", "id,name,organization,role,language\n" + long_id +
                                                                   ",Wim,Org,staff,en\n")}));
  const std::string pdf = dir.file("badges.pdf");
  require_ok(run_speedmeet({"badges", db, "--out", pdf, "--only", "C01,C03,C06,P04,S03," + long_id}));
  const std::string text = page_text(pdf, 1);
  const std::vector<std::string> words = {"C01",        "C03",         "C06",     "P04",           "S03", long_id,
                                          "ENTREPRISE", "UNTERNEHMEN", "COMPANY", "PROJEKTTRÄGER", "TEAM", "STAFF"};
  for (const std::string& word : words) {
    INFO(word);
    CHECK(text.find(word) != std::string::npos);
  }
}

TEST_CASE("agendas: one page per company and project participant, in their language") {
  const TempDir dir;
  const std::string db = make_demo_db(dir);
  const std::string pdf = dir.file("agendas.pdf");
  require_ok(run_speedmeet({"agenda", db, "--out", pdf}));
  CHECK(pdf_pages(pdf) == 48);  // 16 companies + 32 projects; the 4 staff get none

  const std::string some = dir.file("some.pdf");
  require_ok(run_speedmeet({"agenda", db, "--out", some, "--only", "C01,C03,P02"}));
  REQUIRE(pdf_pages(some) == 3);
  const std::string french = page_text(some, 1), german = page_text(some, 2), english = page_text(some, 3);
  CHECK(french.find("Léa Muller") != std::string::npos);
  CHECK(french.find("Vos rendez-vous") != std::string::npos);
  CHECK(french.find("vendredi 27 novembre 2026") != std::string::npos);
  CHECK(french.find("14:00 – 14:12") != std::string::npos);  // local time, Europe/Luxembourg
  CHECK(german.find("Björn Hoffmann") != std::string::npos);
  CHECK(german.find("Ihre Termine") != std::string::npos);
  CHECK(german.find("Tisch 3") != std::string::npos);
  CHECK(german.find("Zoé Lambert") != std::string::npos);  // partner in round 1 of meetings.csv
  CHECK(english.find("Your meetings") != std::string::npos);
  CHECK(english.find("Luca Rossi") != std::string::npos);

  const auto staff = run_speedmeet({"agenda", db, "--out", dir.file("staff.pdf"), "--only", "S01"});
  CHECK(staff.exit_code == 2);
  CHECK(staff.err.find("staff") != std::string::npos);
  CHECK(run_speedmeet({"agenda", db, "--out", dir.file("x.pdf"), "--only", "NOPE"}).exit_code == 2);
  CHECK(run_speedmeet({"agenda", db}).exit_code == 2);
  CHECK_FALSE(fs::exists(dir.file("staff.pdf")));
}

namespace {

// What the participant's QR holds now, as `badges` would print it.
std::string code_of(const std::string& db, const std::string& id) {
  const Central central(db);
  const auto it = std::find_if(central.records.begin(), central.records.end(),
                               [&](const auto& r) { return r.participant.id == id; });
  REQUIRE(it != central.records.end());
  const badge::SigningKey key(central.secret_key);
  return print::badge_text(key, central.event, *it);
}

}  // namespace

TEST_CASE("reissuing a badge revokes the old one; an external code is replaced by an SM1 badge") {
  const TempDir dir;
  const std::string db = make_demo_db(dir, false);

  const std::string old_code = code_of(db, "P01");
  CHECK(Central(db).verify(old_code).status == badge::BadgeStatus::ok);
  const auto r = run_speedmeet({"badges", db, "--reissue", "P01"});
  require_ok(r);
  CHECK(r.out.find("serial 2") != std::string::npos);
  const std::string new_code = code_of(db, "P01");
  CHECK(new_code != old_code);
  CHECK(Central(db).verify(old_code).status == badge::BadgeStatus::revoked);
  CHECK(Central(db).verify(new_code).status == badge::BadgeStatus::ok);
  CHECK(Central(db).verify(new_code).participant_id == "P01");

  // The printed badge carries the new serial.
  const std::string pdf = dir.file("p01.pdf");
  require_ok(run_speedmeet({"badges", db, "--out", pdf, "--only", "P01"}));
  const auto pages = rasterise(pdf, dir.file("p01"));
  REQUIRE(pages.size() == 1);
  CHECK(lines_of(run_process({tool("zbarimg"), "-q", "--raw", pages[0]}).out) == std::vector<std::string>{new_code});

  // C06 holds another ticketing system's code: a reissue refuses it and gives an SM1 badge.
  CHECK(code_of(db, "C06") == "TKT-8F3A-2291");
  const auto external = run_speedmeet({"badges", db, "--reissue", "C06"});
  require_ok(external);
  CHECK(external.out.find("external badge code") != std::string::npos);
  CHECK(external.out.find("TKT-8F3A-2291") == std::string::npos);  // codes are credentials: never echoed
  const std::string c06 = code_of(db, "C06");
  CHECK(c06.rfind("SM1.", 0) == 0);
  CHECK(Central(db).verify(c06).status == badge::BadgeStatus::ok);
  CHECK(Central(db).verify("TKT-8F3A-2291").status == badge::BadgeStatus::revoked);
  CHECK(Central(db).verify("TKT-8F3A-2291").participant_id == "C06");
  CHECK(run_speedmeet({"badges", db, "--reissue", "NOPE"}).exit_code == 2);
}

TEST_CASE("badges revoke: every badge refused, nothing printed for them until --reissue") {
  const TempDir dir;
  const std::string db = make_demo_db(dir, false);
  const std::string p01 = code_of(db, "P01");

  const auto revoked = run_speedmeet({"badges", "revoke", db, "P01"});
  require_ok(revoked);
  CHECK(revoked.out.find("P01: every badge revoked") != std::string::npos);
  CHECK(revoked.out.find("--reissue P01") != std::string::npos);
  CHECK(Central(db).verify(p01).status == badge::BadgeStatus::revoked);
  const std::string unprinted = code_of(db, "P01");  // serial 2: signed, but never printed while revoked

  // Twice: nothing changes, not even the serial.
  const auto again = run_speedmeet({"badges", "revoke", db, "P01"});
  require_ok(again);
  CHECK(again.out.find("already revoked") != std::string::npos);
  CHECK(code_of(db, "P01") == unprinted);

  // Another ticketing system's code is refused too.
  require_ok(run_speedmeet({"badges", "revoke", db, "C06"}));
  CHECK(Central(db).verify("TKT-8F3A-2291").status == badge::BadgeStatus::revoked);

  // A print run leaves them out and says so; naming them is an error.
  const std::string pdf = dir.file("all.pdf"), codes = dir.file("codes.tsv");
  const auto printed = run_speedmeet({"badges", db, "--out", pdf, "--codes", codes});
  require_ok(printed);
  CHECK(printed.out.find("not printed, badge revoked: C06, P01") != std::string::npos);
  CHECK(printed.out.find("50 badges") != std::string::npos);
  const std::string tsv = read_file(codes);
  CHECK(tsv.find("P01\t") == std::string::npos);
  CHECK(tsv.find("C06\t") == std::string::npos);
  CHECK(tsv.find("P02\t") != std::string::npos);
  const auto named = run_speedmeet({"badges", db, "--out", dir.file("p01.pdf"), "--only", "P02,P01"});
  CHECK(named.exit_code == 2);
  CHECK(named.err.find("P01's badge is revoked") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.file("p01.pdf")));

  // --reissue lifts it with a new serial: the revoke's own serial stays refused.
  require_ok(run_speedmeet({"badges", db, "--reissue", "P01", "--out", dir.file("p01.pdf"), "--only", "P01"}));
  const std::string fresh = code_of(db, "P01");
  CHECK(Central(db).verify(fresh).status == badge::BadgeStatus::ok);
  CHECK(Central(db).verify(unprinted).status == badge::BadgeStatus::revoked);
  CHECK(Central(db).verify(p01).status == badge::BadgeStatus::revoked);
  const auto pages = rasterise(dir.file("p01.pdf"), dir.file("p01"));
  REQUIRE(pages.size() == 1);
  CHECK(lines_of(run_process({tool("zbarimg"), "-q", "--raw", pages[0]}).out) == std::vector<std::string>{fresh});
  const auto revoked_again = run_speedmeet({"badges", "revoke", db, "P01"});  // the new badge can be revoked in turn
  require_ok(revoked_again);
  CHECK(revoked_again.out.find("already") == std::string::npos);
  CHECK(Central(db).verify(fresh).status == badge::BadgeStatus::revoked);
}

TEST_CASE("badges revoke: unknown id or bad usage exit 2 with one sentence; a kiosk's copy exits 1") {
  const TempDir dir;
  const std::string db = make_demo_db(dir, false);
  const auto unknown = run_speedmeet({"badges", "revoke", db, "NOPE"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "speedmeet badges revoke: " + db + ": no participant with id \"NOPE\"\n");
  CHECK(unknown.out.empty());
  CHECK(run_speedmeet({"badges", "revoke", db}).exit_code == 2);
  CHECK(run_speedmeet({"badges", "revoke", db, "P01", "P02"}).exit_code == 2);
  CHECK(run_speedmeet({"badges", "revoke", dir.file("missing.db"), "P01"}).exit_code == 2);
  CHECK(run_speedmeet({"help"}).out.find("speedmeet badges revoke DB ID") != std::string::npos);

  {
    store::Database central(db);
    central.exec("DELETE FROM event_secret");  // as in a kiosk's copy
  }
  const auto kiosk_copy = run_speedmeet({"badges", "revoke", db, "P01"});
  CHECK(kiosk_copy.exit_code == 1);
  CHECK(kiosk_copy.err.find("central database") != std::string::npos);
  store::Database copy(db, store::OpenMode::read_only);
  auto serial = copy.prepare("SELECT badge_serial FROM participants WHERE id = 'P01'");
  REQUIRE(serial.step());
  CHECK(serial.int64(0) == 1);
}

TEST_CASE("badges: bad usage exits 2, a database without the signing key exits 1, no file is left") {
  const TempDir dir;
  const std::string db = make_demo_db(dir, false);
  const std::string out = dir.file("b.pdf");
  CHECK(run_speedmeet({"badges", db}).exit_code == 2);
  CHECK(run_speedmeet({"badges", db, "--out", out, "--layout", "a5"}).exit_code == 2);
  CHECK(run_speedmeet({"badges", db, "--out", out, "--only", "P01,NOPE"}).exit_code == 2);
  CHECK(run_speedmeet({"badges", db, "--out", out, "--only", ","}).exit_code == 2);
  CHECK(run_speedmeet({"badges", dir.file("missing.db"), "--out", out}).exit_code == 2);
  CHECK_FALSE(fs::exists(out));

  {
    store::Database central(db);
    central.exec("DELETE FROM event_secret");  // as in a kiosk's copy
  }
  const auto r = run_speedmeet({"badges", db, "--out", out});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("signing key") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}
