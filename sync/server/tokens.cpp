#include "tokens.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace speedmeet::server {
namespace {

constexpr std::string_view kPrefix = "smd_";

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string random_hex_with(std::string_view prefix) {
  init_sodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  sodium_memzero(bytes.data(), bytes.size());
  std::string token = std::string(prefix) + hex.data();
  sodium_memzero(hex.data(), hex.size());
  return token;
}

}  // namespace

std::string make_device_token() { return random_hex_with(kPrefix); }

std::string make_enrolment_secret() { return random_hex_with("sme_"); }

bool looks_like_token(std::string_view text) {
  if (text.size() != kPrefix.size() + 64 || text.substr(0, kPrefix.size()) != kPrefix) return false;
  const auto hex = text.substr(kPrefix.size());
  return std::all_of(hex.begin(), hex.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::vector<unsigned char> hash_token(std::string_view token) {
  init_sodium();
  std::vector<unsigned char> out(kTokenHashBytes);
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  return out;
}

bool same_hash(const std::vector<unsigned char>& a, const std::vector<unsigned char>& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace speedmeet::server
