#pragma once
// CSV as spreadsheets export it: UTF-8 with or without BOM, ',' or ';'
// (detected from the header), CRLF or LF, RFC 4180 quoting (separators,
// quotes and newlines inside quoted fields). Anything else is refused with an
// InputError naming the line. Pure: parses bytes already read.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace speedmeet::organizer {

struct CsvRecord {
  int line = 0;  // line on which the record starts (1-based)
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;  // for messages
  char separator = ',';
  std::vector<std::string> header;  // trimmed, lower-case
  std::vector<CsvRecord> records;   // data records, blank lines skipped
};

inline constexpr std::size_t kMaxCsvBytes = 64u << 20;
inline constexpr std::size_t kMaxCsvField = 4096;

CsvTable parse_csv(std::string_view bytes, const std::string& file);
CsvTable read_csv_file(const std::string& path);

// Where `expected` columns stand in the header. Required columns must all be
// present, optional ones may be; any other column is refused.
struct CsvColumns {
  std::vector<int> index;  // per expected column, -1 when absent
};
CsvColumns match_header(const CsvTable& table, const std::vector<std::string>& required,
                        const std::vector<std::string>& optional = {});

// Validates UTF-8; returns the byte offset of the first bad sequence or npos.
std::size_t find_invalid_utf8(std::string_view text);
std::size_t utf8_length(std::string_view text);

}  // namespace speedmeet::organizer
