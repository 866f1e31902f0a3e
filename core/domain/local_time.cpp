#include "local_time.hpp"

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

}  // namespace speedmeet
