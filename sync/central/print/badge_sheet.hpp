#pragma once
// Print-ready badge sheets: A4 with 8 badges of 90 x 55 mm (2 x 4, abutting,
// crop marks in the margins on every cut line), or one A6 portrait badge per
// page (for A6 badge holders).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "badge_render.hpp"

namespace speedmeet::print {

enum class SheetLayout { a4_8, a6 };
std::optional<SheetLayout> parse_sheet_layout(std::string_view text);  // "a4-8" | "a6"

// Writes the badges in order; returns the number of pages. Throws
// std::invalid_argument for an empty list or a QR text that cannot be encoded,
// std::runtime_error when the file cannot be written (nothing is left at path).
int write_badge_sheets(const std::string& path, const std::vector<BadgeFace>& faces, SheetLayout layout);

}  // namespace speedmeet::print
