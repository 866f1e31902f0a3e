#pragma once
// The pin a kiosk holds for the server's TLS certificate: "sha256//" and the
// base64 SHA-256 of the certificate's public key (its DER SubjectPublicKeyInfo),
// the form libcurl's CURLOPT_PINNEDPUBLICKEY takes. Pinning the key rather
// than the whole certificate lets the certificate be renewed with the same
// key without re-enrolling the kiosks. The same value comes from:
//   openssl x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform der |
//     openssl dgst -sha256 -binary | base64
#include <stdexcept>
#include <string>

namespace speedmeet::server {

class TlsPinError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The pin of the first certificate in the PEM file `cert_path`. Throws
// TlsPinError (naming the file) when it cannot be read or holds no certificate.
std::string tls_public_key_pin(const std::string& cert_path);

}  // namespace speedmeet::server
