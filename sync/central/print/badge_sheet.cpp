#include "badge_sheet.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "pdf_document.hpp"

namespace speedmeet::print {
namespace {

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

struct LayoutInfo {
  SheetLayout layout;
  std::string_view name;
  PageSize page;
};
constexpr LayoutInfo kLayouts[] = {
    {SheetLayout::a4_8, "a4-8", {210, 297, "iso_a4_210x297mm"}},
    {SheetLayout::a6, "a6", {105, 148, "iso_a6_105x148mm"}},
    {SheetLayout::label_62x100, "label-62x100", {62, 100, "custom_62x100mm_62x100mm"}},
    {SheetLayout::label_54x86, "label-54x86", {54, 86, "custom_54x86mm_54x86mm"}},
};
constexpr double kMediaTolerance = 1.0;  // mm

const LayoutInfo& info(SheetLayout layout) {
  for (const LayoutInfo& l : kLayouts)
    if (l.layout == layout) return l;
  throw std::invalid_argument("unknown badge layout");
}

void draw_a4_8(PdfDocument& pdf, const std::vector<BadgeFace>& faces) {
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
}

// A6 and the labels: the page is the badge.
void draw_one_per_page(PdfDocument& pdf, const std::vector<BadgeFace>& faces) {
  for (std::size_t i = 0; i < faces.size(); ++i) {
    if (i > 0) pdf.next_page();
    draw_badge(pdf.cr(), faces[i], 0, 0, pdf.width(), pdf.height());
  }
}

void draw(PdfDocument& pdf, const std::vector<BadgeFace>& faces, SheetLayout layout) {
  if (faces.empty()) throw std::invalid_argument("no badges to print");
  if (layout == SheetLayout::a4_8)
    draw_a4_8(pdf, faces);
  else
    draw_one_per_page(pdf, faces);
}

}  // namespace

std::optional<SheetLayout> parse_sheet_layout(std::string_view text) {
  for (const LayoutInfo& l : kLayouts)
    if (l.name == text) return l.layout;
  return std::nullopt;
}

std::string_view layout_name(SheetLayout layout) { return info(layout).name; }

std::string_view layout_names() { return "a4-8|a6|label-62x100|label-54x86"; }

PageSize page_size(SheetLayout layout) { return info(layout).page; }

std::optional<SheetLayout> layout_for_media(double width_mm, double height_mm) {
  const double short_side = std::min(width_mm, height_mm), long_side = std::max(width_mm, height_mm);
  for (const LayoutInfo& l : kLayouts)
    if (std::abs(l.page.width_mm - short_side) <= kMediaTolerance &&
        std::abs(l.page.height_mm - long_side) <= kMediaTolerance)
      return l.layout;
  return std::nullopt;
}

int write_badge_sheets(const std::string& path, const std::vector<BadgeFace>& faces, SheetLayout layout) {
  const PageSize page = page_size(layout);
  if (faces.empty()) throw std::invalid_argument("no badges to print");
  PdfDocument pdf(path, mm(page.width_mm), mm(page.height_mm));
  draw(pdf, faces, layout);
  pdf.finish();
  return pdf.pages();
}

SheetPdf badge_sheets_pdf(const std::vector<BadgeFace>& faces, SheetLayout layout) {
  const PageSize page = page_size(layout);
  if (faces.empty()) throw std::invalid_argument("no badges to print");
  PdfDocument pdf(mm(page.width_mm), mm(page.height_mm));
  draw(pdf, faces, layout);
  const int pages = pdf.pages();
  return {pdf.finish(), pages};
}

}  // namespace speedmeet::print
