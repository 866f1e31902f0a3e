#include "zip_writer.hpp"

#include <zlib.h>

#include <cstdint>
#include <ctime>
#include <stdexcept>

namespace speedmeet::console {
namespace {

void put16(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>((v >> 8) & 0xff));
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}

// MS-DOS date and time (local fields of UTC: zip has no time zone).
std::pair<std::uint32_t, std::uint32_t> dos_time(long long unix_time) {
  const std::time_t t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const auto time = static_cast<std::uint32_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  const auto date = static_cast<std::uint32_t>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
  return {time, date};
}

}  // namespace

std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& files, long long unix_time) {
  if (files.size() >= 0xffff) throw std::invalid_argument("too many files for a zip without zip64");
  const auto [time, date] = dos_time(unix_time);
  std::string out, directory;
  for (const auto& [name, bytes] : files) {
    if (bytes.size() >= 0xffffffffu || name.size() > 0xffff) throw std::invalid_argument("file too large for a zip");
    const auto crc = static_cast<std::uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
    const auto size = static_cast<std::uint32_t>(bytes.size());
    const auto offset = static_cast<std::uint32_t>(out.size());
    // Local file header.
    put32(out, 0x04034b50);
    put16(out, 20);  // version needed: 2.0
    put16(out, 0x0800);  // UTF-8 names
    put16(out, 0);   // stored
    put16(out, time);
    put16(out, date);
    put32(out, crc);
    put32(out, size);
    put32(out, size);
    put16(out, static_cast<std::uint32_t>(name.size()));
    put16(out, 0);
    out += name;
    out += bytes;
    // Its central directory entry.
    put32(directory, 0x02014b50);
    put16(directory, 0x0314);  // made by: Unix, 2.0
    put16(directory, 20);
    put16(directory, 0x0800);
    put16(directory, 0);
    put16(directory, time);
    put16(directory, date);
    put32(directory, crc);
    put32(directory, size);
    put32(directory, size);
    put16(directory, static_cast<std::uint32_t>(name.size()));
    put16(directory, 0);  // extra
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0100644u << 16);  // external: a regular file, rw-r--r--
    put32(directory, offset);
    directory += name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(files.size()));
  put16(out, static_cast<std::uint32_t>(files.size()));
  put32(out, static_cast<std::uint32_t>(directory.size()));
  put32(out, directory_offset);
  put16(out, 0);
  return out;
}

}  // namespace speedmeet::console
