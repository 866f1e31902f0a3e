#include "pdf_document.hpp"

#include <cairo-pdf.h>

#include <stdexcept>
#include <string_view>

namespace speedmeet::print {

PdfDocument::PdfDocument(std::string path, double width_pt, double height_pt)
    : path_(std::move(path)),
      file_(std::in_place, path_),
      width_(width_pt),
      height_(height_pt),
      surface_(cairo_pdf_surface_create_for_stream(&PdfDocument::write_to_file, this, width_pt, height_pt)),
      cr_(cairo_create(surface_.get())) {
  check("create");
}

PdfDocument::PdfDocument(double width_pt, double height_pt)
    : path_("PDF in memory"),
      width_(width_pt),
      height_(height_pt),
      surface_(cairo_pdf_surface_create_for_stream(&PdfDocument::write_to_file, this, width_pt, height_pt)),
      cr_(cairo_create(surface_.get())) {
  check("create");
}

// Uncommitted, file_ removes its temporary file; the cairo objects go first
// (members are destroyed in reverse order), so nothing writes to it after.
PdfDocument::~PdfDocument() = default;

cairo_status_t PdfDocument::write_to_file(void* closure, const unsigned char* data, unsigned int length) {
  auto* self = static_cast<PdfDocument*>(closure);
  if (!self->write_error_.empty()) return CAIRO_STATUS_WRITE_ERROR;
  try {
    const std::string_view bytes(reinterpret_cast<const char*>(data), length);
    if (self->file_) self->file_->write(bytes);
    else self->memory_.append(bytes);
    return CAIRO_STATUS_SUCCESS;
  } catch (const std::exception& e) {
    self->write_error_ = e.what();
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

void PdfDocument::check(const char* action) const {
  if (!write_error_.empty()) throw std::runtime_error(write_error_);
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

std::string PdfDocument::finish() {
  cairo_show_page(cr_.get());
  check("write");
  cairo_surface_finish(surface_.get());
  check("write");
  cr_.reset();
  surface_.reset();
  if (!file_) return std::move(memory_);
  file_->commit();  // throws FileError naming the file
  return {};
}

}  // namespace speedmeet::print
