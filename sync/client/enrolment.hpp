#pragma once
// The kiosk's side of enrolment by setup code (docs/API.md): POST
// /api/v1/device/enroll with the code's one-time secret, over a connection
// that trusts only the code's pinned certificate key.
#include <string>

#include "protocol/setup_code.hpp"

namespace speedmeet::client {

struct EnrolFrom {
  std::string software;  // "speedmeet-kiosk 0.1.0"
  std::string hardware;  // "Linux aarch64"
};

// The device's name and token. Throws protocol::SetupCodeError whose what()
// is one sentence for the screen and the log (never the secret or a token):
// the code used, expired or unknown, another event, another server's
// certificate (wrong fingerprint), an unreachable server.
protocol::EnrollAnswer enrol_with_setup_code(const protocol::SetupCode& code, const EnrolFrom& from);

}  // namespace speedmeet::client
