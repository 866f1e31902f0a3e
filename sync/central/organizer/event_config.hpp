#pragma once
// event.toml -> Event. Every problem is an InputError with file and line.
#include <string>

#include "domain/event.hpp"

namespace speedmeet::organizer {

Event load_event_config(const std::string& path);
Event parse_event_config(const std::string& toml_text, const std::string& file_name);

}  // namespace speedmeet::organizer
