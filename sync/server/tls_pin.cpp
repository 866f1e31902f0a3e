#include "tls_pin.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <array>
#include <cstdio>
#include <memory>
#include <vector>

namespace speedmeet::server {
namespace {

struct FileCloser { void operator()(std::FILE* f) const { std::fclose(f); } };
struct X509Free { void operator()(X509* x) const { X509_free(x); } };

}  // namespace

std::string tls_public_key_pin(const std::string& cert_path) {
  const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(cert_path.c_str(), "rb"));
  if (!file) throw TlsPinError(cert_path + ": cannot open the TLS certificate");
  const std::unique_ptr<X509, X509Free> cert(PEM_read_X509(file.get(), nullptr, nullptr, nullptr));
  if (!cert) throw TlsPinError(cert_path + ": not a PEM certificate (-----BEGIN CERTIFICATE-----)");
  const int length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), nullptr);
  if (length <= 0) throw TlsPinError(cert_path + ": the certificate's public key cannot be read");
  std::vector<unsigned char> der(static_cast<std::size_t>(length));
  unsigned char* out = der.data();
  i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &out);
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(der.data(), der.size(), digest.data());
  std::array<char, 4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1> base64{};
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()), digest.data(), static_cast<int>(digest.size()));
  return std::string("sha256//") + base64.data();
}

}  // namespace speedmeet::server
