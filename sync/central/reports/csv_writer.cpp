#include "csv_writer.hpp"


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

namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;

}  // namespace

CsvFile::CsvFile(const std::string& path, const std::vector<std::string>& header) : file_(path) {
  buffer_ = "\xEF\xBB\xBF" + csv_line(header);
}

void CsvFile::row(const std::vector<std::string>& cells) {
  buffer_ += csv_line(cells);
  if (buffer_.size() >= kFlushBytes) flush();
}

void CsvFile::flush() {
  file_.write(buffer_);
  buffer_.clear();
}

void CsvFile::close() {
  flush();
  file_.commit();
}

}  // namespace speedmeet::server
