#pragma once
// `speedmeet mail`: each chosen participant's badge and agenda by e-mail,
// each message sent once (docs/MAIL.md). The command chooses the
// participants and reads the options; this runs the outbox and the SMTP
// session, or writes .eml files for a dry run.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "badge/badge_code.hpp"
#include "domain/event.hpp"
#include "print/agenda_sheet.hpp"
#include "smtp_session.hpp"
#include "store/event_store.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::mail {

// One `speedmeet mail` at a time per database: two would both send what is
// pending. An flock on DB-mail.lock (0600, beside the database), released
// by the kernel however the process ends. Throws std::runtime_error when
// another run holds it.
class MailLock {
 public:
  explicit MailLock(const std::string& db_path);
  ~MailLock();
  MailLock(const MailLock&) = delete;
  MailLock& operator=(const MailLock&) = delete;

 private:
  int fd_ = -1;
};

// Builds each participant's message from the central database's event,
// roster, schedule and signing key.
class MessageFactory {
 public:
  MessageFactory(Event event, badge::SigningKey key, const std::vector<store::ParticipantRecord>& roster,
                 const std::vector<Meeting>& meetings, std::string from_address);
  // Throws std::invalid_argument when the participant's badge cannot be
  // drawn (a badge_code too long for a QR code).
  std::string build(const store::ParticipantRecord& record, const std::string& message_id, std::int64_t date_unix) const;
  const std::string& from_address() const { return from_address_; }

 private:
  Event event_;
  badge::SigningKey key_;
  std::string from_address_;
  std::map<std::string, print::AgendaPage> agendas_;  // by participant id; staff have none
};

// What became of one participant's message in this run.
enum class Result {
  sent,         // the server took it
  refused,      // 5xx: never retried (unless the address changes or --resend)
  deferred,     // 4xx: tried again by the next run
  gave_up,      // the kMaxDeferrals-th 4xx
  unusable,     // no message could be made (address, badge)
  not_sent,     // the run stopped first (server down, our sender refused)
  already_sent, // sent by an earlier run
  failed_before,// refused or given up by an earlier run
  written,      // dry run: the .eml file
};
const char* to_string(Result result);

struct MessageReport {
  std::string participant_id;
  std::string address;
  Result result = Result::not_sent;
  std::string detail;  // the server's answer, the reason, or the file written
};

struct RunReport {
  std::vector<MessageReport> messages;  // in the order asked
  int recovered = 0;                    // rows an interrupted run left `sending`
  int recovered_uncertain = 0;          // ... of which the whole message had left
  std::string stopped;                  // why the run ended early; empty when it did not
  int count(Result result) const;
};

// Sends what is unsent among `recipients` (roster order), each once. The
// server is probed first: when it cannot be used, SmtpError is thrown and
// the outbox is left as it was. resend: those already sent (or refused) get
// a new message. `progress` is called after each message.
RunReport send_mail(store::Database& db, const MessageFactory& factory, SmtpSession& smtp,
                    const std::vector<store::ParticipantRecord>& recipients, bool resend,
                    const std::function<void(const MessageReport&)>& progress);

// Writes what send_mail would send now as DIR/<id>.eml files (private),
// without touching the outbox or the network.
RunReport write_dry_run(store::Database& db, const MessageFactory& factory,
                        const std::vector<store::ParticipantRecord>& recipients, bool resend, const std::string& dir,
                        const std::function<void(const MessageReport&)>& progress);

}  // namespace speedmeet::mail
