#pragma once
// A PDF file being drawn with cairo. It appears at its path only complete
// and private (0600: badges carry credentials, agendas names): cairo writes
// through a stream into a files::AtomicFile, which finish() commits; a
// document destroyed unfinished (an exception) leaves nothing behind. A
// document made without a path is drawn in memory (a print job): finish()
// then hands its bytes over.
#include <cairo.h>

#include <memory>
#include <optional>
#include <string>

#include "files/private_file.hpp"

namespace speedmeet::print {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
inline constexpr double mm(double millimetres) { return millimetres * kPointsPerMm; }

class PdfDocument {
 public:
  // Page size in points. Throws std::runtime_error when the file cannot be created.
  PdfDocument(std::string path, double width_pt, double height_pt);
  // In memory: nothing touches the disk.
  PdfDocument(double width_pt, double height_pt);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  cairo_t* cr() const { return cr_.get(); }
  double width() const { return width_; }
  double height() const { return height_; }
  // Ends the current page and starts the next one.
  void next_page();
  int pages() const { return pages_; }
  // Ends the last page, writes the file and moves it into place; throws
  // std::runtime_error naming the file when cairo or the file system failed.
  // In memory, returns the document's bytes (empty for a file).
  std::string finish();

 private:
  struct SurfaceDeleter { void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); } };
  struct ContextDeleter { void operator()(cairo_t* c) const { cairo_destroy(c); } };
  void check(const char* action) const;
  // cairo's stream callback: appends to file_, remembering the first failure.
  static cairo_status_t write_to_file(void* closure, const unsigned char* data, unsigned int length);
  std::string path_;  // "PDF in memory" when there is no file
  std::optional<files::AtomicFile> file_;
  std::string memory_;
  std::string write_error_;
  double width_;
  double height_;
  int pages_ = 1;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface_;
  std::unique_ptr<cairo_t, ContextDeleter> cr_;
};

}  // namespace speedmeet::print
