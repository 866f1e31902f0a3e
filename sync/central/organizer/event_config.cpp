#include "event_config.hpp"

#include <toml++/toml.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "domain/local_time.hpp"
#include "domain/input_error.hpp"

namespace speedmeet::organizer {
namespace {

constexpr std::size_t kMaxTomlBytes = 1u << 20;

const std::set<std::string> kKnownKeys = {"id",        "name",          "venue",         "timezone",
                                          "tables",    "start",         "rounds",        "round_minutes",
                                          "break_minutes", "language", "table_labels",
                                          "checkin_window_minutes", "grace_minutes"};

class Reader {
 public:
  Reader(const toml::table& root, const std::string& file) : root_(root), file_(file) {}

  [[noreturn]] void fail(const toml::node* node, const std::string& key, const std::string& problem) const {
    const int line = node ? static_cast<int>(node->source().begin.line) : 0;
    throw InputError(file_, line, key, problem);
  }

  const toml::node& require(const std::string& key) const {
    const toml::node* node = root_.get(key);
    if (!node) throw InputError(file_, 0, key, "required key missing");
    return *node;
  }

  std::string text(const std::string& key, std::size_t max_chars, bool required = true) const {
    const toml::node* node = root_.get(key);
    if (!node) {
      if (required) require(key);
      return {};
    }
    const auto* s = node->as_string();
    if (!s) fail(node, key, "must be a string in quotes");
    const std::string& value = s->get();
    if (value.empty()) fail(node, key, "must not be empty");
    if (value.size() > max_chars * 4) fail(node, key, "longer than " + std::to_string(max_chars) + " characters");
    return value;
  }

  int integer(const std::string& key, int min, int max) const {
    const toml::node& node = require(key);
    const auto* i = node.as_integer();
    if (!i) fail(&node, key, "must be a whole number");
    const std::int64_t v = i->get();
    if (v < min || v > max)
      fail(&node, key, std::to_string(v) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    return static_cast<int>(v);
  }

  const toml::table& root() const { return root_; }
  const std::string& file() const { return file_; }

 private:
  const toml::table& root_;
  const std::string& file_;
};

LocalSeconds read_start(const Reader& r) {
  const toml::node& node = r.require("start");
  const auto* dt = node.as_date_time();
  if (!dt)
    r.fail(&node, "start", "must be a local date and time such as 2026-11-27T14:00:00 (no quotes, no offset)");
  const toml::date_time& v = dt->get();
  if (v.offset)
    r.fail(&node, "start", "is a local time at the venue: drop the UTC offset, the time zone comes from \"timezone\"");
  using namespace std::chrono;
  const year_month_day ymd{year{v.date.year}, month{v.date.month}, day{v.date.day}};
  return local_days{ymd} + hours{v.time.hour} + minutes{v.time.minute} + seconds{v.time.second};
}

std::vector<Table> read_tables(const Reader& r, int count) {
  std::vector<Table> tables;
  for (int n = 1; n <= count; ++n) tables.push_back({n, {}});
  const toml::node* node = r.root().get("table_labels");
  if (!node) return tables;
  const auto* labels = node->as_table();
  if (!labels) r.fail(node, "table_labels", "must be a table of number = \"label\"");
  for (const auto& [key, value] : *labels) {
    const std::string k(key.str());
    int number = 0;
    try {
      std::size_t used = 0;
      number = std::stoi(k, &used);
      if (used != k.size()) number = 0;
    } catch (const std::exception&) {
      number = 0;
    }
    if (number < 1 || number > count)
      r.fail(&value, "table_labels." + k, "is not a table number in 1.." + std::to_string(count));
    const auto* s = value.as_string();
    if (!s || s->get().empty() || s->get().size() > 160)
      r.fail(&value, "table_labels." + k, "must be a non-empty string of at most 40 characters");
    tables[static_cast<std::size_t>(number - 1)].label = s->get();
  }
  return tables;
}

}  // namespace

Event parse_event_config(const std::string& toml_text, const std::string& file_name) {
  if (toml_text.size() > kMaxTomlBytes) throw InputError(file_name, 0, "", "file is larger than 1 MiB");
  toml::table root;
  try {
    root = toml::parse(toml_text, file_name);
  } catch (const toml::parse_error& e) {
    throw InputError(file_name, static_cast<int>(e.source().begin.line), "", std::string(e.description()));
  }
  const Reader r(root, file_name);
  for (const auto& [key, value] : root)
    if (!kKnownKeys.contains(std::string(key.str())))
      r.fail(&value, std::string(key.str()),
             "unknown key; expected id, name, venue, timezone, tables, start, rounds, round_minutes, "
             "break_minutes, language, table_labels, checkin_window_minutes, grace_minutes");

  Event e;
  e.id = r.text("id", 40);
  static const std::regex id_pattern("[a-z0-9][a-z0-9-]*");
  if (!std::regex_match(e.id, id_pattern))
    r.fail(root.get("id"), "id", "must use only lower-case letters, digits and '-' (it is printed in every badge)");
  e.name = r.text("name", 120);
  e.venue = r.text("venue", 200);
  e.timezone = r.text("timezone", 64);
  if (!is_known_time_zone(e.timezone))
    r.fail(root.get("timezone"), "timezone", "\"" + e.timezone + "\" is not an IANA time zone such as Europe/Luxembourg");
  if (root.get("language")) {
    const std::string lang = r.text("language", 2);
    const auto parsed = parse_language(lang);
    if (!parsed) r.fail(root.get("language"), "language", "must be fr, en or de");
    e.default_language = *parsed;
  }
  const int table_count = r.integer("tables", 1, 1000);
  e.plan.rounds = r.integer("rounds", 1, 100);
  e.plan.round_length = Minutes{r.integer("round_minutes", 1, 240)};
  e.plan.break_length = Minutes{r.integer("break_minutes", 0, 240)};
  if (root.get("checkin_window_minutes")) e.checkin_window = Minutes{r.integer("checkin_window_minutes", 0, 60)};
  if (root.get("grace_minutes")) e.grace = Minutes{r.integer("grace_minutes", 0, 60)};
  const LocalSeconds start = read_start(r);
  try {
    e.plan.first_start = LocalTimeZone(e.timezone).to_utc(start);
  } catch (const std::invalid_argument& ex) {
    r.fail(root.get("start"), "start", ex.what());
  }
  e.rounds = compute_rounds(e.plan);
  e.tables = read_tables(r, table_count);
  return e;
}

Event load_event_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_event_config(buffer.str(), path);
}

}  // namespace speedmeet::organizer
