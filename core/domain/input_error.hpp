#pragma once
// Bad input from a person's file: exit code 2 and one sentence naming the
// file, line and field at fault.
#include <stdexcept>
#include <string>

namespace speedmeet {

class InputError : public std::runtime_error {
 public:
  // line 0: the file as a whole; field empty: the line as a whole.
  InputError(std::string file, int line, std::string field, const std::string& problem)
      : std::runtime_error(format(file, line, field, problem)),
        file_(std::move(file)), line_(line), field_(std::move(field)) {}

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& field() const { return field_; }

 private:
  static std::string format(const std::string& file, int line, const std::string& field, const std::string& problem) {
    std::string out = file;
    if (line > 0) out.append(":").append(std::to_string(line));  // not ":" + ...: GCC 12 -Wrestrict false positive
    out += ": ";
    if (!field.empty()) out += "field \"" + field + "\": ";
    return out + problem;
  }
  std::string file_;
  int line_;
  std::string field_;
};

}  // namespace speedmeet
