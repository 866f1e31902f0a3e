#include "log.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace speedmeet::server {
namespace {

// logfmt value: bare when safe, else quoted with \" \\ and control bytes escaped.
void append_value(std::string& out, std::string_view v) {
  const bool bare = !v.empty() && v.find_first_of(" \"=\\") == std::string_view::npos &&
                    std::none_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  if (bare) {
    out += v;
    return;
  }
  out += '"';
  for (const char c : v.substr(0, 512)) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

std::int64_t unix_ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string format_utc_ms(std::int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(unix_ms % 1000));
  return buf;
}

namespace {

template <class Fields>
std::string format_fields(std::string_view level, std::string_view message, const Fields& fields) {
  std::string line = "level=";
  append_value(line, level);
  line += " msg=";
  append_value(line, message);
  for (const auto& [key, value] : fields) {
    line += ' ';
    line += key;
    line += '=';
    append_value(line, value);
  }
  return line;
}

void write_line(const std::string& formatted) {
  const std::string line = "ts=" + format_utc_ms(unix_ms_now()) + " " + formatted + "\n";
  // One write(2): lines from different threads never interleave.
  [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace

std::string format_log_fields(std::string_view level, std::string_view message, std::initializer_list<LogField> fields) {
  return format_fields(level, message, fields);
}

void log_line(std::string_view level, std::string_view message, std::initializer_list<LogField> fields) {
  write_line(format_fields(level, message, fields));
}

void log_line(std::string_view level, std::string_view message,
              const std::vector<std::pair<std::string, std::string>>& fields) {
  write_line(format_fields(level, message, fields));
}

}  // namespace speedmeet::server
