#pragma once
// What the console's pages show, read from the central database as JSON
// (the pages build their DOM from it with textContent: a name is always
// text). Each reads inside the caller's read transaction. Presence is
// core/presence's, the one definition the kiosks, re-match and reports use.
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/time.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::console {

// The round a board shows by default at `now`: the running one, else the
// next, else the last.
// Board of `round` (default: as above): each table's meeting, who of the
// two is present, the table's state (complete, waiting, empty, no_show,
// free) and whether a re-match made it; the standby list once the grace
// period is over; the round's times and the next round's start. No e-mail.
nlohmann::json board_json(store::Database& db, std::optional<int> round, Instant now);

// Arrivals per round and per 15 minutes, who of the next round's people
// has not arrived yet, and entrance check-ins made twice (two kiosks).
nlohmann::json attendance_json(store::Database& db, Instant now);

// Up to 50 people whose id, name or organization contains `query` (ASCII
// case-insensitive), or whose badge (SM1 code or external code) it is.
nlohmann::json people_json(store::Database& db, const std::string& query);

// One person with e-mail, badge state, agenda and every scan; nullopt when
// the id is unknown.
std::optional<nlohmann::json> person_json(store::Database& db, const std::string& id, Instant now);

// Every enrolled kiosk: last contact, rows received, shared-name warnings.
nlohmann::json devices_json(store::Database& db);

// Participants desk staff marked as gone: the re-match leaves them out.
std::set<std::string> departed(store::Database& db);

}  // namespace speedmeet::console
