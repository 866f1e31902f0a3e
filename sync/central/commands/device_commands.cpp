// speedmeet device add|list|revoke|rotate: kiosk enrolment, by token file
// or by setup code (--qr).
#include <iostream>

#include "cli/args.hpp"
#include "commands.hpp"
#include "domain/clock_offset.hpp"
#include "files/private_file.hpp"
#include "domain/input_error.hpp"
#include "organizer/event_database.hpp"
#include "print/badge_render.hpp"
#include "print/setup_code_image.hpp"
#include "protocol/bundles.hpp"
#include "protocol/setup_code.hpp"
#include "server/device_registry.hpp"
#include "server/event_reader.hpp"
#include "server/log.hpp"
#include "server/tls_pin.hpp"
#include "store/database.hpp"

namespace speedmeet::cli {
namespace {

std::string when(const std::optional<std::int64_t>& ms) { return ms ? server::format_utc_ms(*ms) : "never"; }

// The kiosk's clock as it last reported it: server minus kiosk, so a kiosk
// two hours fast shows "clock offset -2:00:00".
std::string clock_of(const server::DeviceInfo& d) {
  if (!d.clock_offset_ms) return "clock offset not reported";
  return "clock offset " + format_clock_offset(*d.clock_offset_ms) + " (round trip " +
         std::to_string(d.clock_rtt_ms.value_or(0)) + " ms, reported " + when(d.clock_reported_at_ms) + ")";
}

// One line per kiosk; a name two kiosks use says so, loudly, with what to do.
void list_devices(server::DeviceRegistry& registry, const std::string& db_path) {
  const auto devices = registry.list();
  if (devices.empty()) std::cout << "No kiosks enrolled; add one with speedmeet device add " << db_path << " NAME\n";
  for (const auto& d : devices) {
    std::cout << d.name << "\t" << (d.revoked_at_ms ? "revoked" : "active") << "\tlast seen " << when(d.last_seen_at_ms)
              << "\t" << d.rows_received << " rows received\t" << clock_of(d);
    if (d.seq_conflicts > 0)
      std::cout << "\tWARNING: SHARED NAME: " << d.seq_conflicts << " rows refused (seq_conflict, last "
                << when(d.last_conflict_at_ms) << "): two kiosks use the name \"" << d.name
                << "\"; give each kiosk its own name";
    std::cout << "\n";
  }
}

// Prints the token once, or writes it to `file`, private (0600).
void hand_out_token(const std::string& name, const std::string& token, files::AtomicFile* file) {
  if (file) {
    file->write(token + "\n");
    file->commit();
    std::cerr << "Enrolled kiosk \"" << name << "\". Its token is in " << file->path()
              << " (readable only by you): copy it to the kiosk as its token_file, keeping it private "
              << "(a lost token: revoke the kiosk and add it again).\n";
    return;
  }
  std::cerr << "Enrolled kiosk \"" << name << "\". Its token follows; it is shown only now, so put it in the "
            << "kiosk's configuration (a lost token: revoke the kiosk and add it again).\n";
  std::cout << token << "\n";
}

// device rotate: the same hand-over; the old token already stopped working.
void hand_out_rotated_token(const std::string& name, const std::string& token, files::AtomicFile* file) {
  if (file) {
    file->write(token + "\n");
    file->commit();
    std::cerr << "Kiosk \"" << name << "\" has a new token in " << file->path()
              << "; its old token stopped working now. Copy the file to the kiosk as its token_file and restart it.\n";
    return;
  }
  std::cerr << "Kiosk \"" << name << "\" has a new token, shown only now; its old token stopped working. Put it in the "
            << "kiosk's token_file and restart the kiosk.\n";
  std::cout << token << "\n";
}


// How long a setup code works unless --valid says otherwise.
constexpr int kDefaultValidMinutes = 60;
constexpr int kMaxValidMinutes = 7 * 24 * 60;

struct SetupCodeOptions {
  std::string png;
  std::string url;
  std::string tls_cert;  // https only
  int valid_minutes = kDefaultValidMinutes;
};

SetupCodeOptions setup_code_options(const Args& args) {
  SetupCodeOptions o;
  o.png = *args.option("--qr");
  const auto url = args.option("--url");
  if (!url) throw UsageError("--qr needs --url URL: the address kiosks reach speedmeet serve at, e.g. https://10.0.0.2:8443");
  o.url = *url;
  while (!o.url.empty() && o.url.back() == '/') o.url.pop_back();
  const bool https = o.url.rfind("https://", 0) == 0;
  if (!https && o.url.rfind("http://", 0) != 0) throw UsageError("--url must start with http:// or https://");
  o.tls_cert = args.option("--tls-cert").value_or("");
  if (https && o.tls_cert.empty())
    throw UsageError("an https --url needs --tls-cert CERT.pem (the certificate serve uses): kiosks pin its key");
  if (!https && !o.tls_cert.empty()) throw UsageError("--tls-cert goes with an https --url");
  if (const auto valid = args.option("--valid")) {
    const bool number = !valid->empty() && valid->size() <= 5 && valid->find_first_not_of("0123456789") == std::string::npos;
    if (!number || std::stoi(*valid) < 1 || std::stoi(*valid) > kMaxValidMinutes)
      throw UsageError("--valid wants minutes from 1 to " + std::to_string(kMaxValidMinutes));
    o.valid_minutes = std::stoi(*valid);
  }
  return o;
}

// device add --qr: a one-time secret behind a setup code, drawn as a PNG.
// Everything that can fail on the organizer's side (the certificate, the
// PNG's folder) fails before the secret exists.
void add_by_setup_code(store::Database& db, const std::string& name, const SetupCodeOptions& o) {
  const print::FontCacheRelease release_fonts;  // last out, after every cairo object
  protocol::SetupCode code;
  code.url = o.url;
  if (!o.tls_cert.empty()) {
    try {
      code.tls_pin = server::tls_public_key_pin(o.tls_cert);
    } catch (const server::TlsPinError& e) {
      throw InputError(o.tls_cert, 0, "--tls-cert", e.what());
    }
  }
  code.event_key = protocol::key_fingerprint(server::read_event_info(db).public_key_hex);
  files::AtomicFile png(o.png);
  const std::int64_t now = server::unix_ms_now();
  const std::int64_t valid_ms = std::int64_t{o.valid_minutes} * 60'000;
  code.secret = server::DeviceRegistry(db).issue_enrolment_secret(name, now, valid_ms);
  // Minutes, not milliseconds, on paper.
  std::string until = server::format_utc_ms(now + valid_ms).substr(0, 16);
  until[10] = ' ';
  png.write(print::setup_code_png(protocol::setup_code_text(code), {name, until + " UTC"}));
  png.commit();
  std::cerr << "Setup code for kiosk \"" << name << "\" in " << o.png << " (readable only by you). It enrols one kiosk, "
            << "once, until " << until << " UTC: show it to the kiosk's camera or scanner on its \"scan the setup "
            << "code\" screen. The kiosk will reach " << o.url
            << (code.tls_pin.empty() ? "" : " and accept only the certificate key " + code.tls_pin) << ".\n";
}

}  // namespace

int run_device(const CommandArgs& argv) {
  const Args args(argv, {"--out", "--qr", "--url", "--tls-cert", "--valid"});
  const auto& pos = args.positional();
  if (pos.empty()) throw UsageError("device needs add, list, revoke or rotate");
  const std::string& action = pos[0];
  const bool named = action == "add" || action == "revoke" || action == "rotate";
  if (!named && action != "list") throw UsageError("unknown device action \"" + action + "\"");
  if (pos.size() != (named ? 3u : 2u))
    throw UsageError(named ? "device " + action + " needs a database and a device name" : "device list needs a database");
  const auto out = args.option("--out");
  const bool by_code = args.option("--qr").has_value();
  if (out && action != "add" && action != "rotate") throw UsageError("--out goes with device add or rotate (the token file)");
  if (by_code && action != "add") throw UsageError("--qr goes with device add");
  if (by_code && out) throw UsageError("give --qr (a setup code) or --out (a token file), not both");
  for (const char* option : {"--url", "--tls-cert", "--valid"})
    if (args.option(option) && !by_code) throw UsageError(std::string(option) + " goes with --qr");
  const std::optional<SetupCodeOptions> code_options = by_code ? std::optional(setup_code_options(args)) : std::nullopt;
  auto db = organizer::open_event_database(pos[1]);
  server::DeviceRegistry registry(db);
  if (code_options) {
    add_by_setup_code(db, pos[2], *code_options);
  } else if (action == "add" || action == "rotate") {
    // The token file is started before the token is made: a folder that
    // cannot take it fails the command before a token exists that nobody has.
    std::optional<files::AtomicFile> file;
    if (out) file.emplace(*out);
    if (action == "add") hand_out_token(pos[2], registry.add(pos[2], server::unix_ms_now()), file ? &*file : nullptr);
    else hand_out_rotated_token(pos[2], registry.rotate(pos[2]), file ? &*file : nullptr);
  } else if (action == "revoke") {
    const bool was_active = registry.revoke(pos[2], server::unix_ms_now());
    std::cout << "Kiosk \"" << pos[2] << "\" " << (was_active ? "revoked" : "was already revoked")
              << ": its token no longer works.\n";
  } else {
    list_devices(registry, pos[1]);
  }
  return 0;
}


}  // namespace speedmeet::cli
