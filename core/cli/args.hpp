#pragma once
// Minimal command-line reading: positionals and --name value options.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace speedmeet::cli {

// Bad usage: exit code 2 with the command's usage line.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  // value_options take a value; flags do not. Anything else starting with
  // "--" is a usage error.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& value_options,
       const std::set<std::string>& flags = {});

  const std::vector<std::string>& positional() const { return positional_; }
  std::optional<std::string> option(const std::string& name) const;
  std::string required(const std::string& name) const;
  bool flag(const std::string& name) const { return flags_.contains(name); }

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> options_;
  std::set<std::string> flags_;
};

// The participant ids of an `--only A,B,C` option, empty items skipped;
// UsageError when it names none.
std::vector<std::string> participant_id_list(const std::string& list);

}  // namespace speedmeet::cli
