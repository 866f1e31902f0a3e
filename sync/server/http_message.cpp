#include "http_message.hpp"

#include <algorithm>
#include <cctype>

#include "protocol/messages.hpp"

namespace speedmeet::server {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex_digit(text[i + 1]), lo = hex_digit(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (c == '\0') return std::nullopt;
    out += c;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string find_header(const HeaderList& headers, std::string_view name) {
  std::string joined;
  bool found = false;
  for (const auto& [key, value] : headers) {
    if (!iequals(key, name)) continue;
    if (found) joined += ", ";
    joined += value;
    found = true;
  }
  return joined;
}

}  // namespace

std::string HttpRequest::header(std::string_view name) const { return find_header(headers, name); }

bool HttpRequest::has_header(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return iequals(h.first, name); });
}

void HttpRequest::set_header(std::string name, std::string value) {
  std::transform(name.begin(), name.end(), name.begin(), lower);
  std::erase_if(headers, [&](const auto& h) { return h.first == name; });
  headers.emplace_back(std::move(name), std::move(value));
}

std::string HttpResponse::header(std::string_view name) const { return find_header(headers, name); }

HttpResponse json_response(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

HttpResponse error_response(int status, const std::string& code, const std::string& message) {
  HttpResponse r = json_response(
      status, protocol::error_json(code, message));
  r.log.emplace_back("detail", code);
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"speedmeet\"");
  return r;
}

bool media_type_is(std::string_view content_type, std::string_view type) {
  const auto semicolon = content_type.find(';');
  return iequals(trim(content_type.substr(0, semicolon)), type);
}

std::optional<std::string> decode_path(std::string_view text) { return percent_decode(text, false); }

std::optional<std::vector<std::pair<std::string, std::string>>> decode_query(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
    if (!name || !value) return std::nullopt;
    pairs.emplace_back(std::move(*name), std::move(*value));
  }
  return pairs;
}

}  // namespace speedmeet::server
