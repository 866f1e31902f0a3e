#pragma once
// Issuing badges from the central database: the signing key, the code and
// face of each participant's badge, reissues. The secret key is read only
// here, kept in a SigningKey (wiped on destruction) and never printed.
#include <cstdint>
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
// when they have one, else an SM1 badge signed with key.
std::string badge_text(const badge::SigningKey& key, const Event& event, const store::ParticipantRecord& record);

std::vector<BadgeFace> badge_faces(const badge::SigningKey& key, const Event& event,
                                   const std::vector<store::ParticipantRecord>& records);

// Bumps the participant's badge serial, revoking every older badge, and
// returns the new serial. Throws std::invalid_argument for an unknown id.
std::int64_t reissue_badge(store::Database& db, const std::string& participant_id);

// The roster a verifier needs, from the participants.
badge::MemoryRoster badge_roster(const std::vector<store::ParticipantRecord>& records);

}  // namespace speedmeet::print
