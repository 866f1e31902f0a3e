// mail: each participant's badge and agenda by e-mail, each sent once
// (docs/MAIL.md). Chooses who, reads the password, prints the results; the
// outbox and SMTP are in sync/central/mail.
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "cli/args.hpp"
#include "commands.hpp"
#include "no_echo.hpp"
#include "domain/input_error.hpp"
#include "files/private_file.hpp"
#include "mail/mailer.hpp"
#include "mail/mime.hpp"
#include "mail/outbox.hpp"
#include "organizer/event_database.hpp"
#include "print/badge_issue.hpp"
#include "print/badge_render.hpp"
#include "store/event_store.hpp"

namespace speedmeet::cli {
namespace {

constexpr std::size_t kMaxPasswordBytes = 4096;

// A password that wipes itself.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string text) : text_(std::move(text)) {}
  ~Secret() { sodium_memzero(text_.data(), text_.size()); }
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

std::string first_line(std::string text) {
  const std::size_t end = text.find_first_of("\r\n");
  std::string line = text.substr(0, end);
  sodium_memzero(text.data(), text.size());
  return line;
}

std::string read_password_stdin(const std::string& user) {
  std::string text;
  if (isatty(STDIN_FILENO)) {
    std::cerr << "SMTP password for " << user << ": " << std::flush;
    const NoEcho quiet;
    std::getline(std::cin, text);
    std::cerr << "\n";
  } else {
    char c = 0;
    while (text.size() <= kMaxPasswordBytes && std::cin.get(c) && c != '\n') text += c;
  }
  if (text.size() > kMaxPasswordBytes) {
    sodium_memzero(text.data(), text.size());
    throw UsageError("the password on stdin is longer than " + std::to_string(kMaxPasswordBytes) + " bytes");
  }
  return first_line(std::move(text));
}

std::string read_password_file(const std::string& path) {
  if (files::permissions_for_others(path) != 0)
    throw UsageError("--password-file " + path + " can be read by other users; chmod 600 " + path);
  try {
    return first_line(files::read_file_bounded(path, kMaxPasswordBytes));
  } catch (const files::TooLarge&) {
    throw UsageError("--password-file " + path + " is larger than " + std::to_string(kMaxPasswordBytes) + " bytes");
  }
}

struct Selection {
  std::vector<store::ParticipantRecord> recipients;
  int without_address = 0;  // companies and projects with no e-mail address
  int staff = 0;            // staff with an address, not mailed unless named
  int revoked = 0;          // badge revoked, no new one yet: nothing to send
};

// Companies and projects with an address, in roster order; --only names
// anyone (staff included), in the order given, and each must have one.
// Nobody whose badge is revoked (speedmeet badges revoke) gets one mailed.
Selection choose(const std::vector<store::ParticipantRecord>& roster, const std::optional<std::string>& only,
                 const std::set<std::string>& revoked) {
  Selection s;
  if (only) {
    std::set<std::string> seen;
    for (const auto& id : participant_id_list(*only)) {
      if (!seen.insert(id).second) continue;
      const auto it = std::find_if(roster.begin(), roster.end(), [&](const auto& r) { return r.participant.id == id; });
      if (it == roster.end()) throw UsageError("--only: no participant with id \"" + id + "\"");
      if (it->participant.email.empty()) throw UsageError("--only: " + id + " has no e-mail address");
      if (revoked.contains(id))
        throw UsageError("--only: " + id + "'s badge is revoked; reissue it first (speedmeet badges DB --reissue " + id + ")");
      s.recipients.push_back(*it);
    }
    return s;
  }
  for (const auto& r : roster) {
    if (r.participant.email.empty())
      s.without_address += r.participant.role == Role::staff ? 0 : 1;
    else if (r.participant.role == Role::staff)
      ++s.staff;
    else if (revoked.contains(r.participant.id))
      ++s.revoked;
    else
      s.recipients.push_back(r);
  }
  if (s.recipients.empty())
    throw UsageError("no company or project participant has an e-mail address; add them to participants.csv");
  return s;
}

mail::SmtpConfig smtp_config(const Args& args) {
  mail::SmtpConfig config;
  config.url = args.required("--smtp");
  try {
    mail::check_smtp_url(config.url);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  config.starttls = args.flag("--starttls");
  config.ca_file = args.option("--cacert").value_or("");
  if (!config.ca_file.empty() && !std::filesystem::is_regular_file(config.ca_file))
    throw UsageError("--cacert " + config.ca_file + ": no such file");
  if (config.starttls && config.url.rfind("smtps://", 0) == 0)
    throw UsageError("--starttls is for smtp://; smtps:// is TLS from the start");
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) == 0) {
    const std::string name(host);
    if (!name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") ==
                             std::string::npos)
      config.helo_domain = name;
  }
  if (const auto user = args.option("--user")) {
    if (user->empty() || user->size() > 256) throw UsageError("--user needs a user name (at most 256 bytes)");
    const bool encrypted = config.starttls || config.url.rfind("smtps://", 0) == 0;
    if (!encrypted && !mail::is_loopback_host(config.url))
      throw UsageError("--user would send the password unencrypted; add --starttls or use smtps://");
    config.user = *user;
  } else if (args.option("--password-file")) {
    throw UsageError("--password-file goes with --user");
  }
  return config;
}

void print_message(const mail::MessageReport& m) {
  std::cout << m.participant_id << '\t' << m.address << '\t' << mail::to_string(m.result) << '\t' << m.detail << '\n'
            << std::flush;
}

void print_summary(const mail::RunReport& report, const Selection& selection, bool dry_run) {
  using mail::Result;
  std::cout << "mail: " << report.messages.size() << " participants: ";
  if (dry_run) {
    std::cout << report.count(Result::written) << " written";
  } else {
    std::cout << report.count(Result::sent) << " sent, " << report.count(Result::refused) << " refused, "
              << report.count(Result::deferred) << " deferred, " << report.count(Result::gave_up) << " given up, "
              << report.count(Result::not_sent) << " not sent";
  }
  std::cout << ", " << report.count(Result::unusable) << " unusable; earlier runs: "
            << report.count(Result::already_sent) << " sent, " << report.count(Result::failed_before) << " failed\n";
  if (report.recovered > 0)
    std::cout << "mail: " << report.recovered << " message(s) interrupted by an earlier run, "
              << report.recovered_uncertain
              << " of them after the whole message had left (sent again with the same Message-ID)\n";
  if (selection.without_address > 0 || selection.staff > 0 || selection.revoked > 0)
    std::cout << "mail: not mailed: " << selection.without_address << " without an e-mail address, " << selection.staff
              << " staff (name them with --only), " << selection.revoked << " with a revoked badge\n";
}

// Asks for the password (file or stdin) and opens the SMTP session with it;
// every copy speedmeet holds is wiped once libcurl has its own.
void open_session(mail::SmtpConfig& config, const Args& args, std::optional<mail::SmtpSession>& session) {
  const Secret password(config.user.empty()                ? std::string{}
                        : args.option("--password-file") ? read_password_file(*args.option("--password-file"))
                                                         : read_password_stdin(config.user));
  if (!config.user.empty() && password.text().empty()) throw UsageError("the SMTP password is empty");
  config.password = password.text();
  try {
    session.emplace(config);
  } catch (...) {
    sodium_memzero(config.password.data(), config.password.size());
    throw;
  }
  sodium_memzero(config.password.data(), config.password.size());
}

// 0 when every message of this run went (or had gone); 1 when one was
// refused, deferred, given up or unusable, or the run stopped.
int exit_code(const mail::RunReport& report) {
  using mail::Result;
  const int failures = report.count(Result::refused) + report.count(Result::deferred) + report.count(Result::gave_up) +
                       report.count(Result::unusable);
  return failures > 0 || !report.stopped.empty() ? 1 : 0;
}

}  // namespace

int run_mail(const CommandArgs& argv) {
  const print::FontCacheRelease release_fonts;  // last out, after every cairo object
  const Args args(argv, {"--smtp", "--from", "--user", "--password-file", "--cacert", "--only", "--dry-run", "--report"},
                  {"--starttls", "--resend"});
  if (args.positional().size() != 1) throw UsageError("mail needs exactly one database path");
  const std::string db_path = args.positional()[0];
  const std::string from = args.required("--from");
  if (!mail::is_mailable_address(from))
    throw UsageError("--from \"" + from + "\" is not an e-mail address (name@domain, ASCII)");
  const auto dry_run = args.option("--dry-run");
  if (args.flag("--resend") && !args.option("--only")) throw UsageError("--resend goes with --only ID,...");
  if (!dry_run && !args.option("--smtp")) throw UsageError("mail needs --smtp smtp://HOST:PORT (or --dry-run DIR)");

  // The command line and the database are checked before the password is
  // asked for. A dry run ignores the SMTP options.
  std::optional<mail::SmtpConfig> config;
  if (!dry_run) config = smtp_config(args);
  auto db = organizer::open_event_database(db_path);
  store::EventStore events(db);
  const auto event = events.load_event();
  if (!event) throw std::runtime_error(db_path + " holds no event");
  const auto roster = events.participants();
  const Selection selection = choose(roster, args.option("--only"), print::revoked_participants(db));
  const mail::MessageFactory factory(*event, print::read_signing_key(db), roster, events.meetings(), from);

  std::optional<mail::SmtpSession> session;
  if (config) open_session(*config, args, session);

  mail::RunReport report;
  if (dry_run) {
    report = mail::write_dry_run(db, factory, selection.recipients, args.flag("--resend"), *dry_run, print_message);
  } else {
    const mail::MailLock lock(db_path);
    try {
      report = mail::send_mail(db, factory, *session, selection.recipients, args.flag("--resend"), print_message);
    } catch (const mail::SmtpError& e) {
      throw std::runtime_error(std::string(e.what()) + "; nothing was sent and the outbox is unchanged");
    }
  }
  print_summary(report, selection, dry_run.has_value());
  if (const auto csv = args.option("--report")) {
    mail::write_outbox_csv(db, *csv);
    std::cout << "mail: " << *csv << ": the outbox, one line per message\n";
  }
  if (!report.stopped.empty()) std::cerr << "speedmeet mail: stopped: " << report.stopped << "\n";
  return exit_code(report);
}

}  // namespace speedmeet::cli
