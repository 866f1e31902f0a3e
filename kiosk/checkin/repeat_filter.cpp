#include "repeat_filter.hpp"

namespace speedmeet::kiosk {

bool RepeatFilter::admit(const std::string& code, KioskTime now) {
  if (code == last_code_ && now - last_time_ < window_) return false;
  last_code_ = code;
  last_time_ = now;
  return true;
}

}  // namespace speedmeet::kiosk
