#include "mail_fixture.hpp"

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <catch2/catch.hpp>

#include "cli/demo_db.hpp"
#include "mail/outbox.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "support/lines.hpp"

namespace fs = std::filesystem;

namespace speedmeet::test {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, '\t');) cells.push_back(cell);
  return cells;
}

}  // namespace

SmtpSink::SmtpSink(const TempDir& dir, const std::vector<std::string>& options, const std::string& name)
    : folder_(dir.file(name)) {
  const std::string port_file = dir.file(name + ".port");
  std::vector<std::string> argv{kPython, source_path("tests/mail/smtp_sink.py"), "--dir", folder_, "--port-file",
                                port_file};
  argv.insert(argv.end(), options.begin(), options.end());
  process_ = std::make_unique<ChildProcess>(argv, dir.file(name + ".out"), dir.file(name + ".err"));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!fs::exists(port_file)) {
    if (!process_->running() || std::chrono::steady_clock::now() > deadline)
      FAIL("the SMTP sink did not start: " << read_file(dir.file(name + ".err")));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  port_ = std::stoi(read_file(port_file));
}

std::vector<std::string> SmtpSink::messages() const {
  std::vector<std::string> files;
  if (!fs::exists(folder_)) return files;
  for (const auto& entry : fs::directory_iterator(folder_))
    if (entry.path().extension() == ".eml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());  // numbered in arrival order
  return files;
}

std::vector<nlohmann::json> SmtpSink::log() const {
  std::vector<nlohmann::json> entries;
  const std::string path = folder_ + "/log.jsonl";
  if (!fs::exists(path)) return entries;
  for (const auto& line : lines_of(read_file(path))) entries.push_back(nlohmann::json::parse(line));
  return entries;
}

int SmtpSink::rcpt_count(const std::string& address) const {
  int n = 0;
  for (const auto& e : log()) n += e["event"] == "rcpt" && e["address"] == address ? 1 : 0;
  return n;
}

int SmtpSink::connections() const {
  int n = 0;
  for (const auto& e : log()) n += e["event"] == "connect" ? 1 : 0;
  return n;
}

void SmtpSink::stop() {
  process_->kill(SIGKILL);
  process_->wait();
}

std::vector<nlohmann::json> read_messages(const std::string& folder, const std::string& out) {
  const auto r = run_process({kPython, source_path("tests/mail/check_mail.py"), folder, out});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<nlohmann::json> messages;
  for (const auto& line : lines_of(r.out)) messages.push_back(nlohmann::json::parse(line));
  return messages;
}

ProcessResult run_mail(const std::string& db, const SmtpSink& sink, const std::vector<std::string>& extra,
                       const std::string& input) {
  std::vector<std::string> argv{SPEEDMEET_BIN, "mail", db, "--from", kFrom, "--smtp", sink.url()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run_process(argv, input);
}

std::map<std::string, Participant> roster_of(const std::string& db) {
  store::Database database(db, store::OpenMode::read_only);
  std::map<std::string, Participant> out;
  for (const auto& r : store::EventStore(database).participants()) out[r.participant.id] = r.participant;
  return out;
}

std::map<std::string, std::string> badge_codes(const TempDir& dir, const std::string& db) {
  const std::string tsv = dir.file("codes.tsv");
  require_ok(run_speedmeet({"badges", db, "--codes", tsv}));
  std::map<std::string, std::string> codes;
  for (const auto& line : lines_of(read_file(tsv))) {
    const auto cells = split_tabs(line);
    REQUIRE(cells.size() == 2);
    codes[cells[0]] = cells[1];
  }
  return codes;
}

std::map<std::string, ResultLine> result_lines(const std::string& out) {
  std::map<std::string, ResultLine> results;
  for (const auto& line : lines_of(out)) {
    if (line.rfind("mail:", 0) == 0) continue;  // the summary
    const auto cells = split_tabs(line);
    REQUIRE(cells.size() >= 3);
    results[cells[0]] = {cells[1], cells[2], cells.size() > 3 ? cells[3] : ""};
  }
  return results;
}

std::map<std::string, std::string> zbar_decode(const std::vector<std::string>& images) {
  std::vector<std::string> argv{"/usr/bin/zbarimg", "--xml", "-q"};
  argv.insert(argv.end(), images.begin(), images.end());
  const auto r = run_process(argv);  // exit 4 when some image has no code: the map says which
  std::map<std::string, std::string> found;
  for (const auto& image : images) found[image] = "";
  const std::string& xml = r.out;
  for (std::size_t at = xml.find("<source href='"); at != std::string::npos;
       at = xml.find("<source href='", at + 1)) {
    const std::size_t start = at + 14;
    const std::string path = xml.substr(start, xml.find('\'', start) - start);
    const std::size_t next = xml.find("<source href='", start);
    const std::size_t data = xml.find("<![CDATA[", start);
    if (data == std::string::npos || (next != std::string::npos && data > next)) continue;
    found[path] = xml.substr(data + 9, xml.find("]]>", data) - data - 9);
  }
  return found;
}

std::map<std::string, std::string> speedmeet_decode(const std::vector<std::string>& images) {
  std::vector<std::string> args{"decode"};
  args.insert(args.end(), images.begin(), images.end());
  const auto r = run_speedmeet(args);
  std::map<std::string, std::string> found;
  for (const auto& line : lines_of(r.out)) {
    const auto cells = split_tabs(line);
    if (cells.size() == 2) found[cells[0]] = cells[1] == "-" ? "" : cells[1];
  }
  return found;
}

std::string render_pdf(const std::string& pdf, int dpi) {
  const std::string prefix = pdf.substr(0, pdf.size() - 4) + "-page";
  require_ok(run_process({"/usr/bin/pdftoppm", "-r", std::to_string(dpi), "-png", "-singlefile", pdf, prefix}));
  return prefix + ".png";
}

std::map<std::string, int> outbox_states(const std::string& db) {
  store::Database database(db, store::OpenMode::read_only);
  std::map<std::string, int> states;
  auto st = database.prepare("SELECT state, count(*) FROM mail_outbox GROUP BY state");
  while (st.step()) states[st.text(0)] = st.integer(1);
  return states;
}

OutboxCounters outbox_row(const std::string& db, const std::string& participant_id) {
  store::Database database(db, store::OpenMode::read_only);
  const auto row = mail::Outbox(database).find(participant_id, mail::kBadgeKind);
  REQUIRE(row);
  return {mail::to_string(row->state), row->message_id, row->attempts, row->deferrals, row->uncertain};
}

}  // namespace speedmeet::test
