#pragma once
// A kiosk enrolling itself from a setup code (kiosk.toml: [server]
// setup_code = true and no token file yet). What the code and the server
// said is kept in the data folder:
//   token_file             the device token, 0600 (written last: its
//                          presence means "enrolled")
//   DATA/enrolment.json    {"url", "device", "tls_pin"}, 0600
// and wins over kiosk.toml's [server] url and device from then on.
#include <string>

#include "checkin/screens.hpp"
#include "kiosk_config.hpp"

namespace speedmeet::kiosk {

// Whether the kiosk must show "scan the setup code" before anything else.
bool awaits_setup_code(const KioskConfig& config);

// Puts a stored enrolment's URL, pin and name into `config` (nothing when
// the kiosk was not enrolled by code). Throws InputError for a damaged file.
void apply_stored_enrolment(KioskConfig& config);

class Enroller {
 public:
  explicit Enroller(const KioskConfig& config) : config_(config) {}

  // A code the camera or scanner read: refused locally (not a setup code, a
  // newer handshake) or sent to the code's server. Blocks for the network
  // (up to 25 s): the window calls it off its UI thread. Every refusal is
  // one sentence in the returned screen and on stderr.
  SetupCodeScreen offer(const std::string& text);
  bool enrolled() const { return enrolled_; }
  const std::string& device() const { return device_; }

 private:
  void store(const std::string& url, const std::string& tls_pin, const std::string& device, const std::string& token);
  KioskConfig config_;
  bool enrolled_ = false;
  std::string device_;
};

}  // namespace speedmeet::kiosk
