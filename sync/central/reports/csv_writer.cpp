#include "csv_writer.hpp"

#include <stdexcept>

namespace speedmeet::server {

std::string csv_cell(const std::string& value) {
  std::string v = value;
  if (!v.empty() && std::string("=+-@\t\r").find(v.front()) != std::string::npos) {
    // A negative number is data, not a formula.
    const bool number = v.size() > 1 && v.front() == '-' && v.find_first_not_of("0123456789.", 1) == std::string::npos;
    if (!number) v.insert(v.begin(), '\'');
  }
  if (v.find_first_of(",;\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (const char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) line += ',';
    line += csv_cell(cells[i]);
  }
  return line + "\r\n";
}

CsvFile::CsvFile(const std::string& path, const std::vector<std::string>& header)
    : path_(path), out_(path, std::ios::binary | std::ios::trunc) {
  if (!out_) throw std::runtime_error("cannot write " + path);
  out_ << "\xEF\xBB\xBF" << csv_line(header);
}

void CsvFile::row(const std::vector<std::string>& cells) { out_ << csv_line(cells); }

void CsvFile::close() {
  out_.close();
  if (!out_) throw std::runtime_error("cannot write " + path_);
}

}  // namespace speedmeet::server
