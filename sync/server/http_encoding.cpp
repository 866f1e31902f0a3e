#include "http_encoding.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace speedmeet::server {
namespace {

constexpr std::size_t kCompressAbove = 1024;

bool compressible(std::string_view content_type) {
  return content_type.rfind("text/", 0) == 0 || content_type.find("json") != std::string_view::npos ||
         content_type.find("javascript") != std::string_view::npos || content_type.find("svg") != std::string_view::npos;
}

// "q=0", "q=0.0", "q=0.000": the coding is refused.
bool is_zero_quality(std::string_view params) {
  const auto q = params.find("q=");
  if (q == std::string_view::npos) return false;
  const std::string_view value = params.substr(q + 2);
  return !value.empty() && value[0] == '0' &&
         std::all_of(value.begin() + 1, value.end(), [](char c) { return c == '.' || c == '0'; });
}

}  // namespace

bool accepts_gzip(std::string_view header) {
  std::string h;
  for (const char c : header)
    if (c != ' ' && c != '\t') h += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = h;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const auto semi = item.find(';');
    const std::string_view coding = item.substr(0, semi);
    if (coding == "gzip" || coding == "*")
      return semi == std::string_view::npos || !is_zero_quality(item.substr(semi + 1));
  }
  return false;
}

namespace {

// One deflate state per thread, reset between answers: zlib's state is
// about 256 KiB, and allocating and freeing it per answer made glibc hand
// the memory back to the kernel each time (madvise and a TLB flush on
// every core), a fifth of the server's CPU under a kiosk's request mix.
class Deflater {
 public:
  Deflater() { ok_ = deflateInit2(&z_, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK; }
  ~Deflater() {
    if (ok_) deflateEnd(&z_);
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  std::optional<std::string> gzip(std::string_view data) {
    if (!ok_ || deflateReset(&z_) != Z_OK) return std::nullopt;
    std::string out(deflateBound(&z_, static_cast<uLong>(data.size())), '\0');
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));  // zlib's API is not const-correct
    z_.avail_in = static_cast<uInt>(data.size());
    z_.next_out = reinterpret_cast<Bytef*>(out.data());
    z_.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z_, Z_FINISH);
    out.resize(z_.total_out);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
  }

 private:
  z_stream z_{};
  bool ok_ = false;
};

}  // namespace

std::optional<std::string> gzip(std::string_view data) {
  thread_local Deflater deflater;
  return deflater.gzip(data);
}

void compress_for(const HttpRequest& request, HttpResponse& response) {
  if (response.stream || !compressible(response.content_type)) return;
  response.headers.emplace_back("Vary", "Accept-Encoding");
  if (response.body.size() <= kCompressAbove || !response.header("content-encoding").empty() ||
      !accepts_gzip(request.header("accept-encoding")))
    return;
  if (auto packed = gzip(response.body)) {
    response.body = std::move(*packed);
    response.headers.emplace_back("Content-Encoding", "gzip");
  }
}

std::string http_date(std::time_t when) {
  std::tm tm{};
  gmtime_r(&when, &tm);
  // Spelled out: strftime's %a and %b follow the locale.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7], tm.tm_mday,
                kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace speedmeet::server
