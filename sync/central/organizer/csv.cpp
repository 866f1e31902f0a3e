#include "csv.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "domain/input_error.hpp"

namespace speedmeet::organizer {

std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The separator that occurs more often, outside quotes, on the first line.
char detect_separator(std::string_view text) {
  int commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

class Parser {
 public:
  Parser(std::string_view text, char sep, const std::string& file) : s_(text), sep_(sep), file_(file) {}

  // Reads every record; blank lines are skipped.
  std::vector<CsvRecord> records() {
    std::vector<CsvRecord> out;
    while (pos_ < s_.size()) {
      CsvRecord r = record();
      const bool blank = r.fields.size() == 1 && r.fields[0].empty();
      if (!blank) out.push_back(std::move(r));
    }
    return out;
  }

 private:
  CsvRecord record() {
    CsvRecord r;
    r.line = line_;
    while (true) {
      r.fields.push_back(field(r.line));
      if (pos_ >= s_.size()) break;
      const char c = s_[pos_];
      if (c == sep_) { ++pos_; continue; }
      end_of_line();
      break;
    }
    return r;
  }

  void end_of_line() {
    if (s_[pos_] == '\r') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
    ++line_;
  }

  std::string field(int record_line) {
    std::size_t start = pos_;
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '"') return quoted(record_line);
    pos_ = start;
    while (pos_ < s_.size() && s_[pos_] != sep_ && s_[pos_] != '\n' && s_[pos_] != '\r') {
      if (s_[pos_] == '"')
        throw InputError(file_, line_, "", "a quote inside an unquoted field; quote the whole field (\"...\") and double the quotes inside");
      ++pos_;
    }
    check_length(pos_ - start);
    return trim(s_.substr(start, pos_ - start));
  }

  std::string quoted(int record_line) {
    const int opening_line = line_;
    ++pos_;  // opening quote
    std::string value;
    while (true) {
      if (pos_ >= s_.size())
        throw InputError(file_, opening_line, "", "a quoted field is never closed (missing \")");
      const char c = s_[pos_++];
      if (c == '"') {
        if (pos_ < s_.size() && s_[pos_] == '"') { value += '"'; ++pos_; continue; }
        break;
      }
      if (c == '\n') ++line_;
      value += c;
      check_length(value.size());
    }
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
    if (pos_ < s_.size() && s_[pos_] != sep_ && s_[pos_] != '\n' && s_[pos_] != '\r')
      throw InputError(file_, line_, "", "text after the closing quote of a quoted field");
    (void)record_line;
    // A newline inside a quoted field may come as CRLF from a spreadsheet.
    value.erase(std::remove(value.begin(), value.end(), '\r'), value.end());
    return value;
  }

  void check_length(std::size_t n) const {
    if (n > kMaxCsvField)
      throw InputError(file_, line_, "", "a field longer than " + std::to_string(kMaxCsvField) + " bytes");
  }

  std::string_view s_;
  char sep_;
  const std::string& file_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

CsvTable parse_csv(std::string_view bytes, const std::string& file) {
  if (bytes.size() > kMaxCsvBytes)
    throw InputError(file, 0, "", "file is larger than " + std::to_string(kMaxCsvBytes >> 20) + " MiB");
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (const auto bad = find_invalid_utf8(bytes); bad != std::string_view::npos) {
    const auto line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    throw InputError(file, static_cast<int>(line), "", "bytes that are not UTF-8; save the file as \"CSV UTF-8\"");
  }
  if (bytes.find('\0') != std::string_view::npos) throw InputError(file, 0, "", "a NUL byte; this is not a CSV text file");

  CsvTable table;
  table.file = file;
  table.separator = detect_separator(bytes);
  auto records = Parser(bytes, table.separator, file).records();
  if (records.empty()) throw InputError(file, 1, "", "the file is empty; it needs a header line");
  for (auto& name : records.front().fields) table.header.push_back(lower(trim(name)));
  const std::size_t width = table.header.size();
  for (std::size_t i = 1; i < records.size(); ++i) {
    auto& r = records[i];
    if (r.fields.size() != width)
      throw InputError(file, r.line, "",
                       std::to_string(r.fields.size()) + " fields where the header has " + std::to_string(width) +
                           " (separator '" + std::string(1, table.separator) + "')");
    table.records.push_back(std::move(r));
  }
  return table;
}

CsvTable read_csv_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open the file");
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg()));
  if (size > kMaxCsvBytes)
    throw InputError(path, 0, "", "file is larger than " + std::to_string(kMaxCsvBytes >> 20) + " MiB");
  in.seekg(0);
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  return parse_csv(bytes, path);
}

CsvColumns match_header(const CsvTable& table, const std::vector<std::string>& required,
                        const std::vector<std::string>& optional) {
  auto joined = [](const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ",") + n;
    return s;
  };
  CsvColumns cols;
  std::vector<std::string> expected = required;
  expected.insert(expected.end(), optional.begin(), optional.end());
  for (const auto& name : table.header) {
    if (std::find(expected.begin(), expected.end(), name) == expected.end())
      throw InputError(table.file, 1, name,
                       "unknown column (is the header line missing?); expected the header " + joined(required) +
                           (optional.empty() ? "" : " and optionally " + joined(optional)));
    if (std::count(table.header.begin(), table.header.end(), name) > 1)
      throw InputError(table.file, 1, name, "column appears twice in the header");
  }
  for (const auto& name : expected) {
    auto it = std::find(table.header.begin(), table.header.end(), name);
    const bool is_required = std::find(required.begin(), required.end(), name) != required.end();
    if (it == table.header.end() && is_required)
      throw InputError(table.file, 1, name, "required column missing; expected the header " + joined(required));
    cols.index.push_back(it == table.header.end() ? -1 : static_cast<int>(it - table.header.begin()));
  }
  return cols;
}

}  // namespace speedmeet::organizer
