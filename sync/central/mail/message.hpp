#pragma once
// One participant's message as the bytes an SMTP server receives (RFC 5322
// with MIME, CRLF line ends, no line over 78 characters):
//
//   multipart/mixed
//   ├── multipart/alternative
//   │   ├── text/plain; charset=utf-8          (quoted-printable)
//   │   └── multipart/related; type="text/html"
//   │       ├── text/html; charset=utf-8       (quoted-printable)
//   │       └── image/png, inline, Content-ID  (base64: the badge's QR code)
//   └── application/pdf, attachment           (base64: the badge, A6)
//
// A mail client shows the HTML with the QR code in place (cid:), or the
// text where HTML is off, and lists the PDF as an attachment. The MIME
// boundaries derive from the Message-ID, so the same parts give the same
// bytes.
#include <cstdint>
#include <string>

#include "domain/event.hpp"
#include "letter.hpp"

namespace speedmeet::mail {

struct MessageParts {
  std::string message_id;  // "<...@domain>"
  std::int64_t date_unix = 0;
  std::string from_name, from_address;
  std::string to_name, to_address;
  Language language = Language::en;
  Letter letter;
  std::string qr_png;
  std::string qr_content_id;  // without <>
  std::string pdf;
  std::string pdf_filename;   // ASCII
};

std::string compose_message(const MessageParts& parts);

// A fresh Message-ID for a message from from_address: "<32 random hex
// digits.speedmeet@domain>".
std::string new_message_id(const std::string& from_address);

// The inline QR image's Content-ID for a message (without <>).
std::string qr_content_id(const std::string& message_id);

// "badge-C01.pdf"; participant ids that are not plain ASCII letters, digits,
// '-' or '_' use the badge number instead: "badge-17.pdf".
std::string file_stem(const std::string& participant_id, std::int64_t num);

}  // namespace speedmeet::mail
