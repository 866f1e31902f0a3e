#pragma once
// Issuing badges from the central database: the signing key, the code and
// face of each participant's badge, revocations and reissues. The secret key
// is read only here, kept in a SigningKey (wiped on destruction) and never
// printed. All SQL on revoked_badges is here.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "badge/badge_code.hpp"
#include "badge/badge_verifier.hpp"
#include "badge_render.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"

namespace speedmeet::print {

// The event's Ed25519 secret key (central database only). Throws
// std::runtime_error when the database holds none (e.g. a kiosk's copy).
badge::SigningKey read_signing_key(store::Database& db);

// What goes in the participant's QR: their other ticketing system's code
// while it is their badge (serial 1, badge::kExternalCodeSerial), else an SM1
// badge with their current serial, signed with key.
std::string badge_text(const badge::SigningKey& key, const Event& event, const store::ParticipantRecord& record);

std::vector<BadgeFace> badge_faces(const badge::SigningKey& key, const Event& event,
                                   const std::vector<store::ParticipantRecord>& records);

// Bumps the participant's badge serial, revoking every older badge (and
// their external code), lifts a revoke_badge, and returns the new serial.
// Throws std::invalid_argument for an unknown id.
std::int64_t reissue_badge(store::Database& db, const std::string& participant_id);

struct Revocation {
  std::int64_t serial = 0;     // the participant's serial now: every printed badge is older
  bool already = false;        // revoked before and not reissued since: nothing changed
};
// Revokes every badge of the participant without issuing a new one: bumps
// the serial (kiosks hear of it through the change feed and answer revoked to
// every older badge and to an external code) and records the participant in
// revoked_badges, so nothing is printed for them until reissue_badge.
// Revoking twice changes nothing. Throws std::invalid_argument for an
// unknown id.
Revocation revoke_badge(store::Database& db, const std::string& participant_id, std::int64_t now_ms);

// True in the central database (it holds the event's secret key), which is
// where badges are issued, revoked and reissued. Reads no key.
bool holds_signing_key(store::Database& db);

// Participants whose badge is revoked and not reissued since.
std::set<std::string> revoked_participants(store::Database& db);

// The roster a verifier needs, from the participants.
badge::MemoryRoster badge_roster(const std::vector<store::ParticipantRecord>& records);

}  // namespace speedmeet::print
