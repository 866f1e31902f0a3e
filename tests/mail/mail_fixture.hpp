#pragma once
// `speedmeet mail` against a real SMTP server: tests/mail/smtp_sink.py
// (aiosmtpd, Debian's python3-aiosmtpd) on 127.0.0.1 with a port of its
// own, the messages it saved read back with Python's `email` package
// (tests/mail/check_mail.py), their PDFs rendered with pdftoppm and their QR
// codes decoded with zbarimg and `speedmeet decode`.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/event.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace speedmeet::test {

inline constexpr const char* kPython = "/usr/bin/python3";  // Debian's, where python3-aiosmtpd lives
inline constexpr const char* kFrom = "badges@example.org";

class SmtpSink {
 public:
  // options: smtp_sink.py's (--refuse ADDR, --tls CERT KEY, ...). Waits
  // until the server listens.
  explicit SmtpSink(const TempDir& dir, const std::vector<std::string>& options = {}, const std::string& name = "sink");
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  const std::string& folder() const { return folder_; }
  std::vector<std::string> messages() const;  // saved .eml files, in arrival order
  std::vector<nlohmann::json> log() const;    // RCPT and DATA answers
  int rcpt_count(const std::string& address) const;
  int connections() const;
  void stop();  // the port is closed after this

 private:
  std::string folder_;
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

// check_mail.py's report on every .eml in folder; attachments saved in out.
std::vector<nlohmann::json> read_messages(const std::string& folder, const std::string& out);

// `speedmeet mail DB --from ... --smtp URL` plus extra arguments.
ProcessResult run_mail(const std::string& db, const SmtpSink& sink, const std::vector<std::string>& extra = {},
                       const std::string& input = "");

// The roster, by id, and what each badge's QR holds (speedmeet badges --codes).
std::map<std::string, Participant> roster_of(const std::string& db);
std::map<std::string, std::string> badge_codes(const TempDir& dir, const std::string& db);

// Result lines of a run's stdout (ID, address, result, detail), by id.
struct ResultLine {
  std::string address, result, detail;
};
std::map<std::string, ResultLine> result_lines(const std::string& out);

// The text of the one QR code in each image, by path ("" when none), with
// zbarimg and with `speedmeet decode`.
std::map<std::string, std::string> zbar_decode(const std::vector<std::string>& images);
std::map<std::string, std::string> speedmeet_decode(const std::vector<std::string>& images);

// The PDF's first page as a PNG at dpi (pdftoppm); returns its path.
std::string render_pdf(const std::string& pdf, int dpi);

// SELECT state, count(*) ... of mail_outbox, and one row's counters.
std::map<std::string, int> outbox_states(const std::string& db);
struct OutboxCounters {
  std::string state, message_id;
  int attempts = 0, deferrals = 0, uncertain = 0;
};
OutboxCounters outbox_row(const std::string& db, const std::string& participant_id);

}  // namespace speedmeet::test
