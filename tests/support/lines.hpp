#pragma once
// The non-empty lines of a program's output.
#include <sstream>
#include <string>
#include <vector>

namespace speedmeet::test {

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace speedmeet::test
