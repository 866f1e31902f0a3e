#include "demo_event.hpp"

#include <filesystem>
#include <map>

#include "client/kiosk_bundles.hpp"
#include "files/private_file.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/schema.hpp"

namespace speedmeet::kiosk {
namespace {

const std::map<std::string, std::string, std::less<>>& demo_codes() {
  static const auto codes = [] {
    std::map<std::string, std::string, std::less<>> out;
    const std::string_view text = embedded_demo().codes;
    std::size_t at = 0;
    while (at < text.size()) {
      const std::size_t end = std::min(text.find('\n', at), text.size());
      const std::string_view line = text.substr(at, end - at);
      if (const auto tab = line.find('\t'); tab != std::string_view::npos)
        out.emplace(line.substr(0, tab), line.substr(tab + 1));
      at = end + 1;
    }
    return out;
  }();
  return codes;
}

}  // namespace

DemoPaths prepare_demo(const std::string& dir) {
  namespace fs = std::filesystem;
  files::create_private_folders(dir);
  DemoPaths paths{(fs::path(dir) / "demo.db").string(), (fs::path(dir) / "badges.pdf").string()};
  {
    store::Database db(paths.database);
    store::migrate(db);
    if (!store::EventStore(db).has_event()) client::load_snapshot_text(db, embedded_demo().snapshot, "demo snapshot");
  }
  if (!fs::exists(paths.badges_pdf)) files::write_private_file(paths.badges_pdf, embedded_demo().badges_pdf);
  return paths;
}

std::optional<std::string> demo_badge_for(const std::string& typed) {
  const auto& codes = demo_codes();
  const auto it = codes.find(typed);
  if (it == codes.end()) return std::nullopt;
  return it->second;
}

}  // namespace speedmeet::kiosk
