#include "kiosk_config.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "domain/input_error.hpp"

namespace speedmeet::kiosk {
namespace {

using speedmeet::InputError;

class Section {
 public:
  Section(const toml::table& table, std::string prefix, const std::string& file, std::set<std::string> known)
      : table_(table), prefix_(std::move(prefix)), file_(file) {
    for (const auto& [key, value] : table_)
      if (!known.contains(std::string(key.str())))
        fail(&value, std::string(key.str()), "unknown key");
  }

  [[noreturn]] void fail(const toml::node* node, const std::string& key, const std::string& problem) const {
    throw InputError(file_, node ? static_cast<int>(node->source().begin.line) : 0, prefix_ + key, problem);
  }

  void text(const std::string& key, std::string& out, std::size_t max = 512) const {
    const toml::node* n = table_.get(key);
    if (!n) return;
    if (!n->as_string()) fail(n, key, "must be a string in quotes");
    out = n->as_string()->get();
    if (out.size() > max) fail(n, key, "is too long");
  }
  void integer(const std::string& key, int& out, int min, int max) const {
    const toml::node* n = table_.get(key);
    if (!n) return;
    if (!n->as_integer()) fail(n, key, "must be a whole number");
    const auto v = n->as_integer()->get();
    if (v < min || v > max) fail(n, key, "must be in " + std::to_string(min) + ".." + std::to_string(max));
    out = static_cast<int>(v);
  }
  void boolean(const std::string& key, bool& out) const {
    const toml::node* n = table_.get(key);
    if (!n) return;
    if (!n->as_boolean()) fail(n, key, "must be true or false");
    out = n->as_boolean()->get();
  }
  const toml::table* sub(const std::string& key) const {
    const toml::node* n = table_.get(key);
    if (!n) return nullptr;
    if (!n->as_table()) fail(n, key, "must be a [" + key + "] table");
    return n->as_table();
  }
  const toml::node* node(const std::string& key) const { return table_.get(key); }

 private:
  const toml::table& table_;
  std::string prefix_;
  const std::string& file_;
};

void check_colour(const Section& s, const std::string& key, const std::string& value) {
  static const std::regex colour("#[0-9A-Fa-f]{6}");
  if (!std::regex_match(value, colour)) s.fail(s.node(key), key, "must be a colour like \"#123B6D\"");
}

// A relative path in the file means: next to the file. A kiosk started by
// systemd (working directory /) or from another folder finds the same files.
void resolve_against(const std::filesystem::path& folder, std::string& path) {
  if (path.empty() || folder.empty() || std::filesystem::path(path).is_absolute()) return;
  path = (folder / path).lexically_normal().string();
}

void resolve_paths(KioskConfig& c, const std::string& file) {
  const std::filesystem::path folder = std::filesystem::path(file).parent_path();
  for (std::string* path :
       {&c.data_dir, &c.camera.device, &c.scanner.device, &c.server.token_file, &c.server.ca_file, &c.branding.logo, &c.printer.device})
    resolve_against(folder, *path);
}

}  // namespace

KioskConfig parse_kiosk_config(const std::string& text, const std::string& file) {
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, static_cast<int>(e.source().begin.line), "", std::string(e.description()));
  }
  KioskConfig c;
  const Section top(root, "", file,
                    {"device", "data", "mode", "language", "fullscreen", "sound", "camera", "scanner", "server", "branding",
                     "printer", "selfcheck"});
  top.text("device", c.device_name, 64);
  static const std::regex device_name("[A-Za-z0-9._-]{1,64}");
  if (!std::regex_match(c.device_name, device_name))
    top.fail(top.node("device"), "device", "may use only letters, digits, '.', '_' and '-'");
  top.text("data", c.data_dir, 1024);
  std::string mode = "entrance";
  top.text("mode", mode, 16);
  if (mode == "board") c.mode = KioskMode::board;
  else if (mode != "entrance") top.fail(top.node("mode"), "mode", "must be \"entrance\" or \"board\"");
  std::string language = "en";
  top.text("language", language, 2);
  if (auto l = parse_language(language)) c.language = *l;
  else top.fail(top.node("language"), "language", "must be fr, en or de");
  top.boolean("fullscreen", c.fullscreen);
  top.boolean("sound", c.sound);

  if (const auto* t = top.sub("camera")) {
    const Section s(*t, "camera.", file, {"device", "width", "height", "fps"});
    s.text("device", c.camera.device, 256);
    s.integer("width", c.camera.width, 160, 3840);
    s.integer("height", c.camera.height, 120, 2160);
    s.integer("fps", c.camera.fps, 1, 120);
  }
  if (const auto* t = top.sub("scanner")) {
    const Section s(*t, "scanner.", file, {"enabled", "max_gap_ms", "terminator", "accept_typing", "device"});
    s.text("device", c.scanner.device, 256);
    s.boolean("enabled", c.scanner.enabled);
    s.integer("max_gap_ms", c.scanner.max_gap_ms, 1, 1000);
    s.text("terminator", c.scanner.terminator, 8);
    if (c.scanner.terminator != "enter" && c.scanner.terminator != "tab")
      s.fail(s.node("terminator"), "terminator", "must be \"enter\" or \"tab\"");
    s.boolean("accept_typing", c.scanner.accept_typing);
  }
  if (const auto* t = top.sub("server")) {
    const Section s(*t, "server.", file, {"url", "token_file", "ca_file", "setup_code"});
    s.text("url", c.server.url, 512);
    if (!c.server.url.empty() && c.server.url.rfind("http://", 0) != 0 && c.server.url.rfind("https://", 0) != 0)
      s.fail(s.node("url"), "url", "must start with http:// or https://");
    s.text("token_file", c.server.token_file, 1024);
    s.text("ca_file", c.server.ca_file, 1024);
    s.boolean("setup_code", c.server.setup_code);
    if (c.server.setup_code && c.server.token_file.empty())
      s.fail(s.node("setup_code"), "token_file", "is required with setup_code (where the token from the code is kept)");
    if (!c.server.url.empty() && c.server.token_file.empty())
      s.fail(s.node("url"), "token_file", "is required with a server url (the device token from speedmeet device add)");
  }
  if (const auto* t = top.sub("selfcheck")) {
    const Section s(*t, "selfcheck.", file, {"min_free_mb", "require_server"});
    s.integer("min_free_mb", c.selfcheck.min_free_mb, 0, 1'000'000);
    s.boolean("require_server", c.selfcheck.require_server);
  }
  if (const auto* t = top.sub("branding")) {
    const Section s(*t, "branding.", file, {"primary", "accent", "logo"});
    s.text("primary", c.branding.primary, 7);
    check_colour(s, "primary", c.branding.primary);
    s.text("accent", c.branding.accent, 7);
    check_colour(s, "accent", c.branding.accent);
    s.text("logo", c.branding.logo, 1024);
  }
  if (const auto* t = top.sub("printer")) {
    const Section s(*t, "printer.", file, {"device", "columns"});
    s.text("device", c.printer.device, 1024);
    if (c.printer.device.empty())
      s.fail(s.node("device"), "device", "is required in [printer]: the receipt printer's device file, e.g. \"/dev/usb/lp0\"");
    s.integer("columns", c.printer.columns, 24, 64);
  }
  resolve_paths(c, file);
  return c;
}

KioskConfig load_kiosk_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open the file");
  std::ostringstream s;
  s << in.rdbuf();
  if (s.str().size() > (1u << 20)) throw InputError(path, 0, "", "file is larger than 1 MiB");
  return parse_kiosk_config(s.str(), path);
}

}  // namespace speedmeet::kiosk
