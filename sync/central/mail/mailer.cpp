#include "mailer.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "attachments.hpp"
#include "files/private_file.hpp"
#include "letter.hpp"
#include "message.hpp"
#include "mime.hpp"
#include "outbox.hpp"
#include "print/badge_issue.hpp"
#include "store/database.hpp"
#include "store/relaxed_durability.hpp"

namespace speedmeet::mail {
namespace {

constexpr int kQrModulePixels = 8;  // a version 6 code (41 modules) makes a 392-pixel PNG, sharp on any phone

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool counts_as_done(const OutboxRow& row, const std::string& address, bool resend) {
  if (resend) return false;
  if (row.state == OutboxState::sent) return true;
  return row.state == OutboxState::failed && row.recipient == address;  // a new address is tried
}

MessageReport done_report(const OutboxRow& row) {
  return {row.participant_id, row.recipient,
          row.state == OutboxState::sent ? Result::already_sent : Result::failed_before, row.reply};
}

// One participant's pending message through the outbox and the session.
class Delivery {
 public:
  Delivery(Outbox& outbox, SmtpSession& smtp, const std::string& from) : outbox_(outbox), smtp_(smtp), from_(from) {}

  // One participant of the run: what the outbox says, else the message
  // built and delivered. Sets stop when the run cannot go on.
  MessageReport handle(const store::ParticipantRecord& record, const MessageFactory& factory, std::string& stop) {
    const std::string& id = record.participant.id;
    const std::string& address = record.participant.email;
    const auto row = outbox_.find(id, kBadgeKind);
    if (!row) throw std::logic_error("mail_outbox lost the row of " + id);
    if (row->state != OutboxState::pending) return done_report(*row);
    if (!is_mailable_address(address)) {
      const std::string why = "\"" + address + "\" is not an address speedmeet can send to";
      outbox_.mark_failed(id, kBadgeKind, why, unix_now());
      return {id, address, Result::unusable, why};
    }
    std::string bytes;
    try {
      bytes = factory.build(record, row->message_id, row->queued_at);
    } catch (const std::invalid_argument& e) {
      outbox_.mark_failed(id, kBadgeKind, e.what(), unix_now());
      return {id, address, Result::unusable, e.what()};
    }
    return deliver(id, address, bytes, stop);
  }

 private:
  // Sends one message, once more on a new connection when the first one
  // failed before the message's end; sets stop when the run cannot go on.
  MessageReport deliver(const std::string& id, const std::string& address, const std::string& message,
                        std::string& stop) {
    for (int tries = 1;; ++tries) {
      outbox_.mark_sending(id, kBadgeKind, address, unix_now());
      const SendResult sent =
          smtp_.send(from_, address, message, [&] { outbox_.mark_body_done(id, kBadgeKind); });
      switch (sent.outcome) {
        case SendOutcome::accepted:
          outbox_.mark_sent(id, kBadgeKind, sent.reply, unix_now());
          return {id, address, Result::sent, sent.reply};
        case SendOutcome::refused:
          outbox_.mark_failed(id, kBadgeKind, sent.reply, unix_now());
          return {id, address, Result::refused, sent.reply};
        case SendOutcome::deferred: {
          const bool gave_up = outbox_.mark_deferred(id, kBadgeKind, sent.reply, unix_now()) == OutboxState::failed;
          return {id, address, gave_up ? Result::gave_up : Result::deferred, sent.reply};
        }
        case SendOutcome::sender_refused:
          outbox_.mark_interrupted(id, kBadgeKind, sent.reply);
          stop = "the server refused the sender " + from_ + ": " + sent.reply;
          return {id, address, Result::not_sent, sent.reply};
        case SendOutcome::uncertain:
          // The whole message left and no verdict came: the next run sends
          // it again with the same Message-ID; no second copy now.
          outbox_.mark_interrupted(id, kBadgeKind, sent.reply);
          stop = "the connection broke after the message to " + address +
                 " had been sent (it may have arrived; the next run sends it again with the same Message-ID): " +
                 sent.reply;
          return {id, address, Result::not_sent, sent.reply};
        case SendOutcome::connection_failed:
          outbox_.mark_interrupted(id, kBadgeKind, sent.reply);
          if (tries == 1) {  // a connection the server closed (421, an idle timeout): once more on a new one
            smtp_.reconnect_next();
            continue;
          }
          stop = "the SMTP connection failed: " + sent.reply;
          return {id, address, Result::not_sent, sent.reply};
      }
    }
  }

  Outbox& outbox_;
  SmtpSession& smtp_;
  const std::string& from_;
};

}  // namespace

const char* to_string(Result result) {
  switch (result) {
    case Result::sent: return "sent";
    case Result::refused: return "refused";
    case Result::deferred: return "deferred";
    case Result::gave_up: return "gave-up";
    case Result::unusable: return "unusable";
    case Result::not_sent: return "not-sent";
    case Result::already_sent: return "already-sent";
    case Result::failed_before: return "failed-before";
    case Result::written: return "written";
  }
  return "not-sent";
}

MailLock::MailLock(const std::string& db_path) {
  const std::string path = db_path + "-mail.lock";
  files::create_private_file_if_missing(path);
  fd_ = ::open(path.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw std::runtime_error("another speedmeet mail is running on " + db_path + "; wait for it to end");
    throw std::runtime_error("cannot lock " + path + ": " + std::strerror(error));
  }
}

MailLock::~MailLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

int RunReport::count(Result result) const {
  int n = 0;
  for (const auto& m : messages) n += m.result == result ? 1 : 0;
  return n;
}

MessageFactory::MessageFactory(Event event, badge::SigningKey key, const std::vector<store::ParticipantRecord>& roster,
                               const std::vector<Meeting>& meetings, std::string from_address)
    : event_(std::move(event)), key_(std::move(key)), from_address_(std::move(from_address)) {
  for (auto& page : print::build_agenda_pages(event_, roster, meetings)) {
    std::string id = page.participant_id;
    agendas_.emplace(std::move(id), std::move(page));
  }
}

std::string MessageFactory::build(const store::ParticipantRecord& record, const std::string& message_id,
                                  std::int64_t date_unix) const {
  const print::BadgeFace face = print::badge_faces(key_, event_, {record}).front();
  MessageParts parts;
  parts.message_id = message_id;
  parts.date_unix = date_unix;
  parts.from_name = event_.name;
  parts.from_address = from_address_;
  parts.to_name = record.participant.name;
  parts.to_address = record.participant.email;
  parts.language = record.participant.language;
  parts.qr_png = qr_png(face.qr_text, kQrModulePixels);
  parts.qr_content_id = qr_content_id(message_id);
  parts.pdf = badge_pdf(face, date_unix);
  parts.pdf_filename = file_stem(record.participant.id, record.num) + ".pdf";
  const auto agenda = agendas_.find(record.participant.id);
  parts.letter = write_letter({&event_, &record.participant, agenda == agendas_.end() ? nullptr : &agenda->second,
                               parts.qr_content_id});
  return compose_message(parts);
}

RunReport send_mail(store::Database& db, const MessageFactory& factory, SmtpSession& smtp,
                    const std::vector<store::ParticipantRecord>& recipients, bool resend,
                    const std::function<void(const MessageReport&)>& progress) {
  smtp.probe();  // throws before the outbox changes
  RunReport report;
  Outbox outbox(db);
  {
    // Per-message commits survive a killed process without an fsync each; a
    // power cut can only take rows back to an earlier state, which sends a
    // message again with the same Message-ID and never skips one.
    const store::RelaxedDurability relaxed(db);
    const auto recovery = outbox.recover();
    report.recovered = recovery.interrupted;
    report.recovered_uncertain = recovery.uncertain;
    std::vector<QueueRequest> requests;
    for (const auto& r : recipients) requests.push_back({r.participant.id, r.participant.email});
    outbox.queue(requests, kBadgeKind, factory.from_address(), unix_now(), resend);

    Delivery delivery(outbox, smtp, factory.from_address());
    for (const auto& record : recipients) {
      report.messages.push_back(
          report.stopped.empty()
              ? delivery.handle(record, factory, report.stopped)
              : MessageReport{record.participant.id, record.participant.email, Result::not_sent,
                              "the run stopped before this message"});
      if (progress) progress(report.messages.back());
    }
  }
  db.exec("PRAGMA wal_checkpoint(PASSIVE)");  // synchronous is FULL again: the run's commits reach the disk
  return report;
}

RunReport write_dry_run(store::Database& db, const MessageFactory& factory,
                        const std::vector<store::ParticipantRecord>& recipients, bool resend, const std::string& dir,
                        const std::function<void(const MessageReport&)>& progress) {
  files::create_private_folders(dir);
  Outbox outbox(db);
  RunReport report;
  const std::int64_t now = unix_now();
  for (const auto& record : recipients) {
    const std::string& id = record.participant.id;
    const std::string& address = record.participant.email;
    const auto row = outbox.find(id, kBadgeKind);
    MessageReport message{id, address, Result::written, ""};
    if (row && counts_as_done(*row, address, resend)) {
      message = done_report(*row);
    } else if (!is_mailable_address(address)) {
      message = {id, address, Result::unusable, "\"" + address + "\" is not an address speedmeet can send to"};
    } else {
      const bool renewed = !row || (resend && (row->state == OutboxState::sent || row->state == OutboxState::failed));
      const std::string message_id = renewed ? new_message_id(factory.from_address()) : row->message_id;
      try {
        const std::string bytes = factory.build(record, message_id, renewed ? now : row->queued_at);
        const std::string path = (std::filesystem::path(dir) / (file_stem(id, record.num) + ".eml")).string();
        files::write_private_file(path, bytes);
        message.detail = path;
      } catch (const std::invalid_argument& e) {
        message = {id, address, Result::unusable, e.what()};
      }
    }
    report.messages.push_back(message);
    if (progress) progress(report.messages.back());
  }
  return report;
}

}  // namespace speedmeet::mail
