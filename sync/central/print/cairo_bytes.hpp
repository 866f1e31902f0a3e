#pragma once
// cairo's stream writers into memory: a PNG or PDF surface made "for
// stream" with append_to_string and a std::string* as its closure collects
// the file's bytes in that string (a setup code's PNG, a mailed badge).
#include <cairo.h>

#include <string>

namespace speedmeet::print {

inline cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_NO_MEMORY;  // cairo reports it; the caller's check throws
  }
}

}  // namespace speedmeet::print
