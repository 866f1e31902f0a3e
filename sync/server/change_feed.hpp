#pragma once
// The change feed: what changed after a cursor, in order.
#include <string>

#include "protocol/messages.hpp"

namespace speedmeet::store { class Database; }

namespace speedmeet::server {

// Changes after query.since, at most query.limit of them; journal rows made by
// `device` itself are skipped (the cursor still moves past them). Throws
// ProtocolError(409, "cursor_ahead") for a cursor this database never issued.
protocol::ChangesPage read_changes(store::Database& db, const protocol::ChangesQuery& query, const std::string& device);

}  // namespace speedmeet::server
