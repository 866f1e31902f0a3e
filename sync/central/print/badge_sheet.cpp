#include "badge_sheet.hpp"

#include <stdexcept>

#include "pdf_document.hpp"

namespace speedmeet::print {
namespace {

constexpr double kA4Width = 210, kA4Height = 297;  // mm
constexpr double kA6Width = 105, kA6Height = 148;
constexpr double kBadgeWidth = 90, kBadgeHeight = 55;
constexpr int kColumns = 2, kRows = 4;
constexpr double kMarkGap = 2, kMarkLength = 6;  // crop marks stop short of the cut corner

// Short lines in the margins continuing every cut line, so a guillotine can
// follow them without marks ever reaching a badge.
void draw_crop_marks(cairo_t* cr, double left, double top) {
  const double right = left + kColumns * mm(kBadgeWidth);
  const double bottom = top + kRows * mm(kBadgeHeight);
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.3);
  for (int c = 0; c <= kColumns; ++c) {
    const double x = left + c * mm(kBadgeWidth);
    cairo_move_to(cr, x, top - mm(kMarkGap));
    cairo_line_to(cr, x, top - mm(kMarkGap + kMarkLength));
    cairo_move_to(cr, x, bottom + mm(kMarkGap));
    cairo_line_to(cr, x, bottom + mm(kMarkGap + kMarkLength));
  }
  for (int r = 0; r <= kRows; ++r) {
    const double y = top + r * mm(kBadgeHeight);
    cairo_move_to(cr, left - mm(kMarkGap), y);
    cairo_line_to(cr, left - mm(kMarkGap + kMarkLength), y);
    cairo_move_to(cr, right + mm(kMarkGap), y);
    cairo_line_to(cr, right + mm(kMarkGap + kMarkLength), y);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

int write_a4_8(const std::string& path, const std::vector<BadgeFace>& faces) {
  PdfDocument pdf(path, mm(kA4Width), mm(kA4Height));
  const double left = (pdf.width() - kColumns * mm(kBadgeWidth)) / 2;
  const double top = (pdf.height() - kRows * mm(kBadgeHeight)) / 2;
  constexpr std::size_t per_page = kColumns * kRows;
  for (std::size_t i = 0; i < faces.size(); ++i) {
    const std::size_t slot = i % per_page;
    if (slot == 0) {
      if (i > 0) pdf.next_page();
      draw_crop_marks(pdf.cr(), left, top);
    }
    const double x = left + static_cast<double>(slot % kColumns) * mm(kBadgeWidth);
    const double y = top + static_cast<double>(slot / kColumns) * mm(kBadgeHeight);
    draw_badge(pdf.cr(), faces[i], x, y, mm(kBadgeWidth), mm(kBadgeHeight));
  }
  pdf.finish();
  return pdf.pages();
}

int write_a6(const std::string& path, const std::vector<BadgeFace>& faces) {
  PdfDocument pdf(path, mm(kA6Width), mm(kA6Height));
  for (std::size_t i = 0; i < faces.size(); ++i) {
    if (i > 0) pdf.next_page();
    draw_badge(pdf.cr(), faces[i], 0, 0, pdf.width(), pdf.height());
  }
  pdf.finish();
  return pdf.pages();
}

}  // namespace

std::optional<SheetLayout> parse_sheet_layout(std::string_view text) {
  if (text == "a4-8") return SheetLayout::a4_8;
  if (text == "a6") return SheetLayout::a6;
  return std::nullopt;
}

int write_badge_sheets(const std::string& path, const std::vector<BadgeFace>& faces, SheetLayout layout) {
  if (faces.empty()) throw std::invalid_argument("no badges to print");
  return layout == SheetLayout::a4_8 ? write_a4_8(path, faces) : write_a6(path, faces);
}

}  // namespace speedmeet::print
