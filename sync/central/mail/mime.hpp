#pragma once
// The bytes of Internet mail (RFC 5322 messages, MIME bodies, RFC 2047
// encoded words): pure text functions, no I/O. Every line they produce ends
// in CRLF and is at most 78 characters long (76 in bodies), so messages
// pass unchanged through any relay; nothing but printable ASCII leaves
// here.
#include <cstdint>
#include <string>
#include <string_view>

namespace speedmeet::mail {

// Standard base64 (RFC 2045), 76 characters a line, every line CRLF-ended.
std::string base64_lines(std::string_view bytes);

// Quoted-printable (RFC 2045 6.7) of UTF-8 text whose lines end in LF or
// CRLF: lines of at most 76 characters with soft breaks, "=" and bytes
// outside printable ASCII as =XX, spaces before a line end as =20, and
// "From " and "." at a line's start encoded (mbox and SMTP both read them).
std::string quoted_printable(std::string_view text);

// One header field, folded: "Name: value\r\n". A value that is printable
// ASCII goes as it is, folded at spaces; any other (accents, control
// characters turned into spaces first) as UTF-8 "B" encoded words of at
// most 67 characters each.
std::string header_field(std::string_view name, std::string_view value);

// "From" / "To" fields: display name and address. Names of plain words go
// as they are, names with specials ("Weber, Anna") as a quoted string,
// anything else as encoded words; the address in angle brackets.
std::string address_field(std::string_view name, std::string_view display_name, std::string_view address);

// An address speedmeet can hand to an SMTP server: ASCII dot-atom local
// part (at most 64 characters) "@" a domain of letters, digits, hyphens and
// dots; 254 characters at most. Quoted local parts and internationalised
// addresses (SMTPUTF8) are not supported.
bool is_mailable_address(std::string_view address);
// The domain of a mailable address.
std::string_view address_domain(std::string_view address);

// RFC 5322 date-time in UTC: "Fri, 27 Nov 2026 13:57:08 +0000".
std::string rfc5322_date(std::int64_t unix_seconds);

// Text for HTML element content and attribute values.
std::string html_escape(std::string_view text);

// Valid UTF-8 with control characters (line breaks included) as spaces and
// invalid bytes as U+FFFD: names come from spreadsheets.
std::string clean_text(std::string_view text);

}  // namespace speedmeet::mail
