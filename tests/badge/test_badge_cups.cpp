// Badges through a real CUPS: the test starts its own `cupsd` (its own
// folder, socket and configuration, never the system's scheduler) with
// cups-pdf queues whose PDFs land in the test's folder, then prints with the
// real `speedmeet badges --print` and `speedmeet walk-in --print`. Each PDF
// must have the page size of its layout (pdfinfo) and its QR codes must
// decode (pdftoppm, `speedmeet decode`) to the badges printed.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "cli/demo_db.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/lines.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Debian paths (cups, cups-client, printer-driver-cups-pdf, poppler-utils).
constexpr const char* kCupsd = "/usr/sbin/cupsd";
constexpr const char* kLpadmin = "/usr/sbin/lpadmin";
constexpr const char* kCupsReject = "/usr/sbin/cupsreject";
constexpr const char* kLpstat = "/usr/bin/lpstat";
constexpr const char* kCupsPdfBackend = "/usr/lib/cups/backend/cups-pdf";

// A page size in PostScript points, as a PPD and pdfinfo write them.
struct Paper {
  const char* ppd_name;
  const char* label;
  double width_pt, height_pt;
};
constexpr Paper kPapers[] = {
    {"A4", "A4", 595.28, 841.89},
    {"A6", "A6", 297.64, 419.53},
    {"Letter", "US Letter", 612, 792},
    {"w176h283", "62 x 100 mm", 175.75, 283.46},
    {"w153h244", "54 x 86 mm", 153.07, 243.78},
};

// A PostScript printer's PPD (what cups-pdf takes) offering the desks'
// papers, `default_paper` by default: CUPS tells clients it as media-default.
std::string ppd(const std::string& default_paper) {
  std::ostringstream p;
  p << "*PPD-Adobe: \"4.3\"\n*FormatVersion: \"4.3\"\n*FileVersion: \"1.0\"\n*LanguageVersion: English\n"
       "*LanguageEncoding: ISOLatin1\n*PCFileName: \"SMTEST.PPD\"\n*Manufacturer: \"speedmeet\"\n"
       "*Product: \"(speedmeet test)\"\n*ModelName: \"speedmeet test label printer\"\n"
       "*ShortNickName: \"speedmeet test\"\n*NickName: \"speedmeet test label printer\"\n"
       "*PSVersion: \"(3010.000) 0\"\n*LanguageLevel: \"3\"\n*ColorDevice: True\n*DefaultColorSpace: RGB\n"
       "*FileSystem: False\n*Throughput: \"1\"\n*TTRasterizer: Type42\n";
  for (const char* keyword : {"PageSize", "PageRegion"}) {
    p << "*OpenUI *" << keyword << ": PickOne\n*OrderDependency: 10 AnySetup *" << keyword << "\n*Default" << keyword
      << ": " << default_paper << "\n";
    for (const Paper& paper : kPapers)
      p << "*" << keyword << " " << paper.ppd_name << "/" << paper.label << ": \"<</PageSize[" << paper.width_pt << " "
        << paper.height_pt << "]/ImagingBBox null>>setpagedevice\"\n";
    p << "*CloseUI: *" << keyword << "\n";
  }
  p << "*DefaultImageableArea: " << default_paper << "\n";
  for (const Paper& paper : kPapers)
    p << "*ImageableArea " << paper.ppd_name << "/" << paper.label << ": \"0 0 " << paper.width_pt << " "
      << paper.height_pt << "\"\n";
  p << "*DefaultPaperDimension: " << default_paper << "\n";
  for (const Paper& paper : kPapers)
    p << "*PaperDimension " << paper.ppd_name << "/" << paper.label << ": \"" << paper.width_pt << " "
      << paper.height_pt << "\"\n";
  return p.str();
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

// Why cupsd cannot run here, or empty when it can: it must run as root to
// hand jobs to the cups-pdf backend (mode 0700, root's).
std::string why_no_cups() {
  if (geteuid() != 0) return "the cups-pdf backend runs only under a cupsd started by root";
  for (const char* path : {kCupsd, kLpadmin, kLpstat, kCupsPdfBackend, "/usr/bin/gs"})
    if (!fs::exists(path)) return std::string(path) + " is missing (scripts/deps installs cups and printer-driver-cups-pdf)";
  return {};
}

// A scheduler of our own. cups-pdf reads its settings only from
// /etc/cups/cups-pdf-NAME.conf for a queue whose device is cups-pdf:/NAME:
// the one file this test writes outside its folder, named after the
// process, removed at the end.
class CupsServer {
 public:
  explicit CupsServer(const TempDir& dir)
      : root_(dir.path() / "cups"),
        tag_("speedmeet-test-" + std::to_string(getpid())),
        cups_pdf_conf_("/etc/cups/cups-pdf-" + tag_ + ".conf") {
    for (const char* sub : {"", "root", "root/ppd", "state", "cache", "spool", "log", "out", "gstmp"})
      fs::create_directories(root_ / sub);
    // Filters run as lp: they read the queue's PPD under this folder.
    for (const fs::path& p : {dir.path(), root_, root_ / "root", root_ / "root/ppd"}) ::chmod(p.c_str(), 0755);
    write(root_ / "cupsd.conf", "Listen " + socket() + "\nLogLevel warn\nBrowsing No\nWebInterface No\n"
                                "DefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                                "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n");
    write(root_ / "cups-files.conf", "ServerRoot " + (root_ / "root").string() + "\nStateDir " +
                                         (root_ / "state").string() + "\nCacheDir " + (root_ / "cache").string() +
                                         "\nRequestRoot " + (root_ / "spool").string() +
                                         "\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\nAccessLog " +
                                         (root_ / "log/access_log").string() + "\nErrorLog " +
                                         (root_ / "log/error_log").string() + "\nPageLog " +
                                         (root_ / "log/page_log").string() + "\nUser lp\nGroup lp\nSystemGroup root\n");
    write(cups_pdf_conf_, "Out " + out().string() + "\nSpool " + (root_ / "cups-pdf-spool").string() + "\nLog " +
                              (root_ / "log").string() + "\nGSTmp " + (root_ / "gstmp").string() +
                              "\nGrp lp\nLabel 2\n");
    ::setenv("CUPS_SERVER", socket().c_str(), 1);  // for lpadmin, lpstat and speedmeet
    cupsd_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{kCupsd, "-f", "-c", (root_ / "cupsd.conf").string(), "-s",
                                 (root_ / "cups-files.conf").string()},
        (root_ / "log/cupsd.out").string(), (root_ / "log/cupsd.err").string());
  }

  ~CupsServer() {
    if (cupsd_ && cupsd_->running()) {
      cupsd_->kill(SIGTERM);
      cupsd_->wait();
    }
    std::error_code ignored;
    fs::remove(cups_pdf_conf_, ignored);
    ::unsetenv("CUPS_SERVER");
  }

  std::string socket() const { return (root_ / "cups.sock").string(); }
  fs::path out() const { return root_ / "out"; }

  // Whether the scheduler answers within 10 s; else why not.
  std::string wait_ready() {
    for (auto until = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < until;) {
      if (!cupsd_->running()) return "cupsd exited: " + read(root_ / "log/cupsd.err") + read(root_ / "log/error_log");
      if (run_process({kLpstat, "-r"}).out.find("is running") != std::string::npos) return {};
      std::this_thread::sleep_for(100ms);
    }
    return "cupsd did not answer within 10 s";
  }

  // A cups-pdf queue whose paper is `default_paper` (a PPD name).
  void add_queue(const std::string& name, const std::string& default_paper) {
    const fs::path file = root_ / (name + ".ppd");
    write(file, ppd(default_paper));
    require_ok(run_process({kLpadmin, "-p", name, "-E", "-v", "cups-pdf:/" + tag_, "-P", file.string()}));
  }

  // The PDF cups-pdf made of the job (named "...-job_ID.pdf"), once the job
  // has completed; fails after 60 s.
  fs::path wait_for_job(const std::string& queue, int job) {
    const std::string marker = "job_" + std::to_string(job) + ".pdf";
    for (auto until = std::chrono::steady_clock::now() + 60s; std::chrono::steady_clock::now() < until;) {
      const bool pending = run_process({kLpstat, "-o", queue}).out.find(queue + "-" + std::to_string(job) + " ") !=
                           std::string::npos;
      if (!pending)
        for (const auto& entry : fs::directory_iterator(out()))
          if (entry.path().filename().string().ends_with(marker)) return entry.path();
      std::this_thread::sleep_for(200ms);
    }
    FAIL("job " << job << " on " << queue << " left no PDF in " << out() << "\n" << read(root_ / "log/error_log"));
    return {};
  }

 private:
  static std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path root_;
  std::string tag_;
  std::string cups_pdf_conf_;
  std::unique_ptr<ChildProcess> cupsd_;
};

// The job id in "QUEUE: job 12, ..." (the last line of the command's output).
int job_id(const ProcessResult& r, const std::string& queue) {
  for (const std::string& line : lines_of(r.out))
    if (line.rfind(queue + ": job ", 0) == 0) return std::stoi(line.substr(queue.size() + 6));
  FAIL("no job reported in: " << r.out);
  return 0;
}

struct PdfFacts {
  int pages = 0;
  double width_pt = 0, height_pt = 0;
};
PdfFacts pdf_facts(const fs::path& pdf) {
  const auto r = run_process({"/usr/bin/pdfinfo", pdf.string()});
  require_ok(r);
  PdfFacts facts;
  for (const std::string& line : lines_of(r.out)) {
    if (line.rfind("Pages:", 0) == 0) facts.pages = std::stoi(line.substr(6));
    if (line.rfind("Page size:", 0) == 0) std::istringstream(line.substr(10)) >> facts.width_pt;
    if (const auto x = line.find(" x "); line.rfind("Page size:", 0) == 0 && x != std::string::npos)
      std::istringstream(line.substr(x + 3)) >> facts.height_pt;
  }
  return facts;
}

// What `speedmeet decode` reads on each page rendered at 150 dpi, in order.
std::vector<std::string> decoded(const fs::path& pdf, const TempDir& dir) {
  const std::string prefix = dir.file("page-" + pdf.stem().string());
  require_ok(run_process({"/usr/bin/pdftoppm", "-r", "150", "-png", pdf.string(), prefix}));
  std::vector<std::string> pages;
  for (const auto& entry : fs::directory_iterator(dir.path()))
    if (entry.path().string().rfind(prefix + "-", 0) == 0) pages.push_back(entry.path().string());
  std::sort(pages.begin(), pages.end());
  std::vector<std::string> args = {"decode"};
  args.insert(args.end(), pages.begin(), pages.end());
  const auto r = run_speedmeet(args);
  require_ok(r);
  std::vector<std::string> codes;
  for (const std::string& line : lines_of(r.out)) codes.push_back(line.substr(line.find('\t') + 1));
  return codes;
}

// The badge codes `speedmeet badges --codes` writes, by participant.
std::map<std::string, std::string> codes_of(const std::string& db, const std::string& only, const TempDir& dir) {
  const std::string file = dir.file("codes-" + only + ".tsv");
  require_ok(run_speedmeet({"badges", db, "--codes", file, "--only", only}));
  std::map<std::string, std::string> codes;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) codes[line.substr(0, line.find('\t'))] = line.substr(line.find('\t') + 1);
  return codes;
}

void check_size(const PdfFacts& facts, double width_mm, double height_mm) {
  CHECK(std::abs(facts.width_pt - width_mm * 72 / 25.4) < 0.5);
  CHECK(std::abs(facts.height_pt - height_mm * 72 / 25.4) < 0.5);
}

std::int64_t participant_count(const std::string& db) {
  const auto r = run_process({"/usr/bin/sqlite3", db, "SELECT count(*) FROM participants"});
  require_ok(r);
  return std::stoll(r.out);
}

}  // namespace

TEST_CASE("badges and a walk-in's badge printed through a real CUPS land as PDFs of their layout whose QR codes decode") {
  if (const std::string why = why_no_cups(); !why.empty()) {
    WARN("skipped: CUPS cannot run here: " << why);
    return;
  }
  TempDir dir;
  const std::string db = make_demo_db(dir);
  CupsServer cups(dir);
  const std::string not_ready = cups.wait_ready();
  REQUIRE(not_ready.empty());  // root with the packages installed: cupsd must start
  cups.add_queue("labels", "w176h283");
  cups.add_queue("a6desk", "A6");
  cups.add_queue("letter", "Letter");

  SECTION("the layout is the queue's paper: 62 x 100 mm labels, one badge a label") {
    const auto r = run_speedmeet({"badges", db, "--print", "labels", "--only", "C01,P07"});
    require_ok(r);
    CHECK(r.out.find("labels: job ") != std::string::npos);
    CHECK(r.out.find(", 2 badges on 2 pages (label-62x100)") != std::string::npos);
    const fs::path pdf = cups.wait_for_job("labels", job_id(r, "labels"));
    const PdfFacts facts = pdf_facts(pdf);
    CHECK(facts.pages == 2);
    check_size(facts, 62, 100);
    const auto codes = codes_of(db, "C01,P07", dir);
    CHECK(decoded(pdf, dir) == std::vector<std::string>{codes.at("C01"), codes.at("P07")});
  }

  SECTION("an A6 queue prints A6; --layout overrides the queue's paper (54 x 86 mm on the A6 queue)") {
    const auto a6 = run_speedmeet({"badges", db, "--print", "a6desk", "--only", "S01"});
    require_ok(a6);
    CHECK(a6.out.find("(a6)") != std::string::npos);
    const auto card = run_speedmeet({"badges", db, "--print", "a6desk", "--only", "P12", "--layout", "label-54x86"});
    require_ok(card);
    CHECK(card.out.find("(label-54x86)") != std::string::npos);
    const fs::path a6_pdf = cups.wait_for_job("a6desk", job_id(a6, "a6desk"));
    const fs::path card_pdf = cups.wait_for_job("a6desk", job_id(card, "a6desk"));
    check_size(pdf_facts(a6_pdf), 105, 148);
    check_size(pdf_facts(card_pdf), 54, 86);
    CHECK(decoded(card_pdf, dir) == std::vector<std::string>{codes_of(db, "P12", dir).at("P12")});
  }

  SECTION("a walk-in printed on the label queue: their new badge, 62 x 100 mm") {
    const auto r = run_speedmeet({"walk-in", db, "--name", "Zoé Walker", "--organization", "Walk-In Robotics",
                                  "--role", "company", "--language", "fr", "--at", "2026-11-27T14:20", "--print",
                                  "labels"});
    require_ok(r);
    CHECK(r.out.rfind("W01: Zoé Walker (Walk-In Robotics), company, fr, badge serial 1\n", 0) == 0);
    const fs::path pdf = cups.wait_for_job("labels", job_id(r, "labels"));
    const PdfFacts facts = pdf_facts(pdf);
    CHECK(facts.pages == 1);
    check_size(facts, 62, 100);
    const auto code = codes_of(db, "W01", dir).at("W01");
    CHECK(code.rfind("SM1.", 0) == 0);
    CHECK(decoded(pdf, dir) == std::vector<std::string>{code});
  }

  SECTION("a missing or refusing queue: one sentence, exit 1, nobody added; paper without a layout: exit 2") {
    const std::int64_t people = participant_count(db);
    const auto missing = run_speedmeet({"walk-in", db, "--name", "Nobody", "--role", "project", "--language", "en",
                                        "--print", "no-such-queue"});
    CHECK(missing.exit_code == 1);
    CHECK(missing.err == "speedmeet walk-in: there is no print queue \"no-such-queue\" on the CUPS scheduler at " +
                             cups.socket() + " (lpstat -e lists them)\n");
    require_ok(run_process({kCupsReject, "labels"}));
    const auto refused = run_speedmeet({"badges", db, "--print", "labels", "--only", "C01"});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err == "speedmeet badges: print queue \"labels\" is not accepting jobs (cupsaccept labels reopens it)\n");
    const auto letter = run_speedmeet({"walk-in", db, "--name", "Nobody", "--role", "project", "--language", "en",
                                       "--print", "letter"});
    CHECK(letter.exit_code == 2);
    CHECK(letter.err.rfind("speedmeet walk-in: print queue \"letter\" holds na_letter_8.5x11in paper (215.9 x 279.4 mm), "
                           "for which there is no badge layout; choose one with --layout "
                           "a4-8|a6|label-62x100|label-54x86\n", 0) == 0);
    CHECK(participant_count(db) == people);
  }
}
