#include "args.hpp"

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

}  // namespace speedmeet::cli
