#pragma once
// CSV as spreadsheets read it: UTF-8 with BOM, CRLF, quoted when needed.
// Cells that a spreadsheet would run as a formula (=, +, -, @ first) are
// prefixed with ' : attendee names are not trusted input.
#include <fstream>
#include <string>
#include <vector>

namespace speedmeet::server {

std::string csv_cell(const std::string& value);
std::string csv_line(const std::vector<std::string>& cells);

class CsvFile {
 public:
  CsvFile(const std::string& path, const std::vector<std::string>& header);
  void row(const std::vector<std::string>& cells);
  void close();  // throws when the data did not reach the file

 private:
  std::string path_;
  std::ofstream out_;
};

}  // namespace speedmeet::server
