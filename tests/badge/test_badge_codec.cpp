// The SM1 codec and verifier: round trips, strictness, and a table of
// hostile codes each giving the expected answer.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "badge/utf8.hpp"
#include "badge_fixture.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using badge::BadgeStatus;

namespace {

const badge::BadgeVerifier& verifier() {
  static const badge::BadgeVerifier v(kTestEventId, event_keys().public_key);
  return v;
}

badge::Verification check(std::string_view text) {
  static const badge::MemoryRoster roster = test_roster();
  return verifier().verify(text, roster);
}

struct Parts {
  std::string payload, signature;
};

Parts split(const std::string& code) {
  const auto first = code.find('.');
  const auto second = code.find('.', first + 1);
  return {code.substr(first + 1, second - first - 1), code.substr(second + 1)};
}

std::vector<unsigned char> decode(const std::string& b64) {
  std::vector<unsigned char> out(128);
  const auto n = badge::base64url_decode(b64, out);
  REQUIRE(n.has_value());
  out.resize(*n);
  return out;
}

// Any payload bytes, correctly signed by keys: isolates the parser's checks
// from the signature's.
std::string sign_raw(const std::vector<unsigned char>& payload, const TestKeys& keys = event_keys()) {
  std::vector<unsigned char> message{'S', 'M', '1'};
  message.insert(message.end(), payload.begin(), payload.end());
  std::array<unsigned char, 64> sig{};
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), keys.secret_key.data());
  return "SM1." + badge::base64url_encode(payload) + "." + badge::base64url_encode(sig);
}

std::vector<unsigned char> tag_bytes(const char* event_id = kTestEventId) {
  const auto tag = badge::event_tag(event_id);
  return {tag.begin(), tag.end()};
}

std::vector<unsigned char> concat(std::vector<unsigned char> a, std::initializer_list<unsigned char> b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string tamper_payload(const std::string& code, std::size_t index, unsigned char flip) {
  const Parts p = split(code);
  auto bytes = decode(p.payload);
  bytes.at(index) ^= flip;
  return "SM1." + badge::base64url_encode(bytes) + "." + p.signature;
}

std::string tamper_signature(const std::string& code, std::size_t index) {
  const Parts p = split(code);
  auto bytes = decode(p.signature);
  bytes.at(index) ^= 0x01;
  return "SM1." + p.payload + "." + badge::base64url_encode(bytes);
}

// The last character of a 64-byte signature carries 2 bits and 4 unused
// zero bits; setting the lowest keeps the alphabet but breaks canonicity.
char with_low_bit_set(char last) {
  constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  return alphabet.at(alphabet.find(last) | 1u);
}

std::string replace_at(std::string s, std::size_t pos, char c) {
  s.at(pos) = c;
  return s;
}

}  // namespace

TEST_CASE("an issued badge verifies ok for its participant and stays within QR version 6-M") {
  const std::string code = issue_test_badge(7, 2);
  CHECK(code.rfind("SM1.", 0) == 0);
  CHECK(code.size() == 99);  // num and serial below 128: one varint byte each
  const auto v = check(code);
  CHECK(v.status == BadgeStatus::ok);
  CHECK(v.participant_id == "P07");
  CHECK(v.num == 7);
  CHECK(v.serial == 2);
  CHECK_FALSE(v.external);

  const std::string largest = issue_test_badge(badge::kMaxNum, badge::kMaxSerial);
  CHECK(largest.size() == badge::kMaxBadgeText);
  CHECK(largest.size() <= 106);  // byte capacity of a version 6 QR code at level M
  const auto parsed = badge::parse_badge(largest);
  REQUIRE(parsed);
  CHECK(parsed->payload.num == badge::kMaxNum);
  CHECK(parsed->payload.serial == badge::kMaxSerial);
}

TEST_CASE("issuing is deterministic and refuses numbers out of range") {
  CHECK(issue_test_badge(300, 1) == issue_test_badge(300, 1));
  CHECK(issue_test_badge(300, 1) != issue_test_badge(300, 2));
  CHECK(check(issue_test_badge(300, 1)).participant_id == "C300");
  CHECK_THROWS_AS(issue_test_badge(0, 1), std::invalid_argument);
  CHECK_THROWS_AS(issue_test_badge(1, 0), std::invalid_argument);
  CHECK_THROWS_AS(issue_test_badge(badge::kMaxNum + 1, 1), std::invalid_argument);
  CHECK_THROWS_AS(issue_test_badge(1, badge::kMaxSerial + 1), std::invalid_argument);
  CHECK_THROWS_AS(issue_test_badge(-5, 1), std::invalid_argument);
}

TEST_CASE("keys of the wrong size are refused") {
  const std::vector<unsigned char> short_key(31);
  CHECK_THROWS_AS(badge::BadgeVerifier(kTestEventId, short_key), std::invalid_argument);
  CHECK_THROWS_AS(badge::SigningKey(short_key), std::invalid_argument);
  const badge::SigningKey key(event_keys().secret_key);
  CHECK(key.public_key() == event_keys().public_key);
}

TEST_CASE("base64url is strict: alphabet, no padding, canonical unused bits") {
  const std::vector<unsigned char> bytes{0xfb, 0xff, 0x00, 0x10};
  const std::string text = badge::base64url_encode(bytes);
  CHECK(text == "-_8AEA");
  CHECK(decode(text) == bytes);
  std::array<unsigned char, 16> out{};
  CHECK_FALSE(badge::base64url_decode("-_8AEA==", out));  // padding
  CHECK_FALSE(badge::base64url_decode("+/8AEA", out));    // standard alphabet
  CHECK_FALSE(badge::base64url_decode("-_8AEB", out));    // unused bits set
  CHECK_FALSE(badge::base64url_decode("-_8AE", out));     // 4k+1 characters
  CHECK_FALSE(badge::base64url_decode(std::string_view("-_8\0EA", 6), out));
  std::array<unsigned char, 2> tiny{};
  CHECK_FALSE(badge::base64url_decode("-_8AEA", tiny));   // more bytes than room
  CHECK(badge::base64url_decode("", out) == 0u);
}

TEST_CASE("a newer serial than the roster's is genuine: the roster has not heard of the reissue yet") {
  const auto v = check(issue_test_badge(7, 5));
  CHECK(v.status == BadgeStatus::ok);
  CHECK(v.serial == 5);
}

TEST_CASE("an external code is its holder's first badge: a revoke or reissue (serial 2+) refuses it") {
  badge::MemoryRoster roster = test_roster();
  roster.add(10, "C10", 2, "TKT-LOST-0010");
  const auto revoked = verifier().verify("TKT-LOST-0010", roster);
  CHECK(revoked.status == BadgeStatus::revoked);
  CHECK(revoked.participant_id == "C10");
  CHECK(revoked.external);
  // The SM1 badge that replaces it holds; the serial-1 one does not.
  CHECK(verifier().verify(issue_test_badge(10, 2), roster).status == BadgeStatus::ok);
  CHECK(verifier().verify(issue_test_badge(10, 1), roster).status == BadgeStatus::revoked);
  CHECK(check("TKT-8F3A-2291").status == BadgeStatus::ok);  // serial 1: still valid
}

TEST_CASE("a roster that throws gives unknown, never an exception") {
  using Entry = std::optional<badge::RosterEntry>;
  const badge::CallbackRoster broken([](std::uint32_t) -> Entry { throw std::runtime_error("db"); },
                                     [](std::string_view) -> Entry { throw std::runtime_error("db"); });
  CHECK(verifier().verify(issue_test_badge(7, 2), broken).status == BadgeStatus::unknown);
  CHECK(verifier().verify("TKT-8F3A-2291", broken).status == BadgeStatus::unknown);
}

TEST_CASE("hostile codes each get the expected answer") {
  const std::string valid = issue_test_badge(7, 2);
  const std::string other_valid = issue_test_badge(300, 1);
  const Parts parts = split(valid);
  const auto tag = tag_bytes();

  struct Case {
    std::string name;
    std::string text;
    BadgeStatus expected;
  };
  const std::vector<Case> cases = {
      {"valid badge", valid, BadgeStatus::ok},
      {"external code in the roster", "TKT-8F3A-2291", BadgeStatus::ok},
      {"empty", "", BadgeStatus::malformed},
      // Tampering, one byte in each part.
      {"version tag byte changed to another version", replace_at(valid, 2, '2'), BadgeStatus::malformed},
      {"version tag byte changed, no longer a version", replace_at(valid, 2, 'X'), BadgeStatus::unknown},
      {"event tag byte flipped", tamper_payload(valid, 0, 0x01), BadgeStatus::other_event},
      {"participant number byte flipped", tamper_payload(valid, 4, 0x01), BadgeStatus::bad_signature},
      {"serial byte flipped", tamper_payload(valid, 5, 0x01), BadgeStatus::bad_signature},
      {"first signature byte flipped", tamper_signature(valid, 0), BadgeStatus::bad_signature},
      {"last signature byte flipped", tamper_signature(valid, 63), BadgeStatus::bad_signature},
      {"signature of another badge", "SM1." + parts.payload + "." + split(other_valid).signature,
       BadgeStatus::bad_signature},
      // Keys and events.
      {"our event id signed with another key", issue_test_badge(7, 2, other_keys()), BadgeStatus::bad_signature},
      {"another event's badge and key", issue_test_badge(7, 2, other_keys(), kOtherEventId), BadgeStatus::other_event},
      {"another event's id signed with our key", issue_test_badge(7, 2, event_keys(), kOtherEventId),
       BadgeStatus::other_event},
      // Roster.
      {"revoked serial", issue_test_badge(8, 2), BadgeStatus::revoked},
      {"unknown participant", issue_test_badge(9, 1), BadgeStatus::unknown},
      {"external code not in the roster", "TKT-0000-0000", BadgeStatus::unknown},
      {"lowercase version tag is nobody's external code", "sm1" + valid.substr(3), BadgeStatus::unknown},
      // Length.
      {"truncated by one character", valid.substr(0, valid.size() - 1), BadgeStatus::malformed},
      {"truncated to half", valid.substr(0, valid.size() / 2), BadgeStatus::malformed},
      {"version tag only", "SM1.", BadgeStatus::malformed},
      {"empty parts", "SM1..", BadgeStatus::malformed},
      {"10 kB badge", "SM1." + std::string(10000, 'A') + "." + parts.signature, BadgeStatus::malformed},
      {"10 kB external code", std::string(10240, 'A'), BadgeStatus::malformed},
      {"extra part", valid + ".AAAA", BadgeStatus::malformed},
      {"trailing CR LF", valid + "\r\n", BadgeStatus::malformed},
      // Alphabet and encoding.
      {"standard base64 '+' in signature", replace_at(valid, valid.size() - 10, '+'), BadgeStatus::malformed},
      {"standard base64 '/' in payload", replace_at(valid, 5, '/'), BadgeStatus::malformed},
      {"padding", "SM1." + parts.payload + "." + parts.signature + "==", BadgeStatus::malformed},
      {"unused bits set in the last signature character",
       valid.substr(0, valid.size() - 1) + with_low_bit_set(valid.back()), BadgeStatus::malformed},
      {"NUL byte inside", valid.substr(0, 20) + std::string(1, '\0') + valid.substr(21), BadgeStatus::malformed},
      {"NUL byte alone", std::string(1, '\0'), BadgeStatus::malformed},
      {"invalid UTF-8", "\xff\xfe\xfd", BadgeStatus::malformed},
      {"truncated UTF-8 sequence in an external code", "TKT-\xc3", BadgeStatus::malformed},
      {"overlong UTF-8", "\xc0\xaf", BadgeStatus::malformed},
      {"invalid UTF-8 inside a badge", "SM1.\xc3\x28" + valid.substr(6), BadgeStatus::malformed},
      {"control character in an external code", "TKT-8F3A\n2291", BadgeStatus::malformed},
      {"wrong version SM2", "SM2" + valid.substr(3), BadgeStatus::malformed},
      {"wrong version SM0", "SM0" + valid.substr(3), BadgeStatus::malformed},
      {"wrong version SM10", "SM10" + valid.substr(3), BadgeStatus::malformed},
      // Validly signed, yet not canonical or out of range.
      {"non-canonical varint, correctly signed", sign_raw(concat(tag, {0x87, 0x00, 0x02})), BadgeStatus::malformed},
      {"participant number 0, correctly signed", sign_raw(concat(tag, {0x00, 0x02})), BadgeStatus::malformed},
      {"serial 0, correctly signed", sign_raw(concat(tag, {0x07, 0x00})), BadgeStatus::malformed},
      {"trailing byte after the serial, correctly signed", sign_raw(concat(tag, {0x07, 0x02, 0x00})),
       BadgeStatus::malformed},
      {"varint longer than 3 bytes, correctly signed", sign_raw(concat(tag, {0x80, 0x80, 0x80, 0x01, 0x02})),
       BadgeStatus::malformed},
      {"payload without serial, correctly signed", sign_raw(concat(tag, {0x07})), BadgeStatus::malformed},
      {"hand-made canonical payload, correctly signed", sign_raw(concat(tag, {0x07, 0x02})), BadgeStatus::ok},
  };
  REQUIRE(cases.size() >= 25);
  for (const auto& c : cases) {
    INFO(c.name);
    const auto v = check(c.text);
    CHECK(badge::to_string(v.status) == badge::to_string(c.expected));
    if (c.expected != BadgeStatus::ok && c.expected != BadgeStatus::revoked) CHECK(v.participant_id.empty());
  }
}

TEST_CASE("the parser explains what it refused") {
  std::string_view problem;
  CHECK_FALSE(badge::parse_badge("SM1.AAAA.BBBB", &problem));
  CHECK(problem == "payload of the wrong length");
  CHECK_FALSE(badge::parse_badge(std::string(200, 'A'), &problem));
  CHECK(problem == "longer than any SM1 badge");
}

TEST_CASE("recognising a speedmeet badge by its version tag") {
  CHECK(badge::looks_like_speedmeet_badge("SM1.x"));
  CHECK(badge::looks_like_speedmeet_badge("SM42."));
  CHECK_FALSE(badge::looks_like_speedmeet_badge("SM."));
  CHECK_FALSE(badge::looks_like_speedmeet_badge("SM1"));
  CHECK_FALSE(badge::looks_like_speedmeet_badge("TKT-1"));
}

TEST_CASE("an external code is matched against the roster first, whatever it looks like") {
  badge::MemoryRoster roster = test_roster();
  roster.add(42, "P42", 1, "SM2026.0042");  // another ticketing system's own "SM" codes
  roster.add(43, "P43", 1, "SM1.not-a-real-badge");
  const std::string valid = issue_test_badge(7, 2);
  roster.add(44, "P44", 1, "sm1" + valid.substr(3));
  const auto verify = [&](std::string_view text) { return verifier().verify(text, roster); };

  const auto sm = verify("SM2026.0042");
  CHECK(sm.status == BadgeStatus::ok);
  CHECK(sm.external);
  CHECK(sm.participant_id == "P42");
  CHECK(verify("SM1.not-a-real-badge").participant_id == "P43");
  // Not in the roster: then it is read as what it looks like.
  CHECK(verify("SM2026.0043").status == BadgeStatus::malformed);
  CHECK(verify("SM1.not-a-real-badgf").status == BadgeStatus::malformed);
  CHECK(verify("TKT-0000").status == BadgeStatus::unknown);
  // A genuine badge is still a badge, with its number and serial.
  const auto genuine = verify(valid);
  CHECK(genuine.status == BadgeStatus::ok);
  CHECK_FALSE(genuine.external);
  CHECK(genuine.participant_id == "P07");
  // A code the roster holds must still be printable text of bounded size.
  CHECK(verify("TKT-\xC2\x85" "1").status == BadgeStatus::malformed);
  CHECK(verify("TKT-\x7F" "1").status == BadgeStatus::malformed);
  CHECK(verify(std::string(600, 'S')).status == BadgeStatus::malformed);
}

TEST_CASE("control characters and bidi controls are told apart from text") {
  for (const char32_t cp : {U'\0', U'\t', U'\n', U'\x1F', U'\x7F', U'\x80', U'\x85', U'\x9B', U'\x9F'}) {
    INFO(badge::code_point_label(cp));
    CHECK(badge::is_control_character(cp));
  }
  for (const char32_t cp : {U' ', U'~', U'\xA0', U'é', U'\x200E', U'\x2028'}) {
    INFO(badge::code_point_label(cp));
    CHECK_FALSE(badge::is_control_character(cp));
  }
  for (const char32_t cp : {U'\x202A', U'\x202B', U'\x202C', U'\x202D', U'\x202E', U'\x2066', U'\x2067', U'\x2068',
                            U'\x2069'})
    CHECK(badge::is_bidi_control(cp));
  for (const char32_t cp : {U'\x2029', U'\x202F', U'\x2065', U'\x206A', U'\x200F'}) CHECK_FALSE(badge::is_bidi_control(cp));

  const auto at = badge::find_code_point("Léa\xE2\x80\xAEOrg", badge::is_bidi_control);
  REQUIRE(at);
  CHECK(at->offset == 4);
  CHECK(at->code_point == 0x202E);
  CHECK(badge::code_point_label(at->code_point) == "U+202E");
  CHECK(badge::code_point_label(0x1F600) == "U+1F600");
  CHECK_FALSE(badge::find_code_point("Léa Müller", badge::is_control_character));
  const auto invalid = badge::find_code_point("ab\xFF", badge::is_control_character);
  REQUIRE(invalid);
  CHECK(invalid->offset == 2);
  CHECK(invalid->code_point == 0xFFFD);
  CHECK(badge::is_printable_utf8("Léa Müller 😀"));
  CHECK_FALSE(badge::is_printable_utf8("Jo\xC2\x85"));
  CHECK_FALSE(badge::is_printable_utf8("Jo\x7F"));
}
