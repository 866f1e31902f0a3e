#include "message.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "mime.hpp"

namespace speedmeet::mail {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// The Message-ID's random part (hex digits only).
std::string message_tag(const std::string& message_id) {
  std::string tag;
  for (const char c : message_id) {
    if (c == '.' || c == '@') break;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) tag += c;
  }
  return tag.substr(0, 32);
}

// Starts with "=_": quoted-printable writes "=" only before two hex digits
// and base64 has no "_", so no encoded body can contain a boundary.
std::string boundary(const std::string& message_id, std::string_view kind) {
  return "=_speedmeet_" + std::string(kind) + "_" + message_tag(message_id);
}

void part_header(std::string& out, std::string_view content_type, std::string_view encoding) {
  out += "Content-Type: ";
  out += content_type;
  out += kCrlf;
  if (!encoding.empty()) {
    out += "Content-Transfer-Encoding: ";
    out += encoding;
    out += kCrlf;
  }
}

void open_part(std::string& out, const std::string& boundary_text) {
  out += "--" + boundary_text;
  out += kCrlf;
}

void close_multipart(std::string& out, const std::string& boundary_text) {
  out += "--" + boundary_text + "--";
  out += kCrlf;
}

}  // namespace

std::string new_message_id(const std::string& from_address) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::array<unsigned char, 16> random{};
  randombytes_buf(random.data(), random.size());
  std::array<char, 33> hex{};
  sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
  return "<" + std::string(hex.data()) + ".speedmeet@" + std::string(address_domain(from_address)) + ">";
}

std::string qr_content_id(const std::string& message_id) {
  const std::string inner = message_id.size() > 2 ? message_id.substr(1, message_id.size() - 2) : message_id;
  return "qr." + inner;
}

std::string file_stem(const std::string& participant_id, std::int64_t num) {
  const bool plain = !participant_id.empty() && participant_id.size() <= 40 &&
                     participant_id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
                         std::string::npos;
  return "badge-" + (plain ? participant_id : std::to_string(num));
}

std::string compose_message(const MessageParts& p) {
  const std::string mixed = boundary(p.message_id, "mixed");
  const std::string alternative = boundary(p.message_id, "alt");
  const std::string related = boundary(p.message_id, "rel");
  std::string out;
  out.reserve(p.pdf.size() * 4 / 3 + p.qr_png.size() * 4 / 3 + p.letter.html.size() * 2 + p.letter.text.size() * 2 +
              4096);
  out += "Message-ID: " + p.message_id;
  out += kCrlf;
  out += "Date: " + rfc5322_date(p.date_unix);
  out += kCrlf;
  out += address_field("From", p.from_name, p.from_address);
  out += address_field("To", p.to_name, p.to_address);
  out += header_field("Subject", p.letter.subject);
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Language: " + std::string(to_string(p.language));
  out += kCrlf;
  out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no vacation replies
  out += "Content-Type: multipart/mixed;\r\n boundary=\"" + mixed + "\"";
  out += kCrlf;
  out += kCrlf;
  out += "This is a message in MIME format.\r\n";  // for readers that do not know MIME

  open_part(out, mixed);
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + alternative + "\"";
  out += kCrlf;
  out += kCrlf;

  open_part(out, alternative);
  part_header(out, "text/plain; charset=utf-8", "quoted-printable");
  out += kCrlf;
  out += quoted_printable(p.letter.text);

  open_part(out, alternative);
  out += "Content-Type: multipart/related; type=\"text/html\";\r\n boundary=\"" + related + "\"";
  out += kCrlf;
  out += kCrlf;

  open_part(out, related);
  part_header(out, "text/html; charset=utf-8", "quoted-printable");
  out += kCrlf;
  out += quoted_printable(p.letter.html);

  open_part(out, related);
  part_header(out, "image/png; name=\"badge-qr.png\"", "base64");
  out += "Content-ID: <" + p.qr_content_id + ">";
  out += kCrlf;
  out += "Content-Disposition: inline; filename=\"badge-qr.png\"\r\n";
  out += kCrlf;
  out += base64_lines(p.qr_png);
  close_multipart(out, related);
  close_multipart(out, alternative);

  open_part(out, mixed);
  part_header(out, "application/pdf; name=\"" + p.pdf_filename + "\"", "base64");
  out += "Content-Disposition: attachment; filename=\"" + p.pdf_filename + "\"";
  out += kCrlf;
  out += kCrlf;
  out += base64_lines(p.pdf);
  close_multipart(out, mixed);
  return out;
}

}  // namespace speedmeet::mail
