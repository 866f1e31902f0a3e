#include "badge_issue.hpp"

#include <sodium.h>

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

std::string badge_text(const badge::SigningKey& key, const Event& event, const store::ParticipantRecord& record) {
  if (!record.participant.badge_code.empty()) return record.participant.badge_code;
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

std::int64_t reissue_badge(store::Database& db, const std::string& participant_id) {
  store::Transaction tx(db);
  db.prepare("UPDATE participants SET badge_serial = badge_serial + 1 WHERE id = ?").bind(1, participant_id).run();
  if (db.changes() != 1) throw std::invalid_argument("no participant with id \"" + participant_id + "\"");
  auto st = db.prepare("SELECT badge_serial FROM participants WHERE id = ?");
  st.bind(1, participant_id);
  if (!st.step()) throw std::logic_error("participant vanished during reissue");
  const std::int64_t serial = st.int64(0);
  tx.commit();
  return serial;
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
