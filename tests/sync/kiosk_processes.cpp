#include "kiosk_processes.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <sstream>

#include "print/badge_issue.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"

namespace speedmeet::test {

KioskSetup make_kiosk(const TempDir& dir, const std::string& central, const std::string& name, int port) {
  KioskSetup k;
  k.name = name;
  // As an organizer does it: the token goes straight into a private file
  // (the kiosk refuses a token file other users can read).
  const std::string token_file = dir.file(name + ".token");
  require_ok(run_speedmeet({"device", "add", central, name, "--out", token_file}));
  k.token = read_file(token_file);
  k.token.pop_back();  // the line's end
  k.data = dir.file(name);
  k.config = dir.write(name + ".toml", "device = \"" + name + "\"\ndata = \"" + k.data + "\"\nfullscreen = false\n" +
                                           "[server]\nurl = \"http://127.0.0.1:" + std::to_string(port) +
                                           "\"\ntoken_file = \"" + token_file + "\"\n");
  return k;
}

std::vector<ProcessResult> run_kiosks(const TempDir& dir, const std::vector<KioskRun>& runs) {
  static int wave = 0;
  ++wave;
  std::vector<std::unique_ptr<ChildProcess>> children;
  std::vector<std::string> outs, errs;
  for (const KioskRun& r : runs) {
    const std::string tag = r.kiosk->name + "-" + std::to_string(wave);
    std::vector<std::string> argv{SPEEDMEET_KIOSK_BIN, "--config", r.kiosk->config, "--headless", "--script",
                                  dir.write(tag + ".script", r.script), "--size", "480x270"};
    if (!r.clock.empty()) argv.insert(argv.end(), {"--clock", r.clock});
    argv.insert(argv.end(), r.extra.begin(), r.extra.end());
    outs.push_back(dir.file(tag + ".out"));
    errs.push_back(dir.file(tag + ".err"));
    children.push_back(std::make_unique<ChildProcess>(argv, outs.back(), errs.back()));
  }
  std::vector<ProcessResult> results;
  for (std::size_t i = 0; i < children.size(); ++i) {
    ProcessResult r;
    r.exit_code = children[i]->wait();
    r.out = read_file(outs[i]);
    r.err = read_file(errs[i]);
    results.push_back(std::move(r));
  }
  return results;
}

std::vector<nlohmann::json> json_lines(const ProcessResult& r) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<nlohmann::json> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

std::string badge_of(const std::string& central, const std::string& participant) {
  store::Database c(central, store::OpenMode::read_write);
  store::EventStore events(c);
  const auto record = events.find_participant(participant);
  REQUIRE(record);
  return print::badge_text(print::read_signing_key(c), *events.load_event(), *record);
}

std::vector<std::string> csv_fields(std::string line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, ',');) out.push_back(f);
  return out;
}

}  // namespace speedmeet::test
