#pragma once
// Answer encodings shared by every route: gzip when the client asks for it
// (level 1: a snapshot shrinks about tenfold for a few milliseconds; never
// Brotli, whose good settings cost hundreds of milliseconds of CPU), and
// the Date header.
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "http_message.hpp"

namespace speedmeet::server {

// True when Accept-Encoding lists gzip (or *) without q=0.
bool accepts_gzip(std::string_view accept_encoding);
std::optional<std::string> gzip(std::string_view data);
// Compresses `response` in place when it is worth it: a text or JSON body
// over 1 KiB, a client that accepts gzip, no Content-Encoding yet. Adds
// Vary: Accept-Encoding to such bodies either way.
void compress_for(const HttpRequest& request, HttpResponse& response);
// "Sun, 06 Nov 1994 08:49:37 GMT"
std::string http_date(std::time_t when);

}  // namespace speedmeet::server
