#pragma once
// CSV as spreadsheets read it: UTF-8 with BOM, CRLF, quoted when needed.
// Cells that a spreadsheet would run as a formula (=, +, -, @ first) are
// prefixed with ' : attendee names are not trusted input.
#include <string>
#include <vector>

#include "files/private_file.hpp"

namespace speedmeet::server {

std::string csv_cell(const std::string& value);
std::string csv_line(const std::vector<std::string>& cells);

// A report file: private (0600), written beside its path and moved there by
// close() only complete (files::AtomicFile); destroyed unclosed, it leaves
// nothing behind.
class CsvFile {
 public:
  CsvFile(const std::string& path, const std::vector<std::string>& header);
  void row(const std::vector<std::string>& cells);
  void close();  // throws when the data did not reach the file

 private:
  void flush();
  files::AtomicFile file_;
  std::string buffer_;
};

}  // namespace speedmeet::server
