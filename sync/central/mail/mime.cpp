#include "mime.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <vector>

#include "badge/utf8.hpp"

namespace speedmeet::mail {
namespace {

constexpr std::size_t kBodyLine = 76;     // RFC 2045: encoded lines of at most 76 characters
constexpr std::size_t kHeaderLine = 78;   // RFC 5322 2.1.1: SHOULD be no more than 78
constexpr std::size_t kWordChunk = 39;    // UTF-8 bytes per encoded word: 52 base64 + 12 = 64 characters
constexpr std::string_view kCrlf = "\r\n";

bool is_printable_ascii(std::string_view text) {
  for (const char c : text)
    if (c < 0x20 || c > 0x7E) return false;
  return true;
}

std::string plain_base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Splits valid UTF-8 into chunks of at most max_bytes, never inside a
// character.
std::vector<std::string_view> utf8_chunks(std::string_view text, std::size_t max_bytes) {
  std::vector<std::string_view> chunks;
  std::size_t start = 0, i = 0;
  while (i < text.size()) {
    const std::size_t length = std::max<std::size_t>(1, badge::utf8_sequence_length(text, i));
    if (i + length - start > max_bytes) {
      chunks.push_back(text.substr(start, i - start));
      start = i;
    }
    i += length;
  }
  if (i > start) chunks.push_back(text.substr(start, i - start));
  return chunks;
}

std::vector<std::string> encoded_words(std::string_view utf8) {
  std::vector<std::string> words;
  for (const auto chunk : utf8_chunks(utf8, kWordChunk)) words.push_back("=?UTF-8?B?" + plain_base64(chunk) + "?=");
  return words;
}

std::vector<std::string> split_spaces(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t space = text.find(' ', start);
    const std::size_t end = space == std::string_view::npos ? text.size() : space;
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// "Name: token token ...", a new line (CRLF and a space) before a token that
// would take the line past 78 characters.
std::string fold(std::string_view name, const std::vector<std::string>& tokens) {
  std::string out(name);
  out += ':';
  std::size_t line = out.size();
  for (const auto& token : tokens) {
    if (line + 1 + token.size() > kHeaderLine && line > name.size() + 1) {
      out += kCrlf;
      line = 0;
    }
    out += ' ';
    out += token;
    line += 1 + token.size();
  }
  out += kCrlf;
  return out;
}

// RFC 5322 atext: what a display name may hold unquoted, besides spaces.
bool is_atext(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool is_dot_atom(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.') {
      if (text[i + 1] == '.') return false;
    } else if (!is_atext(text[i])) {
      return false;
    }
  }
  return true;
}

bool is_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t start = 0;
  while (start <= domain.size()) {
    const std::size_t dot = std::min(domain.find('.', start), domain.size());
    const std::string_view label = domain.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (const char c : label)
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    start = dot + 1;
  }
  return true;
}

char hex_digit(unsigned value) { return "0123456789ABCDEF"[value & 0xF]; }

// One line of quoted-printable, without its line end, soft breaks included.
void qp_line(std::string_view line, std::string& out) {
  std::size_t column = 0;
  const auto put = [&](std::string_view piece) {
    if (column + piece.size() > kBodyLine - 1) {  // room for the soft break's "="
      out += "=\r\n";
      column = 0;
    }
    out += piece;
    column += piece.size();
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    const bool at_start = column == 0;
    bool literal = byte >= 33 && byte <= 126 && byte != '=';
    if (byte == ' ' || byte == '\t') literal = !last;
    if (at_start && (byte == '.' || (byte == 'F' && line.substr(i, 5) == "From "))) literal = false;
    if (literal) {
      put(std::string_view(line.data() + i, 1));
    } else {
      const std::array<char, 3> code{'=', hex_digit(byte >> 4), hex_digit(byte)};
      put(std::string_view(code.data(), code.size()));
    }
  }
}

}  // namespace

std::string base64_lines(std::string_view bytes) {
  const std::string flat = plain_base64(bytes);
  std::string out;
  out.reserve(flat.size() + flat.size() / kBodyLine * 2 + 2);
  for (std::size_t i = 0; i < flat.size(); i += kBodyLine) {
    out.append(flat, i, kBodyLine);
    out += kCrlf;
  }
  return out;
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const bool has_end = end != std::string_view::npos;
    if (!has_end) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    qp_line(line, out);
    if (has_end) out += kCrlf;
    start = end + 1;
  }
  return out;
}

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = badge::utf8_sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    const char32_t cp = badge::utf8_code_point(text, i, length);
    if (badge::is_control_character(cp))
      out += ' ';
    else
      out.append(text, i, length);
    i += length;
  }
  return out;
}

std::string header_field(std::string_view name, std::string_view value) {
  const std::string clean = clean_text(value);
  if (is_printable_ascii(clean) && clean.find("=?") == std::string::npos) return fold(name, split_spaces(clean));
  return fold(name, encoded_words(clean));
}

std::string address_field(std::string_view name, std::string_view display_name, std::string_view address) {
  const std::string clean = clean_text(display_name);
  std::vector<std::string> tokens;
  const auto words = split_spaces(clean);
  const bool plain_words =
      is_printable_ascii(clean) && clean.find("=?") == std::string::npos &&
      std::all_of(words.begin(), words.end(), [](const std::string& w) { return std::all_of(w.begin(), w.end(), is_atext); });
  if (words.empty()) {
    // no display name
  } else if (plain_words) {
    tokens = words;
  } else if (is_printable_ascii(clean) && clean.find("=?") == std::string::npos && clean.size() <= kHeaderLine - 10) {
    std::string quoted = "\"";
    for (const char c : clean) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    tokens.push_back(quoted + "\"");
  } else {
    tokens = encoded_words(clean);
  }
  tokens.push_back("<" + std::string(address) + ">");
  return fold(name, tokens);
}

bool is_mailable_address(std::string_view address) {
  if (address.size() > 254) return false;
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at > 64) return false;
  return is_dot_atom(address.substr(0, at)) && is_domain(address.substr(at + 1));
}

std::string_view address_domain(std::string_view address) {
  const std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : address.substr(at + 1);
}

std::string rfc5322_date(std::int64_t unix_seconds) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const sys_seconds t{seconds{unix_seconds}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> time{t - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000", kDays[weekday{day}.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return buf;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace speedmeet::mail
