#pragma once
// Print-ready badge sheets, in the layouts desks print on (docs/BADGES.md):
// A4 with 8 badges of 90 x 55 mm (2 x 4, abutting, crop marks in the
// margins on every cut line); one A6 portrait badge per page (A6 badge
// holders); one portrait badge per label on 62 x 100 mm labels (Brother QL
// 62 mm rolls and die-cut labels) or 54 x 86 mm labels (card-size badge
// holders), the page being the label.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "badge_render.hpp"

namespace speedmeet::print {

enum class SheetLayout { a4_8, a6, label_62x100, label_54x86 };

// "a4-8" | "a6" | "label-62x100" | "label-54x86"
std::optional<SheetLayout> parse_sheet_layout(std::string_view text);
std::string_view layout_name(SheetLayout layout);
// "a4-8|a6|label-62x100|label-54x86", for usage lines and messages.
std::string_view layout_names();

// A layout's page, portrait, in millimetres, and the media name a print
// queue knows it by (IPP/PWG self-describing names, PWG 5101.1).
struct PageSize {
  double width_mm = 0;
  double height_mm = 0;
  std::string_view media;  // "iso_a4_210x297mm", "custom_62x100mm_62x100mm", ...
};
PageSize page_size(SheetLayout layout);

// The layout printed on paper of this size (either orientation, within
// 1 mm: queues report sizes rounded to their own units); nullopt when no
// layout fits that paper.
std::optional<SheetLayout> layout_for_media(double width_mm, double height_mm);

// Writes the badges in order; returns the number of pages. Throws
// std::invalid_argument for an empty list or a QR text that cannot be encoded,
// std::runtime_error when the file cannot be written (nothing is left at path).
int write_badge_sheets(const std::string& path, const std::vector<BadgeFace>& faces, SheetLayout layout);

// The same document in memory (a print job), with its page count.
struct SheetPdf {
  std::string bytes;
  int pages = 0;
};
SheetPdf badge_sheets_pdf(const std::vector<BadgeFace>& faces, SheetLayout layout);

}  // namespace speedmeet::print
