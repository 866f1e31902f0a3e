#include "badge_issue.hpp"

#include <sodium.h>

#include <optional>
#include <stdexcept>

#include "store/transaction.hpp"

namespace speedmeet::print {

badge::SigningKey read_signing_key(store::Database& db) {
  auto st = db.prepare("SELECT secret_key FROM event_secret WHERE singleton = 1");
  if (!st.step())
    throw std::runtime_error(db.path() + " holds no signing key: badges are issued from the central database");
  std::vector<unsigned char> secret = st.blob(0);
  try {
    badge::SigningKey key(secret);
    sodium_memzero(secret.data(), secret.size());
    return key;
  } catch (const std::invalid_argument&) {
    sodium_memzero(secret.data(), secret.size());
    throw std::runtime_error(db.path() + " holds a signing key of the wrong size");
  }
}

bool holds_signing_key(store::Database& db) {
  auto st = db.prepare("SELECT count(*) FROM event_secret");
  return st.step() && st.int64(0) > 0;
}

std::string badge_text(const badge::SigningKey& key, const Event& event, const store::ParticipantRecord& record) {
  if (!record.participant.badge_code.empty() && record.badge_serial == badge::kExternalCodeSerial)
    return record.participant.badge_code;
  return badge::issue_badge(key, event.id, record.num, record.badge_serial);
}

std::vector<BadgeFace> badge_faces(const badge::SigningKey& key, const Event& event,
                                   const std::vector<store::ParticipantRecord>& records) {
  std::vector<BadgeFace> faces;
  faces.reserve(records.size());
  for (const auto& r : records)
    faces.push_back({event.name, r.participant.name, r.participant.organization, r.participant.role,
                     badge_text(key, event, r), r.participant.language, r.participant.id});
  return faces;
}

namespace {

std::optional<std::int64_t> current_serial(store::Database& db, const std::string& participant_id) {
  auto st = db.prepare("SELECT badge_serial FROM participants WHERE id = ?");
  st.bind(1, participant_id);
  if (!st.step()) return std::nullopt;
  return st.int64(0);
}

// Inside the caller's transaction.
std::int64_t bump_serial(store::Database& db, const std::string& participant_id) {
  db.prepare("UPDATE participants SET badge_serial = badge_serial + 1 WHERE id = ?").bind(1, participant_id).run();
  if (db.changes() != 1) throw std::invalid_argument("no participant with id \"" + participant_id + "\"");
  const auto serial = current_serial(db, participant_id);
  if (!serial) throw std::logic_error("participant vanished during a serial bump");
  return *serial;
}

}  // namespace

std::int64_t reissue_badge(store::Database& db, const std::string& participant_id) {
  store::Transaction tx(db);
  const std::int64_t serial = bump_serial(db, participant_id);
  db.prepare("DELETE FROM revoked_badges WHERE participant_id = ?").bind(1, participant_id).run();
  tx.commit();
  return serial;
}

Revocation revoke_badge(store::Database& db, const std::string& participant_id, std::int64_t now_ms) {
  store::Transaction tx(db);
  const auto serial = current_serial(db, participant_id);
  if (!serial) throw std::invalid_argument("no participant with id \"" + participant_id + "\"");
  auto known = db.prepare("SELECT 1 FROM revoked_badges WHERE participant_id = ?");
  known.bind(1, participant_id);
  if (known.step()) return {*serial, true};
  Revocation revocation{bump_serial(db, participant_id), false};
  db.prepare("INSERT INTO revoked_badges (participant_id, revoked_at) VALUES (?, ?)")
      .bind(1, participant_id)
      .bind(2, now_ms)
      .run();
  tx.commit();
  return revocation;
}

std::set<std::string> revoked_participants(store::Database& db) {
  std::set<std::string> ids;
  auto st = db.prepare("SELECT participant_id FROM revoked_badges");
  while (st.step()) ids.insert(st.text(0));
  return ids;
}

badge::MemoryRoster badge_roster(const std::vector<store::ParticipantRecord>& records) {
  badge::MemoryRoster roster;
  for (const auto& r : records) {
    if (r.num < 1 || r.num > badge::kMaxNum) continue;  // no SM1 badge can name it
    roster.add(static_cast<std::uint32_t>(r.num), r.participant.id, r.badge_serial, r.participant.badge_code);
  }
  return roster;
}

}  // namespace speedmeet::print
