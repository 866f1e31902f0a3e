#include "local_time.hpp"

#include <regex>

#include <date/tz.h>

#include <cstdio>

namespace speedmeet {
namespace {

const date::time_zone* find_zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

date::local_seconds to_date_local(LocalSeconds s) { return date::local_seconds{s.time_since_epoch()}; }

}  // namespace

bool is_known_time_zone(const std::string& iana_name) { return find_zone(iana_name) != nullptr; }

LocalTimeZone::LocalTimeZone(const std::string& iana_name) : name_(iana_name), zone_(find_zone(iana_name)) {
  if (!zone_) throw std::invalid_argument("unknown time zone \"" + iana_name + "\" (expected an IANA name such as Europe/Luxembourg)");
}

Instant LocalTimeZone::to_utc(LocalSeconds local) const {
  const auto info = zone_->get_info(to_date_local(local));
  if (info.result != date::local_info::unique)
    throw std::invalid_argument("local time " + date::format("%F %T", to_date_local(local)) +
                                (info.result == date::local_info::nonexistent ? " does not exist" : " is ambiguous") +
                                " in " + name_ + " (daylight-saving change)");
  return Instant{to_date_local(local).time_since_epoch() - info.first.offset};
}

LocalSeconds LocalTimeZone::to_local(Instant t) const {
  const auto info = zone_->get_info(date::sys_seconds{t.time_since_epoch()});
  return LocalSeconds{t.time_since_epoch() + info.offset};
}

std::string LocalTimeZone::format_hhmm(Instant t) const {
  return date::format("%H:%M", to_date_local(to_local(t)));
}

std::string LocalTimeZone::format_iso_local(Instant t) const {
  return date::format("%FT%T", to_date_local(to_local(t)));
}

std::string LocalTimeZone::format_offset(Instant t) const {
  const auto info = zone_->get_info(date::sys_seconds{t.time_since_epoch()});
  const int minutes = static_cast<int>(info.offset.count() / 60);
  const int magnitude = minutes < 0 ? -minutes : minutes;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', (magnitude / 60) % 100, magnitude % 60);
  return buf;
}

Instant parse_date_time(const std::string& text, const LocalTimeZone& zone) {
  static const std::regex pattern(
      R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern))
    throw std::invalid_argument("\"" + text + "\" is not a date and time like 2026-11-27T14:05:00");
  using namespace std::chrono;
  const year_month_day ymd{year{std::stoi(m[1])}, month{static_cast<unsigned>(std::stoi(m[2]))},
                           day{static_cast<unsigned>(std::stoi(m[3]))}};
  if (!ymd.ok()) throw std::invalid_argument("\"" + text + "\" is not a valid date");
  const int h = std::stoi(m[4]), min = std::stoi(m[5]), s = m[6].matched ? std::stoi(m[6]) : 0;
  if (h > 23 || min > 59 || s > 59) throw std::invalid_argument("\"" + text + "\" is not a valid time");
  const auto time_of_day = hours{h} + minutes{min} + seconds{s};
  if (!m[7].matched) return zone.to_utc(local_days{ymd} + time_of_day);
  sys_seconds utc = sys_days{ymd} + time_of_day;
  const std::string offset = m[7];
  if (offset != "Z") {
    const int sign = offset[0] == '-' ? -1 : 1;
    utc -= sign * (hours{std::stoi(offset.substr(1, 2))} + minutes{std::stoi(offset.substr(4, 2))});
  }
  return utc;
}

std::string format_utc(Instant t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> time{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buf;
}

}  // namespace speedmeet
