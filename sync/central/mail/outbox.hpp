#pragma once
// The durable outbox (table mail_outbox, schema migration 8): one row per
// participant and kind of message, holding its Message-ID from the moment it
// is queued, its state and the server's last answer. All SQL on mail_outbox
// is here.
//
//   pending ──mark_sending──▶ sending ──accepted──▶ sent
//      ▲                         │ ├──refused (5xx)──▶ failed
//      └───deferred (4xx), ──────┘ └──5th deferral───▶ failed
//          interrupted
//
// `sending` is committed before the message's first byte leaves, and
// `body_done` once its last byte has been handed to libcurl, before the
// end-of-data mark: a row found `sending` by the next run was interrupted,
// and body_done says whether the server may have it (docs/MAIL.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace speedmeet::store { class Database; }

namespace speedmeet::mail {

inline constexpr const char* kBadgeKind = "badge";  // badge PDF, QR and agenda
// A recipient whose server answered "try again later" this many times is
// given up on (state failed).
inline constexpr int kMaxDeferrals = 5;

enum class OutboxState { pending, sending, sent, failed };
const char* to_string(OutboxState state);

struct OutboxRow {
  std::string participant_id;
  std::string kind;
  std::string recipient;   // the address of the last attempt (or the queued one)
  std::string message_id;  // every attempt sends this Message-ID
  OutboxState state = OutboxState::pending;
  int attempts = 0;        // transactions started (MAIL FROM)
  int deferrals = 0;       // 4xx answers
  int uncertain = 0;       // attempts interrupted after the whole message left: it may have arrived
  bool body_done = false;  // this attempt's last byte is out
  std::string reply;       // the server's last answer, or why nothing was sent
  std::int64_t queued_at = 0;  // unix seconds; the message's Date
  std::optional<std::int64_t> attempted_at, finished_at;
};

// What queue() is asked for: a participant and the address they have now.
struct QueueRequest {
  std::string participant_id;
  std::string address;
};

class Outbox {
 public:
  explicit Outbox(store::Database& db) : db_(db) {}

  std::optional<OutboxRow> find(const std::string& participant_id, const std::string& kind);
  std::vector<OutboxRow> all();

  // After a crash: every `sending` row becomes `pending` again, its
  // `uncertain` count raised when its body had gone out. Returns how many
  // rows were interrupted, and how many of them uncertainly.
  struct Recovery {
    int interrupted = 0;
    int uncertain = 0;
  };
  Recovery recover();

  // One transaction: a pending row for each request without a row; a
  // pending row takes the request's address; a failed row whose address
  // changed since is queued again. resend: sent and failed rows too are
  // queued again, as a new message (new Message-ID).
  void queue(const std::vector<QueueRequest>& requests, const std::string& kind, const std::string& from_address,
             std::int64_t now, bool resend);

  // Each commits on its own (see the state diagram above).
  void mark_sending(const std::string& participant_id, const std::string& kind, const std::string& address,
                    std::int64_t now);
  void mark_body_done(const std::string& participant_id, const std::string& kind);
  void mark_sent(const std::string& participant_id, const std::string& kind, const std::string& reply,
                 std::int64_t now);
  void mark_failed(const std::string& participant_id, const std::string& kind, const std::string& reply,
                   std::int64_t now);
  // 4xx: back to pending, or failed at the kMaxDeferrals-th. Returns the state.
  OutboxState mark_deferred(const std::string& participant_id, const std::string& kind, const std::string& reply,
                            std::int64_t now);
  // Nothing reached a verdict (the connection failed, our sender was
  // refused): back to pending; uncertain raised when the body had gone out.
  void mark_interrupted(const std::string& participant_id, const std::string& kind, const std::string& reply);

 private:
  void update_state(const std::string& participant_id, const std::string& kind, const char* sql,
                    const std::string& reply, std::int64_t now);
  store::Database& db_;
};

// Writes the outbox as CSV (private, atomic): one line per row with the
// participant's name and language. For `speedmeet mail --report` and for
// `speedmeet report`, which can call it from the command layer.
void write_outbox_csv(store::Database& db, const std::string& path);

}  // namespace speedmeet::mail
