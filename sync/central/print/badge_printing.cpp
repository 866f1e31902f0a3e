#include "badge_printing.hpp"

#include <cmath>
#include <sstream>

namespace speedmeet::print {
namespace {

std::string millimetres(double value) {
  std::ostringstream out;
  out << std::round(value * 10) / 10;
  return out.str();
}

}  // namespace

SheetLayout choose_layout(Printer& printer, std::optional<SheetLayout> given) {
  if (given) return *given;
  const std::string choose = std::string("; choose one with --layout ") + std::string(layout_names());
  const auto media = printer.default_media();
  if (!media)
    throw NoLayoutForMedia("print queue \"" + printer.queue() + "\" does not say which paper it holds" + choose);
  if (media->width_mm <= 0 || media->height_mm <= 0)
    throw NoLayoutForMedia("print queue \"" + printer.queue() + "\" holds paper \"" + media->name +
                           "\", whose size speedmeet does not know" + choose);
  if (const auto layout = layout_for_media(media->width_mm, media->height_mm)) return *layout;
  throw NoLayoutForMedia("print queue \"" + printer.queue() + "\" holds " + media->name + " paper (" +
                         millimetres(media->width_mm) + " x " + millimetres(media->height_mm) +
                         " mm), for which there is no badge layout" + choose);
}

PrintedBadges print_badges(Printer& printer, const std::vector<BadgeFace>& faces, SheetLayout layout,
                           const std::string& title) {
  SheetPdf sheet = badge_sheets_pdf(faces, layout);
  PrintJob job{title, std::move(sheet.bytes), std::string(page_size(layout).media)};
  return {printer.submit(job), sheet.pages, layout};
}

}  // namespace speedmeet::print
