#pragma once
// Reads what kiosks receive from the central database, as protocol values.
#include <cstdint>
#include <string>
#include <vector>

#include "protocol/messages.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::server {

// The event row; throws std::runtime_error when the database has none.
protocol::EventInfo read_event_info(store::Database& db);
std::string hex(const std::vector<unsigned char>& bytes);


// Everything a kiosk needs, read in one snapshot with the cursor it matches.
protocol::Snapshot build_snapshot(store::Database& db);

// The latest change number (0 when none).
std::int64_t head_cursor(store::Database& db);

}  // namespace speedmeet::server
