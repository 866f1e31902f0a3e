// The kiosk's receipt printer: the agenda slip's ESC/POS bytes, and the
// writer thread against stand-ins for the device (a file, a FIFO nobody
// reads, a FIFO that is full, a path that does not exist). A print never
// blocks the caller and a failure is counted, never thrown.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/kiosk_config.hpp"
#include "app/receipt_printer.hpp"
#include "app/receipt_slip.hpp"
#include "checkin/kiosk_fixture.hpp"
#include "domain/input_error.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;
using namespace std::chrono_literals;

namespace {

const std::string kInit = "\x1b@";
const std::string kCodePage = std::string("\x1bt\x10");
const std::string kCut = std::string("\x1dV\x42\x03");
const std::string kDouble = std::string("\x1d!\x11");
const std::string kNormal = std::string("\x1d!\x00", 3);

bool has(const std::string& bytes, const std::string& part) { return bytes.find(part) != std::string::npos; }

Participant person_of(const KioskData& data, const std::string& id) { return *data.participant(id); }

}  // namespace

TEST_CASE("agenda slip: reset and code page, the name in double size, each meeting's time, table and partner, then a cut") {
  const test::KioskFixture f;
  const KioskData data = f.data();
  // Rounds at 09:00, 09:15 and 09:30 in Luxembourg (t0 is 08:00 UTC in January).
  const std::string slip = agenda_slip(data, person_of(data, "P1"), f.t0 - Minutes{10});
  CHECK(slip.rfind(kInit + kCodePage, 0) == 0);
  CHECK(slip.size() > kCut.size());
  CHECK(slip.substr(slip.size() - kCut.size()) == kCut);
  CHECK(has(slip, "Test Matchmaking\n"));
  CHECK(has(slip, kDouble + "Ana Muller\n" + kNormal));
  CHECK(has(slip, "Org P1\n"));
  CHECK(has(slip, "Your meetings\n"));
  CHECK(has(slip, "09:00 Table 2 Moselle\n"));
  CHECK(has(slip, "      with Marc Weber\n      Org C1\n"));
  CHECK(has(slip, "09:30 Table 1 Alzette\n"));
  CHECK(has(slip, "      with Lea Schmit\n"));
  CHECK(slip.find("09:00") < slip.find("09:30"));
  CHECK(has(slip, "\nP1\n"));
  SECTION("meetings that have ended are left out") {
    const std::string later = agenda_slip(data, person_of(data, "P1"), f.t0 + Minutes{11});
    CHECK_FALSE(has(later, "Marc Weber"));
    CHECK(has(later, "09:30 Table 1 Alzette\n"));
  }
  SECTION("no meetings: see the desk") {
    CHECK(has(agenda_slip(data, person_of(data, "P3"), f.t0), "No meetings scheduled: please see the help\ndesk\n"));
  }
}

TEST_CASE("agenda slip: in the person's language, accents in the printer's code page, lines wrapped to the roll") {
  const test::KioskFixture f;
  const KioskData data = f.data();
  Participant elodie = person_of(data, "P1");
  elodie.name = "Élodie Marchal-Groß de la Très Longue Famille";
  elodie.language = Language::fr;
  const std::string slip = agenda_slip(data, elodie, f.t0 - Minutes{10}, 32);
  CHECK(has(slip, "Vos rendez-vous\n"));
  CHECK(has(slip, "      avec Marc Weber\n"));
  CHECK(has(slip, kDouble + "\xC9lodie\nMarchal-Gro\xDF" + " de\nla Tr\xE8s Longue\nFamille\n" + kNormal));  // 16 a line
  for (std::size_t at = 0, end; (end = slip.find('\n', at)) != std::string::npos; at = end + 1) {
    std::string line = slip.substr(at, end - at);
    for (const std::string& command : {kInit, kCodePage, kDouble, kNormal}) {
      if (const auto c = line.find(command); c != std::string::npos) line.erase(c, command.size());
    }
    INFO(line);
    CHECK(line.size() <= 32 + 6);  // style commands (ESC a / ESC E) add at most 6 bytes
  }
  elodie.language = Language::de;
  CHECK(has(agenda_slip(data, elodie, f.t0), "Ihre Termine\n"));
  CHECK(has(agenda_slip(data, elodie, f.t0), "Tisch 2 Moselle\n"));
}

TEST_CASE("to_wpc1252: Latin-1 as it is, Windows-1252's extras mapped, anything else a question mark") {
  CHECK(to_wpc1252("Groß café") == "Gro\xDF caf\xE9");
  CHECK(to_wpc1252("12 €, “quoted” – Œuvre") == "12 \x80, \x93quoted\x94 \x96 \x8Cuvre");
  CHECK(to_wpc1252("Ωmega 😀") == "?mega ?");
  CHECK(to_wpc1252(std::string("bad \xFF byte")) == "bad ? byte");
}

TEST_CASE("receipt printer: slips reach the device file in order; print() only queues") {
  const test::TempDir dir;
  const std::string device = dir.write("lp0", "");  // a file standing in for /dev/usb/lp0
  ReceiptPrinter printer({.device = device});
  CHECK(printer.print("first slip\n"));
  CHECK(printer.print("second slip\n"));
  REQUIRE(printer.wait_idle(10s));
  CHECK(test::read_file(device) == "first slip\nsecond slip\n");
  CHECK(printer.status().printed == 2);
  CHECK(printer.status().failed == 0);
}

TEST_CASE("receipt printer: a missing device, or a FIFO nobody reads, fails the slip and nothing else") {
  const test::TempDir dir;
  SECTION("missing") {
    ReceiptPrinter printer({.device = dir.file("no-printer")});
    CHECK(printer.print("slip"));
    REQUIRE(printer.wait_idle(10s));
    CHECK(printer.status().failed == 1);
    CHECK(printer.status().last_error.find("cannot open " + dir.file("no-printer")) == 0);
    CHECK_FALSE(std::filesystem::exists(dir.file("no-printer")));  // never created
  }
  SECTION("a FIFO without a reader (a printer switched off)") {
    REQUIRE(::mkfifo(dir.file("fifo").c_str(), 0600) == 0);
    ReceiptPrinter printer({.device = dir.file("fifo")});
    CHECK(printer.print("slip"));
    REQUIRE(printer.wait_idle(10s));
    CHECK(printer.status().failed == 1);
    CHECK(printer.status().printed == 0);
  }
}

TEST_CASE("receipt printer: a device that takes nothing times out, and slips beyond the queue are dropped") {
  const test::TempDir dir;
  const std::string fifo = dir.file("stuck");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // A reader that never reads, and the pipe filled up: the printer is stuck.
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  REQUIRE(reader >= 0);
  const int filler = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
  REQUIRE(filler >= 0);
  const std::string block(4096, 'x');
  while (::write(filler, block.data(), block.size()) > 0) {
  }
  {
    ReceiptPrinter printer({.device = fifo, .write_timeout = 200ms, .max_queued = 1, .drain_on_stop = 0ms});
    CHECK(printer.print("slip one"));
    printer.print("slip two");
    CHECK_FALSE(printer.print("slip three"));  // one written, one queued at most: no room
    REQUIRE(printer.wait_idle(10s));
    const auto status = printer.status();
    CHECK(status.failed >= 1);
    CHECK(status.printed == 0);
    CHECK(status.dropped >= 1);
    CHECK(status.last_error.find("took only 0 of") != std::string::npos);
  }
  ::close(filler);
  ::close(reader);
}

TEST_CASE("kiosk.toml [printer]: the device next to the file, columns in range, a device required") {
  const auto c = parse_kiosk_config("[printer]\ndevice = \"slips/lp0\"\ncolumns = 48\n", "/etc/speedmeet/kiosk.toml");
  CHECK(c.printer.device == "/etc/speedmeet/slips/lp0");
  CHECK(c.printer.columns == 48);
  CHECK(parse_kiosk_config("", "k.toml").printer.device.empty());
  CHECK_THROWS_WITH(parse_kiosk_config("[printer]\ncolumns = 42\n", "k.toml"),
                    Catch::Contains("k.toml: field \"printer.device\": is required in [printer]"));
  CHECK_THROWS_WITH(parse_kiosk_config("[printer]\ndevice = \"/dev/usb/lp0\"\ncolumns = 300\n", "k.toml"),
                    Catch::Contains("k.toml:3: field \"printer.columns\": must be in 24..64"));
  CHECK_THROWS_WITH(parse_kiosk_config("[printer]\ndevice = \"/dev/usb/lp0\"\nqueue = \"x\"\n", "k.toml"),
                    Catch::Contains("field \"printer.queue\": unknown key"));
}
