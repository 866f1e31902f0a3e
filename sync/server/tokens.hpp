#pragma once
// Device tokens: 32 random bytes shown once as text; the database keeps only
// their BLAKE2b hash, compared in constant time.
#include <string>
#include <string_view>
#include <vector>

namespace speedmeet::server {

inline constexpr std::size_t kTokenHashBytes = 32;

std::string make_device_token();                      // "smd_" + 64 hex digits
std::string make_enrolment_secret();                  // "sme_" + 64 hex digits (a setup code's one-time secret)
bool looks_like_token(std::string_view text);         // shape only, before hashing
std::vector<unsigned char> hash_token(std::string_view token);
bool same_hash(const std::vector<unsigned char>& a, const std::vector<unsigned char>& b);  // constant time

}  // namespace speedmeet::server
