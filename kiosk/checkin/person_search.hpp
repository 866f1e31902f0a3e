#pragma once
// Finding a person by what a desk person can type on the staff panel: part
// of a name or an organization, whatever its accents and case, or the start
// of a participant id (the badge prints it under its QR). Pure: no I/O.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk_data.hpp"

namespace speedmeet::kiosk {

// Text as the search compares it: Latin letters in lower case without their
// accents (é -> e, Ø -> o, ß -> ss, Œ -> oe), combining accents dropped,
// typographic apostrophes as ', runs of white space as one space, no space
// at either end. Other characters stay as they are; bytes that are not
// UTF-8 are dropped.
std::string fold_for_search(std::string_view text);

// Everyone a desk person may check in by hand: the roster without staff.
class PersonIndex {
 public:
  PersonIndex() = default;
  explicit PersonIndex(const KioskData& data);

  struct Found {
    std::vector<std::string> ids;  // at most `limit`, best first
    std::size_t total = 0;         // every match, shown or not
  };
  // People whose id starts with `query`, or whose name or organization
  // contains it (after fold_for_search). Best first: the id itself, an id
  // prefix, a word of the name starting with it, elsewhere in the name, a
  // word of the organization starting with it, elsewhere in it; then by
  // name and id. An empty query finds nobody.
  Found find(std::string_view query, std::size_t limit) const;
  std::size_t size() const { return people_.size(); }

 private:
  struct Entry {
    std::string id;
    std::string folded_id;
    std::string folded_name;
    std::string folded_organization;
  };
  std::vector<Entry> people_;  // sorted by folded name, then id
};

}  // namespace speedmeet::kiosk
