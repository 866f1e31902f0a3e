#pragma once
// kiosk.toml: how one kiosk runs. See config/kiosk.toml for every key.
// Relative paths in the file (data, camera.device, server.token_file,
// server.ca_file, branding.logo, printer.device, and the default data folder) are resolved
// against the folder that holds the file, not the current directory;
// absolute paths are kept as they are.
#include <optional>
#include <string>

#include "checkin/kiosk_core.hpp"

namespace speedmeet::kiosk {

struct CameraConfig {
  std::string device;  // "/dev/video0"; empty: no camera
  int width = 1280;
  int height = 720;
  int fps = 30;
};

struct ScannerConfig {
  bool enabled = true;         // USB keyboard-wedge scanner
  int max_gap_ms = 30;         // a scanner types faster than this between keys
  std::string terminator = "enter";  // enter | tab
  bool accept_typing = false;  // slow human typing counts as a scan (demo, staff)
  // The scanner's input device (/dev/input/by-id/...-event-kbd), for the
  // self-check only; empty: not checked (a keyboard wedge is a keyboard).
  std::string device;
};

// The self-check (docs/CHECKIN.md, "Self-check").
struct SelfCheckConfig {
  int min_free_mb = 50;         // less free space in the data folder: E-DISK
  bool require_server = false;  // the server unreachable puts the kiosk out of order (E-NET)
};

struct ServerConfig {
  std::string url;         // empty: no server (offline kiosk, USB bundles)
  std::string token_file;  // file holding the device token (never the token itself here)
  std::string ca_file;     // custom CA bundle for https, optional
  // With no token file yet: show "scan the setup code" and enrol from the
  // code (docs/API.md, "Enrolment by setup code"); the token then lands in
  // token_file, the code's URL, pin and name in DATA/enrolment.json.
  bool setup_code = false;
  std::string tls_pin;     // not a kiosk.toml key: from DATA/enrolment.json
};

struct BrandingConfig {
  std::string primary = "#123B6D";  // header and accents
  std::string accent = "#F5A623";
  std::string logo;                 // PNG shown on the idle screen, optional
};

// A receipt printer for agenda slips (receipt_printer.hpp): its device
// file, written raw ESC/POS. Empty device: none.
struct PrinterConfig {
  std::string device;  // "/dev/usb/lp0"
  int columns = 42;    // characters per line in font A (48 on 576-dot printers)
};

struct KioskConfig {
  std::string device_name = "kiosk";
  std::string data_dir = "kiosk-data";  // holds kiosk.db
  KioskMode mode = KioskMode::entrance;
  Language language = Language::en;
  bool fullscreen = true;
  bool sound = true;  // a tone per scan: ok, attention, error
  CameraConfig camera;
  ScannerConfig scanner;
  ServerConfig server;
  BrandingConfig branding;
  PrinterConfig printer;
  SelfCheckConfig selfcheck;

  std::string database_path() const { return data_dir + "/kiosk.db"; }
};

// Throws organizer-style InputError (file:line: field: problem) on bad input.
KioskConfig load_kiosk_config(const std::string& path);
// file_name: the file's path, for messages and as the folder relative paths
// are resolved against ("k.toml": the current directory).
KioskConfig parse_kiosk_config(const std::string& toml_text, const std::string& file_name);

}  // namespace speedmeet::kiosk
