#include "args.hpp"

#include <algorithm>

namespace speedmeet::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& value_options,
           const std::set<std::string>& flags) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      positional_.push_back(a);
      continue;
    }
    std::string name = a, value;
    bool has_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      has_value = true;
    }
    if (flags.contains(name) && !has_value) {
      flags_.insert(name);
    } else if (value_options.contains(name)) {
      if (!has_value) {
        if (i + 1 >= argv.size()) throw UsageError(name + " needs a value");
        value = argv[++i];
      }
      if (options_.contains(name)) throw UsageError(name + " given twice");
      options_[name] = value;
    } else {
      throw UsageError("unknown option " + a);
    }
  }
}

std::optional<std::string> Args::option(const std::string& name) const {
  auto it = options_.find(name);
  if (it == options_.end()) return std::nullopt;
  return it->second;
}

std::string Args::required(const std::string& name) const {
  auto v = option(name);
  if (!v) throw UsageError("missing " + name);
  return *v;
}

std::vector<std::string> participant_id_list(const std::string& list) {
  std::vector<std::string> ids;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) ids.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  if (ids.empty()) throw UsageError("--only needs participant ids separated by commas");
  return ids;
}

}  // namespace speedmeet::cli
