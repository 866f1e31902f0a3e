#pragma once
// Reduces a screen to at most 256 colours for small PNG screenshots (the
// docs, --headless runs). Screens are mostly flat colours plus anti-aliased
// edges: frequent colours are kept exactly, the rest are shared by median
// cut. Pure.
#include <cstdint>
#include <vector>

#include "ui/display_list.hpp"

namespace speedmeet::ui {

struct IndexedImage {
  std::vector<Color> palette;          // at most max_colors entries, alpha 255
  std::vector<std::uint8_t> indices;   // one per pixel
};

// `pixels` are 0x00RRGGBB. max_colors in 2..256.
IndexedImage quantize(const std::vector<std::uint32_t>& pixels, int max_colors = 256);

}  // namespace speedmeet::ui
