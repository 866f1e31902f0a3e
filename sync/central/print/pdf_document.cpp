#include "pdf_document.hpp"

#include <unistd.h>

#include <cairo-pdf.h>

#include <filesystem>
#include <stdexcept>

namespace speedmeet::print {

PdfDocument::PdfDocument(std::string path, double width_pt, double height_pt)
    : path_(std::move(path)),
      temp_path_(path_ + ".tmp-" + std::to_string(::getpid())),
      width_(width_pt),
      height_(height_pt),
      surface_(cairo_pdf_surface_create(temp_path_.c_str(), width_pt, height_pt)),
      cr_(cairo_create(surface_.get())) {
  check("create");
}

PdfDocument::~PdfDocument() {
  if (finished_) return;
  cr_.reset();
  surface_.reset();
  std::error_code ignored;
  std::filesystem::remove(temp_path_, ignored);
}

void PdfDocument::check(const char* action) const {
  cairo_status_t status = cairo_surface_status(surface_.get());
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_status(cr_.get());
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot " + std::string(action) + " " + path_ + ": " + cairo_status_to_string(status));
}

void PdfDocument::next_page() {
  cairo_show_page(cr_.get());
  ++pages_;
  check("write");
}

void PdfDocument::finish() {
  cairo_show_page(cr_.get());
  check("write");
  cairo_surface_finish(surface_.get());
  check("write");
  cr_.reset();
  surface_.reset();
  std::filesystem::rename(temp_path_, path_);  // throws filesystem_error naming both paths
  finished_ = true;
}

}  // namespace speedmeet::print
