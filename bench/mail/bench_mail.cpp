// Mailing 1,000 participants (badge PDF, QR image and agenda each) to a real
// SMTP server on 127.0.0.1 (tests/mail/smtp_sink.py, aiosmtpd), over one
// connection, with the outbox's commits — beside the same 1,000 messages
// built but not sent, measured in the same run.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_report.hpp"
#include "mail/mailer.hpp"
#include "mail/message.hpp"
#include "organizer/csv.hpp"
#include "organizer/event_config.hpp"
#include "organizer/event_database.hpp"
#include "organizer/importer.hpp"
#include "print/badge_issue.hpp"
#include "print/badge_render.hpp"
#include "sample_names.hpp"
#include "store/event_store.hpp"

extern char** environ;

using namespace speedmeet;
namespace fs = std::filesystem;

namespace {

constexpr int kCompanies = 500, kProjects = 500, kTables = 250, kRounds = 8;
constexpr const char* kFrom = "badges@example.org";
const char* const kLanguages[] = {"fr", "en", "de"};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_mail: %s\n", what.c_str());
  std::exit(1);
}

std::string id_of(char role, int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%04d", role, i);
  return buf;
}

// 500 companies, 500 project holders, each with an address; 8 rounds of 250
// meetings (company c meets project (7c + 13r) mod 500: nobody twice in a round).
std::string build_event(const std::string& dir) {
  const std::string path = dir + "/central.db";
  const std::string toml = "id = \"bench-mail\"\nname = \"Rencontres Num\u00e9riques de la Grande R\u00e9gion\"\n"
                           "venue = \"Luxexpo The Box, Luxembourg-Kirchberg\"\ntimezone = \"Europe/Luxembourg\"\n"
                           "tables = " + std::to_string(kTables) + "\nstart = 2026-11-27T14:00:00\nrounds = " +
                           std::to_string(kRounds) + "\nround_minutes = 12\nbreak_minutes = 3\n";
  organizer::create_event_database(path, organizer::parse_event_config(toml, "bench/event.toml"));
  auto db = organizer::open_event_database(path);
  std::string people = "id,name,organization,role,language,email,badge_code\n";
  const auto person = [&](const std::string& id, int i, const char* role) {
    people += id + "," + bench::kFirstNames[i % 20] + " " + bench::kLastNames[(i / 20 + i) % 18] + "," +
              bench::kOrganizations[i % 14] + "," + role + "," + kLanguages[i % 3] + "," + id + "@example.org,\n";
  };
  for (int i = 0; i < kCompanies; ++i) person(id_of('C', i), i, "company");
  for (int i = 0; i < kProjects; ++i) person(id_of('P', i), i + 7, "project");
  organizer::import_participants(db, organizer::parse_csv(people, "bench/participants.csv"));
  std::string meetings = "round,table,a,b\n";
  for (int r = 1; r <= kRounds; ++r)
    for (int t = 1; t <= kTables; ++t) {
      const int c = (t - 1) + kTables * ((r - 1) % 2);
      // Appended piece by piece: to_string() + "," trips GCC 12's -Wrestrict at -O2.
      meetings.append(std::to_string(r)).append(",").append(std::to_string(t)).append(",");
      meetings.append(id_of('C', c)).append(",").append(id_of('P', (7 * c + 13 * r) % kProjects)).append("\n");
    }
  organizer::import_meetings(db, organizer::parse_csv(meetings, "bench/meetings.csv"));
  return path;
}

// The SMTP server, a child process killed on scope exit.
class Sink {
 public:
  explicit Sink(const std::string& dir) {
    const std::string port_file = dir + "/sink.port";
    const std::string script = std::string(SPEEDMEET_SOURCE_DIR) + "/tests/mail/smtp_sink.py";
    std::vector<std::string> args{"/usr/bin/python3", script, "--dir", dir + "/received", "--port-file", port_file};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) die("cannot start the SMTP sink");
    for (int i = 0; i < 1000 && !fs::exists(port_file); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::ifstream in(port_file);
    if (!(in >> port_)) die("the SMTP sink did not start (is python3-aiosmtpd installed?)");
  }
  ~Sink() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

struct Setup {
  std::string db_path;
  store::Database db;
  std::vector<store::ParticipantRecord> recipients;
  mail::MessageFactory factory;
};

Setup open_setup(const std::string& db_path) {
  auto db = organizer::open_event_database(db_path);
  store::EventStore events(db);
  auto roster = events.participants();
  mail::MessageFactory factory(*events.load_event(), print::read_signing_key(db), roster, events.meetings(), kFrom);
  return {db_path, std::move(db), roster, std::move(factory)};
}

}  // namespace

int main() {
  const print::FontCacheRelease release_fonts;
  const fs::path dir = fs::temp_directory_path() / "speedmeet-bench-mail";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto setup = open_setup(build_event(dir.string()));
  const int n = static_cast<int>(setup.recipients.size());

  // Baseline 1: every message built (badge PDF, QR PNG, letter, MIME), not sent.
  std::vector<std::string> built;
  built.reserve(setup.recipients.size());
  const auto built_start = bench::Clock::now();
  for (const auto& r : setup.recipients) built.push_back(setup.factory.build(r, mail::new_message_id(kFrom), 1'795'786'028));
  const double built_rate = n / bench::seconds_since(built_start);
  std::size_t bytes = 0;
  for (const auto& m : built) bytes += m.size();

  // Baseline 2: the same bytes sent by the same SMTP session to the same
  // server, without building them and without the outbox.
  Sink sink(dir.string());
  double transfer_rate = 0;
  {
    mail::SmtpSession smtp({.url = sink.url(), .starttls = false, .user = "", .password = "", .ca_file = "",
                            .helo_domain = "localhost"});
    smtp.probe();
    const auto start = bench::Clock::now();
    for (std::size_t i = 0; i < built.size(); ++i)
      if (smtp.send(kFrom, setup.recipients[i].participant.email, built[i], {}).outcome != mail::SendOutcome::accepted)
        die("the SMTP sink refused a message");
    transfer_rate = n / bench::seconds_since(start);
  }

  // The figure: `speedmeet mail`'s path — outbox queued, each message built,
  // marked sending, body done and sent, on one connection.
  mail::SmtpSession smtp({.url = sink.url(), .starttls = false, .user = "", .password = "", .ca_file = "",
                          .helo_domain = "localhost"});
  const auto sent_start = bench::Clock::now();
  const auto report = mail::send_mail(setup.db, setup.factory, smtp, setup.recipients, false, nullptr);
  const double sent_rate = n / bench::seconds_since(sent_start);
  if (report.count(mail::Result::sent) != n) die("not every message was sent: " + report.stopped);

  bench::report("mail: 1,000 participants mailed to a local SMTP server, outbox included (msg/s)",
                bench::fixed(sent_rate, 0), bench::fixed(built_rate, 0) + " built, not sent",
                bench::fixed(sent_rate / built_rate, 2), ">= 17 msg/s (1,000 a minute)");
  bench::report("mail: the same mailing vs SMTP transfer alone of the pre-built messages (msg/s)",
                bench::fixed(sent_rate, 0), bench::fixed(transfer_rate, 0) + " sent, not built, no outbox",
                bench::fixed(sent_rate / transfer_rate, 2), "-");
  bench::report("mail: average message size (KiB)", bench::fixed(static_cast<double>(bytes) / n / 1024.0, 1),
                "-", "-", "< 100 KiB");
  fs::remove_all(dir);
  return 0;
}
