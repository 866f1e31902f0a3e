#pragma once
// Structured log lines (logfmt) on stderr, one write per line so threads do
// not interleave. Callers pass only what is safe to print: never a token, a
// key or an Authorization header.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace speedmeet::server {

using LogField = std::pair<std::string_view, std::string>;

void log_line(std::string_view level, std::string_view message, std::initializer_list<LogField> fields = {});
void log_line(std::string_view level, std::string_view message,
              const std::vector<std::pair<std::string, std::string>>& fields);
// The formatted line without the time stamp (for tests).
std::string format_log_fields(std::string_view level, std::string_view message, std::initializer_list<LogField> fields);

std::int64_t unix_ms_now();
std::string format_utc_ms(std::int64_t unix_ms);  // 2026-11-27T13:05:09.123Z

}  // namespace speedmeet::server
