#pragma once
// Creating and opening the central database.
#include <memory>
#include <string>

#include "domain/event.hpp"
#include "store/database.hpp"

namespace speedmeet::organizer {

// Creates DB with the schema, the event and a fresh Ed25519 key pair. The file
// appears only complete: it is built under a temporary name and renamed.
// Throws InputError when DB already exists.
void create_event_database(const std::string& path, const Event& event);

// Opens an existing central database, migrated to this build's schema.
// Throws InputError when the file does not exist.
store::Database open_event_database(const std::string& path);

}  // namespace speedmeet::organizer
