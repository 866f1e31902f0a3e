// The bytes of a message, without a server: encodings, header folding,
// addresses, dates. (How a real mail client reads whole messages is in
// test_mail_send.cpp, through Python's email package.)
#include <catch2/catch.hpp>

#include <sodium.h>

#include "mail/letter.hpp"
#include "mail/message.hpp"
#include "mail/mime.hpp"

using namespace speedmeet;
using namespace speedmeet::mail;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    REQUIRE(end != std::string::npos);  // every line ends in CRLF
    out.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

// A reader's view of quoted-printable (RFC 2045 6.7), for the round trip.
std::string decode_qp(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;  // soft line break
    } else {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

std::string decode_base64(const std::string& text) {
  std::string flat;
  for (const char c : text)
    if (c != '\r' && c != '\n') flat += c;
  std::string out(flat.size(), '\0');
  std::size_t length = 0;
  REQUIRE(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), flat.data(), flat.size(), nullptr,
                            &length, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0);
  out.resize(length);
  return out;
}

// The text of a header's encoded words, joined.
std::string decode_words(const std::string& field) {
  std::string out;
  for (std::size_t at = field.find("=?UTF-8?B?"); at != std::string::npos; at = field.find("=?UTF-8?B?", at + 1)) {
    const std::size_t end = field.find("?=", at + 10);
    out += decode_base64(field.substr(at + 10, end - at - 10));
  }
  return out;
}

}  // namespace

TEST_CASE("base64 bodies: 76 characters a line, CRLF, every byte back") {
  std::string bytes;
  for (int i = 0; i < 1000; ++i) bytes += static_cast<char>(i * 37 % 256);
  const std::string encoded = base64_lines(bytes);
  for (const auto& line : lines(encoded)) CHECK(line.size() <= 76);
  CHECK(lines(encoded).front().size() == 76);
  CHECK(decode_base64(encoded) == bytes);
  CHECK(base64_lines("").empty());
}

TEST_CASE("quoted-printable: short lines, soft breaks, nothing a relay could change") {
  const std::string text =
      "Bonjour L\u00e9a,\n"
      "From now on = here.\n"
      ".a line starting with a dot\n"
      "trailing space \n"
      "trailing tab\t\r\n"
      + std::string(200, 'x') + "\n"
      + "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
        "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\n";
  const std::string qp = quoted_printable(text);
  for (const auto& line : lines(qp)) {
    CHECK(line.size() <= 76);
    CHECK(line.rfind("From ", 0) != 0);
    CHECK(line.rfind(".", 0) != 0);
    CHECK((line.empty() || (line.back() != ' ' && line.back() != '\t')));
    for (const char c : line) CHECK((c >= 0x20 && c <= 0x7E));
  }
  std::string expected;  // the text with CRLF line ends
  for (const char c : text) {
    if (c == '\r') continue;
    if (c == '\n') expected += '\r';
    expected += c;
  }
  CHECK(decode_qp(qp) == expected);
  CHECK(qp.find("=3D") != std::string::npos);
  CHECK(qp.find("space=20\r\n") != std::string::npos);
  CHECK(qp.find("tab=09\r\n") != std::string::npos);
}

TEST_CASE("header fields: ASCII as it is, anything else as encoded words, folded at 78") {
  CHECK(header_field("Subject", "Your badge") == "Subject: Your badge\r\n");
  const std::string subject = "Votre badge et vos rendez-vous \u2013 Rencontres d\u2019Affaires Num\u00e9riques \u00c9t\u00e9 "
                              "2026 \u00e0 Luxembourg-Kirchberg, salle \u00ab Alzette \u00bb";
  const std::string field = header_field("Subject", subject);
  const auto folded = lines(field);
  CHECK(folded.size() > 2);
  for (std::size_t i = 0; i < folded.size(); ++i) {
    CHECK(folded[i].size() <= 78);
    if (i > 0) CHECK(folded[i].rfind(" =?UTF-8?B?", 0) == 0);
  }
  CHECK(decode_words(field) == subject);
  // Control characters cannot start a new header line.
  const std::string injected = header_field("Subject", "Hi\r\nBcc: everyone@example.org");
  CHECK(lines(injected).size() == 1);
  CHECK(header_field("Subject", "looks =?like?= a word").find("=?UTF-8?B?") == 9);
  // A long ASCII value is folded at spaces.
  const std::string long_ascii = header_field("Subject", std::string(60, 'a').append(" ").append(30, 'b'));
  CHECK(lines(long_ascii).size() == 2);
}

TEST_CASE("address fields: plain words, quoted specials, encoded words; the address in angle brackets") {
  CHECK(address_field("To", "Sarah O'Connell", "s@example.org") == "To: Sarah O'Connell <s@example.org>\r\n");
  CHECK(address_field("To", "Weber, Anna \"Ann\"", "a@example.org") == "To: \"Weber, Anna \\\"Ann\\\"\" <a@example.org>\r\n");
  CHECK(address_field("To", "", "a@example.org") == "To: <a@example.org>\r\n");
  const std::string name = "Zo\u00eb d'Ambrosio-\u0141ukasiewicz";
  const std::string field = address_field("To", name, "zoe@example.org");
  CHECK(field.rfind("To: =?UTF-8?B?", 0) == 0);
  CHECK(field.find(" <zoe@example.org>\r\n") != std::string::npos);
  CHECK(decode_words(field) == name);
  const std::string long_name(120, 'x');
  for (const auto& line : lines(address_field("To", "\u00e9" + long_name, "x@example.org"))) CHECK(line.size() <= 78);
}

TEST_CASE("addresses speedmeet sends to") {
  for (const char* good : {"lea.muller@example.lu", "a+tag@sub.example.org", "o'connell@example.com", "x@localhost"})
    CHECK(is_mailable_address(good));
  for (const char* bad : {"", "plain", "@example.org", "a@", "a..b@example.org", ".a@example.org", "a@-x.org",
                          "a b@example.org", "a@exa mple.org", "<a@example.org>", "a@example.org\r\nRCPT TO:<b@x.org>",
                          "z\u00f6e@example.org", "a@ex_ample.org"})
    CHECK_FALSE(is_mailable_address(bad));
  CHECK_FALSE(is_mailable_address(std::string(65, 'a').append("@example.org")));
  CHECK(address_domain("a@example.org") == "example.org");
}

TEST_CASE("dates, HTML text, message ids and file names") {
  CHECK(rfc5322_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(rfc5322_date(1795786028) == "Fri, 27 Nov 2026 13:27:08 +0000");
  CHECK(html_escape("<b>\"Tom\" & 'Jerry'</b>") == "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
  CHECK(clean_text("a\tb\x01" "c\xff") == "a b c\xEF\xBF\xBD");
  const std::string id = new_message_id("badges@example.org");
  CHECK(id.size() == 1 + 32 + 10 + 11 + 1 + 1);
  CHECK(id.rfind("<", 0) == 0);
  CHECK(id.find(".speedmeet@example.org>") == 33);
  CHECK(new_message_id("badges@example.org") != id);
  CHECK(qr_content_id("<abc@example.org>") == "qr.abc@example.org");
  CHECK(file_stem("C01", 7) == "badge-C01");
  CHECK(file_stem("C 01/..", 7) == "badge-7");
}
