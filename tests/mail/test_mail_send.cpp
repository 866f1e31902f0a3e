// `speedmeet mail` end to end with a real SMTP server: what arrives, how a
// mail client reads it, what a refusal, a deferral, a broken connection,
// STARTTLS and AUTH do, and a dry run.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "cli/demo_db.hpp"
#include "mail/mime.hpp"
#include "mail_fixture.hpp"
#include "support/db_dump.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
namespace fs = std::filesystem;

namespace {

const std::string kStructure =
    "multipart/mixed[multipart/alternative[text/plain,multipart/related[text/html,image/png]],application/pdf]";

std::string subject_start(Language language) {
  switch (language) {
    case Language::fr: return "Votre badge et vos rendez-vous \u2013 ";
    case Language::de: return "Ihr Badge und Ihre Termine \u2013 ";
    case Language::en: break;
  }
  return "Your badge and meetings \u2013 ";
}

std::string greeting(Language language) {
  return language == Language::fr ? "Bonjour " : language == Language::de ? "Guten Tag " : "Hello ";
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// The messages check_mail.py read, by recipient address.
std::map<std::string, nlohmann::json> by_address(const std::vector<nlohmann::json>& messages) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& m : messages) out[m["to_address"].get<std::string>()] = m;
  return out;
}

}  // namespace

TEST_CASE("every company and project participant gets one message a mail client reads, with their badge") {
  TempDir dir;
  const std::string db = make_demo_db(dir);
  SmtpSink sink(dir);
  const auto roster = roster_of(db);
  const auto codes = badge_codes(dir, db);

  const auto run = run_mail(db, sink);
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  const auto results = result_lines(run.out);

  std::map<std::string, const Participant*> expected;  // address -> participant
  for (const auto& [id, p] : roster)
    if (p.role != Role::staff) expected[p.email] = &roster.at(id);
  REQUIRE(expected.size() == 48);
  CHECK(results.size() == expected.size());
  for (const auto& [id, line] : results) CHECK(line.result == "sent");
  CHECK(run.out.find("4 staff (name them with --only)") != std::string::npos);
  CHECK(outbox_states(db) == std::map<std::string, int>{{"sent", 48}});

  const auto files = sink.messages();
  REQUIRE(files.size() == expected.size());
  CHECK(sink.connections() == 1);  // the probe and all 48 messages on one connection
  const auto messages = read_messages(sink.folder(), dir.file("parts"));
  const auto received = by_address(messages);
  REQUIRE(received.size() == expected.size());  // one each, nobody twice

  std::vector<std::string> images;
  for (const auto& [address, participant] : expected) {
    INFO(participant->id);
    const auto& m = received.at(address);
    CHECK(m["problems"].empty());
    CHECK(m["structure"] == kStructure);
    CHECK(m["to_name"] == participant->name);
    CHECK(m["from_address"] == kFrom);
    CHECK(m["from_name"] == "Digital Skills Matchmaking");
    CHECK(m["language"] == std::string(to_string(participant->language)));
    CHECK(m["subject"] == subject_start(participant->language) + "Digital Skills Matchmaking");
    CHECK(m["message_id"] == outbox_row(db, participant->id).message_id);
    CHECK(m["text"].get<std::string>().rfind(greeting(participant->language) + participant->name + ",", 0) == 0);
    CHECK(m["html_shows_qr"] == true);
    CHECK(m["agenda_rows"] == 8);  // one row per round
    CHECK(m["pdf_disposition"] == "attachment");
    CHECK(m["pdf_filename"] == "badge-" + participant->id + ".pdf");
    CHECK(m["png_disposition"] == "inline");
    images.push_back(m["png"]);
    images.push_back(render_pdf(m["pdf"], 100));
  }
  // Each badge's QR, inline and in the PDF, read by two independent decoders.
  const auto zbar = zbar_decode(images);
  const auto ours = speedmeet_decode(images);
  for (const auto& [address, participant] : expected) {
    const auto& m = received.at(address);
    const std::string inline_png = m["png"], page = m["pdf"].get<std::string>().substr(0, m["pdf"].get<std::string>().size() - 4) + "-page.png";
    INFO(participant->id);
    CHECK(zbar.at(inline_png) == codes.at(participant->id));
    CHECK(zbar.at(page) == codes.at(participant->id));
    CHECK(ours.at(inline_png) == codes.at(participant->id));
    CHECK(ours.at(page) == codes.at(participant->id));
  }

  // A second run sends nothing.
  const auto again = run_mail(db, sink);
  CHECK(again.exit_code == 0);
  for (const auto& [id, line] : result_lines(again.out)) CHECK(line.result == "already-sent");
  CHECK(sink.messages().size() == files.size());
}

TEST_CASE("staff are mailed only when named with --only; --resend sends a new message") {
  TempDir dir;
  const std::string db = make_demo_db(dir);
  SmtpSink sink(dir);
  const auto roster = roster_of(db);
  {
    const auto first = run_mail(db, sink, {"--only", "C01"});
    REQUIRE(first.exit_code == 0);
  }
  const std::string first_id = outbox_row(db, "C01").message_id;
  {
    const auto staff = run_mail(db, sink, {"--only", "S01"});
    INFO(staff.out << staff.err);
    CHECK(staff.exit_code == 0);
    const auto again = run_mail(db, sink, {"--only", "C01,S01", "--resend"});
    CHECK(again.exit_code == 0);
    CHECK(result_lines(again.out).at("C01").result == "sent");
  }
  const auto after = by_address(read_messages(sink.folder(), dir.file("parts")));
  const auto& s01 = after.at(roster.at("S01").email);
  CHECK(s01["problems"].empty());
  CHECK(s01["agenda_rows"] == 0);  // staff have no meetings
  CHECK(s01["subject"].get<std::string>().rfind("Votre badge \u00e9quipe", 0) == 0);  // S01 reads French
  CHECK(sink.messages().size() == 4);  // C01, S01, then both again
  CHECK(outbox_row(db, "C01").message_id != first_id);
}

TEST_CASE("names and subjects with accents, quotes, scripts and emoji arrive as written") {
  TempDir dir;
  const std::string toml = read_file(source_path("config/demo/event.toml"));
  const std::string demo_name = "name = \"Digital Skills Matchmaking\"";
  const std::string event = dir.write(
      "event.toml", std::string(toml).replace(toml.find(demo_name), demo_name.size(),
                                              "name = \"Rencontres d'Affaires Num\u00e9riques \u2013 \u00c9t\u00e9 2026\""));
  const std::string long_name = "J\u00fcrgen \u00d6d\u00f6n \u00dcnal-\u00c4\u00dfmann von Sch\u00f6nberg und "
                                "Lichtenstein-Hohenzollern-Sigmaringen-Thurn";
  const std::string csv = dir.write(
      "people.csv",
      "id,name,organization,role,language,email,badge_code\n"
      "C01,Zo\u00eb d'Ambrosio-\u0141ukasiewicz,Soci\u00e9t\u00e9 G\u00e9n\u00e9rale & Co,company,fr,zoe@example.org,\n"
      "C02,\"Weber, Anna \"\"Ann\"\"\",M\u00fcller GmbH,company,de,anna@example.org,\n"
      "P01," + long_name + ",Projekt,project,de,juergen@example.org,\n"
      "P02,\u0645\u062d\u0645\u062f \u0627\u0644\u0623\u062d\u0645\u062f,Startup,project,en,m@example.org,\n"
      "P03,Ana \U0001F389 Party =?UTF-8?B?x?=,Emoji Ltd,project,en,ana@example.org,\n");
  const std::string db = dir.file("central.db");
  require_ok(run_speedmeet({"init", db, "--event", event}));
  require_ok(run_speedmeet({"import", db, csv}));
  SmtpSink sink(dir);

  const auto run = run_mail(db, sink);
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  const auto received = by_address(read_messages(sink.folder(), dir.file("parts")));
  REQUIRE(received.size() == 5);
  const std::string event_name = "Rencontres d'Affaires Num\u00e9riques \u2013 \u00c9t\u00e9 2026";
  for (const auto& [id, p] : roster_of(db)) {
    INFO(id);
    const auto& m = received.at(p.email);
    CHECK(m["problems"].empty());
    CHECK(m["to_name"] == p.name);
    CHECK(m["from_name"] == event_name);
    CHECK(m["subject"] == subject_start(p.language) + event_name);
    CHECK(m["text"].get<std::string>().find(p.name) != std::string::npos);
    CHECK(m["html"].get<std::string>().find(mail::html_escape(p.name)) != std::string::npos);
  }
}

TEST_CASE("a refused recipient is reported and never retried; a deferred one is retried, five times at most") {
  TempDir dir;
  const std::string db = make_demo_db(dir, false);
  const auto roster = roster_of(db);
  const std::string refused = roster.at("C02").email, deferred = roster.at("C04").email;
  SmtpSink sink(dir, {"--refuse", refused, "--defer", deferred});
  const std::vector<std::string> only{"--only", "C01,C02,C03,C04", "--report", dir.file("mail.csv")};

  const auto first = run_mail(db, sink, only);
  INFO(first.out << first.err);
  CHECK(first.exit_code == 1);  // not everything went
  auto results = result_lines(first.out);
  CHECK(results.at("C01").result == "sent");
  CHECK(results.at("C02").result == "refused");
  CHECK(results.at("C02").detail.rfind("550 5.1.1", 0) == 0);
  CHECK(results.at("C03").result == "sent");  // the refusal did not stop the run
  CHECK(results.at("C04").result == "deferred");
  CHECK(results.at("C04").detail.rfind("451 4.3.0", 0) == 0);
  const std::string csv = read_file(dir.file("mail.csv"));
  CHECK(csv.find("C02,J\u00e9r\u00f4me Schmit,fr,badge," + refused + ",failed,1,0,0,") != std::string::npos);
  CHECK(csv.find("550 5.1.1") != std::string::npos);
  CHECK(mode_of(dir.file("mail.csv")) == 0600);

  for (int run = 2; run <= 6; ++run) {
    const auto again = run_mail(db, sink, only);
    INFO("run " << run << "\n" << again.out << again.err);
    results = result_lines(again.out);
    CHECK(results.at("C01").result == "already-sent");
    CHECK(results.at("C02").result == "failed-before");
    CHECK(results.at("C04").result == (run < 5 ? "deferred" : run == 5 ? "gave-up" : "failed-before"));
    CHECK(again.exit_code == (run < 6 ? 1 : 0));
  }
  CHECK(sink.rcpt_count(refused) == 1);
  CHECK(sink.rcpt_count(deferred) == 5);
  CHECK(outbox_row(db, "C04").deferrals == 5);
  CHECK(outbox_row(db, "C04").state == "failed");
  CHECK(sink.messages().size() == 2);

  SECTION("an address corrected in participants.csv is tried again") {
    std::string people = read_file(source_path("config/demo/participants.csv"));
    people.replace(people.find(refused), refused.size(), "jerome@example.org");
    require_ok(run_speedmeet({"import", db, dir.write("people.csv", people)}));
    const auto fixed = run_mail(db, sink, only);
    INFO(fixed.out << fixed.err);
    CHECK(result_lines(fixed.out).at("C02").result == "sent");
    CHECK(sink.rcpt_count("jerome@example.org") == 1);
  }
}

TEST_CASE("a connection lost around a message: sent again on a new connection, or by the next run with the same Message-ID") {
  TempDir dir;
  const std::string db = make_demo_db(dir);
  const auto roster = roster_of(db);
  // C02: the connection drops at RCPT, before the message: sent again at once.
  // C04: the server keeps the message and the connection drops before its
  // answer: the run stops, and the next one sends it again, byte for byte.
  SmtpSink sink(dir, {"--drop-at-rcpt", roster.at("C02").email, "--drop-after-data", roster.at("C04").email});
  const std::vector<std::string> only{"--only", "C01,C02,C03,C04,C05"};

  const auto first = run_mail(db, sink, only);
  INFO(first.out << first.err);
  CHECK(first.exit_code == 1);
  auto results = result_lines(first.out);
  CHECK(results.at("C02").result == "sent");
  CHECK(outbox_row(db, "C02").attempts == 2);
  CHECK(results.at("C04").result == "not-sent");
  CHECK(results.at("C05").result == "not-sent");
  CHECK(first.err.find("may have arrived") != std::string::npos);
  CHECK(outbox_row(db, "C04").uncertain == 1);
  CHECK(outbox_row(db, "C04").state == "pending");

  const auto second = run_mail(db, sink, only);
  INFO(second.out << second.err);
  CHECK(second.exit_code == 0);
  results = result_lines(second.out);
  CHECK(results.at("C04").result == "sent");
  CHECK(results.at("C05").result == "sent");

  std::map<std::string, std::vector<std::string>> copies;  // address -> files
  for (const auto& m : read_messages(sink.folder(), dir.file("parts")))
    copies[m["to_address"]].push_back(sink.folder() + "/" + m["file"].get<std::string>());
  CHECK(copies.size() == 5);
  for (const auto& [address, files] : copies) CHECK(files.size() == (address == roster.at("C04").email ? 2u : 1u));
  const auto& twice = copies.at(roster.at("C04").email);
  CHECK(read_file(twice[0]) == read_file(twice[1]));  // a duplicate a mail client recognises
}

TEST_CASE("STARTTLS and AUTH: the password from a file or stdin, never on the command line nor in any output") {
  TempDir dir;
  const std::string db = make_demo_db(dir, false);
  const std::string cert = dir.file("cert.pem"), key = dir.file("key.pem");
  require_ok(run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                          "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                          "subjectAltName=IP:127.0.0.1"}));
  const std::string secret = "c0rrect h0rse \u00e9t\u00e9";
  const std::string server_password = dir.write("server-password", secret + "\n");
  SmtpSink sink(dir, {"--tls", cert, key, "--auth", "organizer", server_password});
  const std::string password_file = dir.write("password", secret + "\n");
  ::chmod(password_file.c_str(), 0600);
  const std::vector<std::string> tls{"--starttls", "--cacert", cert, "--user", "organizer"};
  std::string everything_printed;
  const auto mail = [&](std::vector<std::string> extra, const std::string& input = "") {
    extra.insert(extra.begin(), tls.begin(), tls.end());
    const auto r = run_mail(db, sink, extra, input);
    everything_printed += r.out + r.err;
    return r;
  };

  SECTION("a wrong password: exit 1, nothing sent, outbox unchanged") {
    const std::string before = dump_database(db);
    const auto r = mail({"--only", "C01"}, "not the password\n");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("Login denied") != std::string::npos);
    CHECK(dump_database(db) == before);
  }
  SECTION("an unknown certificate: exit 1") {
    const auto r = run_mail(db, sink, {"--starttls", "--user", "organizer", "--password-file", password_file, "--only", "C01"});
    everything_printed += r.out + r.err;
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("certificate") != std::string::npos);
  }
  SECTION("the right password, from a file and from stdin") {
    const auto from_file = mail({"--password-file", password_file, "--only", "C01,C02"});
    INFO(from_file.out << from_file.err);
    CHECK(from_file.exit_code == 0);
    const auto from_stdin = mail({"--only", "C03"}, secret + "\n");
    INFO(from_stdin.out << from_stdin.err);
    CHECK(from_stdin.exit_code == 0);
    CHECK(sink.messages().size() == 3);
  }
  CHECK(everything_printed.find(secret) == std::string::npos);
  CHECK(everything_printed.find("c0rrect") == std::string::npos);
}

TEST_CASE("--dry-run writes each message as a private .eml file and leaves the outbox alone") {
  TempDir dir;
  const std::string db = make_demo_db(dir);
  const std::string before = dump_database(db);
  const std::string out = dir.file("outbox-preview");
  const auto r = run_speedmeet({"mail", db, "--from", kFrom, "--dry-run", out});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(dump_database(db) == before);
  CHECK(mode_of(out) == 0700);
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    CHECK(mode_of(entry.path().string()) == 0600);
    ++files;
  }
  CHECK(files == 48);
  const auto messages = read_messages(out, dir.file("parts"));
  REQUIRE(messages.size() == 48);
  for (const auto& m : messages) {
    CHECK(m["problems"].empty());
    CHECK(m["structure"] == kStructure);
  }
}
