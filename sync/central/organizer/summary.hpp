#pragma once
// `speedmeet show`: a readable summary of what the central database holds.
#include <string>

namespace speedmeet::store { class Database; }

namespace speedmeet::organizer {

std::string format_summary(store::Database& db);

}  // namespace speedmeet::organizer
