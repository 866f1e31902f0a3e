#pragma once
// The console's web files (assets/console/*), embedded at build time by
// embed_assets.cmake: served from the binary, never from disk or a CDN.
#include <string_view>
#include <vector>

namespace speedmeet::console {

struct Asset {
  std::string_view name;   // file name under assets/console, e.g. "board.js"
  std::string_view bytes;
};

const std::vector<Asset>& assets();

}  // namespace speedmeet::console
