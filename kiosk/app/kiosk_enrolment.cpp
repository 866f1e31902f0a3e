#include "kiosk_enrolment.hpp"

#include <sys/utsname.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

#include "client/enrolment.hpp"
#include "domain/input_error.hpp"
#include "files/private_file.hpp"
#include "protocol/messages.hpp"
#include "protocol/setup_code.hpp"

namespace speedmeet::kiosk {
namespace {

std::string enrolment_file(const KioskConfig& config) { return config.data_dir + "/enrolment.json"; }

std::string hardware() {
  utsname u{};
  if (uname(&u) != 0) return "unknown";
  return std::string(u.sysname) + " " + u.machine;
}

}  // namespace

bool awaits_setup_code(const KioskConfig& config) {
  return config.server.setup_code && !std::filesystem::exists(config.server.token_file);
}

void apply_stored_enrolment(KioskConfig& config) {
  const std::string path = enrolment_file(config);
  if (!config.server.setup_code || !std::filesystem::exists(path)) return;
  std::string text;
  try {
    text = files::read_file_bounded(path, 4096);
  } catch (const files::FileError& e) {
    throw InputError(path, 0, "", e.what());
  }
  const auto j = nlohmann::json::parse(text, nullptr, false);
  const bool usable = j.is_object() && j.value("url", "").rfind("http", 0) == 0 &&
                      protocol::is_device_name(j.value("device", "")) && j.contains("tls_pin") && j["tls_pin"].is_string();
  if (!usable)
    throw InputError(path, 0, "", "damaged enrolment record: delete it and the token file, then scan a new setup code");
  config.server.url = j["url"];
  config.device_name = j["device"];
  config.server.tls_pin = j["tls_pin"];
}

SetupCodeScreen Enroller::offer(const std::string& text) {
  SetupCodeScreen screen{SetupCodeScreen::State::refused, {}, config_.language};
  try {
    const protocol::SetupCode code = protocol::parse_setup_code(text);
    const auto answer = client::enrol_with_setup_code(code, {"speedmeet-kiosk " SPEEDMEET_VERSION, hardware()});
    store(code.url, code.tls_pin, answer.device, answer.token);
    std::cerr << "speedmeet-kiosk: enrolled as \"" << answer.device << "\" at " << code.url << " (event "
              << answer.event_id << "); token kept in " << config_.server.token_file << "\n";
    screen.state = SetupCodeScreen::State::enrolling;  // what follows: the first snapshot
    return screen;
  } catch (const protocol::SetupCodeError& e) {
    screen.refusal = e.what();
  } catch (const files::FileError& e) {
    screen.refusal = std::string("The token cannot be stored: ") + e.what() + ".";
  } catch (const std::invalid_argument& e) {
    screen.refusal = std::string("This setup code cannot be used: ") + e.what() + ".";
  } catch (const std::runtime_error& e) {
    // libcurl that cannot start, a folder that cannot be made: the box's
    // problem, said as such; the screen stays up for the next code.
    screen.refusal = std::string("The enrolment failed on this kiosk: ") + e.what() + ".";
  }
  std::cerr << "speedmeet-kiosk: setup code refused: " << screen.refusal << "\n";
  return screen;
}

void Enroller::store(const std::string& url, const std::string& tls_pin, const std::string& device,
                     const std::string& token) {
  files::create_private_folders(config_.data_dir);
  const auto token_folder = std::filesystem::path(config_.server.token_file).parent_path();
  if (!token_folder.empty()) files::create_private_folders(token_folder.string());
  const nlohmann::json record = {{"url", url}, {"device", device}, {"tls_pin", tls_pin}};
  files::write_private_file(enrolment_file(config_), record.dump() + "\n");
  files::write_private_file(config_.server.token_file, token + "\n");
  enrolled_ = true;
  device_ = device;
}

}  // namespace speedmeet::kiosk
