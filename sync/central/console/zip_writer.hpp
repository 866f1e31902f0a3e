#pragma once
// A zip archive of files stored as they are (method 0, no compression):
// what /reports/all.zip needs for a handful of CSV files, readable by every
// unzip. CRC-32 from zlib. Names are plain ASCII file names.
#include <string>
#include <utility>
#include <vector>

namespace speedmeet::console {

// (name, bytes) in order; each file under 4 GiB, fewer than 65,535 files.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& files, long long unix_time);

}  // namespace speedmeet::console
