#pragma once
// A kiosk's setup code as a PNG to show on a screen or print
// (speedmeet device add DB NAME --qr FILE.png): the QR code, and under it
// the kiosk's name and until when the code works. The code holds a one-time
// secret, so the file is written private (0600) by the caller.
#include <string>

namespace speedmeet::print {

struct SetupCodeCaption {
  std::string device;       // "door-1"
  std::string valid_until;  // "2026-11-27 09:30 UTC"
};

// The PNG's bytes. Throws std::invalid_argument when the text does not fit
// a QR code, std::runtime_error when cairo fails.
std::string setup_code_png(const std::string& code_text, const SetupCodeCaption& caption);

}  // namespace speedmeet::print
